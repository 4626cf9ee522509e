import type { Language } from "../text/language.ts";

export type { Language } from "../text/language.ts";

/**
 * Every sentence the bot itself says (not quoted from a source), per language. The answerers, the
 * widget (the server writes its part into widget.js as it serves it) and Slack take their wording from
 * here, so a language is added in one place.
 */
export const DEFAULT_LANGUAGE = "en" satisfies Language;

const ENGLISH = {
  abstain: "The sources I have do not say. Rather than guess, here are the closest passages I found.",
  /** Put before quotes in another language than the question's. */
  answerLead: "According to the sources:",
  sourcesLabel: "Sources",
  closestPassagesLabel: "Closest passages",
  notInSourcesLabel: "Not in the sources",
  /** For screen readers, before an answer. */
  answerLabel: "Answer:",
  answerAnnouncement: "Answer: {answer} Sources: {count}.",
  abstentionAnnouncement: "The sources do not say. Closest passages offered: {count}.",
  closestPassagesNote: "Closest passages in the sources; they do not answer the question:",
  questionLabel: "Question:",
  sourceLabel: "Source: {title}",
  sourcesListLabel: "Sources: {titles}",
  /** Replies to greetings, thanks and "what can you answer?", built around the documents' titles. */
  greeting: "Hello!",
  thanks: "You're welcome.",
  scope:
    "I answer questions from my sources ({titles}), quoting the passage each answer comes from, and I say so when they do not cover a question.",
  titlesAndMore: "{titles} and {count} more",
  /** "Tell me more" when every passage on the topic has been quoted already. */
  noMore: "That is all my sources say on this; I have nothing more to add.",
  /** A direct answer before the quote it comes from: "Thursday — “…”" (the widget and Slack). */
  shortAnswer: "{short} — “{answer}”",
  // The chat widget's own words (src/web/widget-messages.ts lists them): its frame in the page's language,
  // the parts of an answer in the answer's.
  widgetHeading: "Ask about Xi's 2024 visit to Peru",
  /** Suggested questions, separated by "|" as in the widget's data-suggestions. */
  widgetSuggestions:
    "When will Chancay Port be inaugurated?|How long has China been Peru's biggest trading partner?|Who is Peru's ambassador to China?",
  launcherLabel: "Ask a question",
  openChat: "Open chat: {heading}",
  questionPlaceholder: "Ask a question…",
  questionInputLabel: "Your question",
  send: "Send",
  newChat: "New chat",
  closeChat: "Close chat",
  widgetIntro: "I answer only from my sources and quote them word for word. Select a numbered source to read the passage.",
  suggestionsLabel: "Try asking",
  conversationLabel: "Conversation",
  youAsked: "You asked:",
  lookingThrough: "Looking through the sources…",
  newConversationStarted: "Started a new conversation.",
  sourceButton: "Source {number}: {title}. “{excerpt}”",
  copy: "Copy",
  copied: "Copied",
  answerCopied: "Answer copied.",
  helpful: "Helpful",
  notHelpful: "Not helpful",
  feedbackPrompt: "Anything to add? (optional)",
  sendFeedback: "Send feedback",
  cancel: "Cancel",
  feedbackThanks: "Thanks for your feedback.",
  feedbackFailed: "Could not send your feedback. Please try again.",
  networkError: "Could not reach the assistant. Check your connection, then retry.",
  rateLimited: "Too many questions in a short time.",
  busy: "The assistant is busy right now.",
  notReady: "The assistant is still loading its sources.",
  serverError: "Something went wrong: {message}",
  retry: "Retry",
  retryIn: "You can retry in {seconds} s.",
  retryNow: "You can retry now.",
  retryingIn: "Trying again in {seconds} s…",
  backToChat: "Back to chat",
  loadingPassage: "Loading the passage…",
  documentUnavailable: "Could not load this document. Check your connection and try again.",
  readOriginal: "Read the original",
  documentChanged: "This document has changed since the answer was given. The quoted passage was:",
  // Slack's notices, in the language of the question they answer.
  slackNotReady: "I'm still loading my sources. Please ask again in a moment.",
  slackFailure: "Sorry, something went wrong while answering. Please try again.",
  slackBusy: "I'm answering many questions right now. Please ask again in a moment.",
  slackTimeout: "Sorry, that took too long to answer. Please try again.",
  slackTooLong: "Please keep the question under {max} characters.",
} as const;

export type MessageId = keyof typeof ENGLISH;

const MESSAGES = {
  en: ENGLISH,
  es: {
    abstain: "Las fuentes que tengo no lo dicen. En lugar de adivinar, aquí están los pasajes más cercanos que encontré.",
    answerLead: "Según las fuentes:",
    sourcesLabel: "Fuentes",
    closestPassagesLabel: "Pasajes más cercanos",
    notInSourcesLabel: "No está en las fuentes",
    answerLabel: "Respuesta:",
    answerAnnouncement: "Respuesta: {answer} Fuentes: {count}.",
    abstentionAnnouncement: "Las fuentes no lo dicen. Pasajes más cercanos ofrecidos: {count}.",
    closestPassagesNote: "Pasajes más cercanos de las fuentes; no responden a la pregunta:",
    questionLabel: "Pregunta:",
    sourceLabel: "Fuente: {title}",
    sourcesListLabel: "Fuentes: {titles}",
    greeting: "¡Hola!",
    thanks: "De nada.",
    scope:
      "Respondo preguntas a partir de mis fuentes ({titles}), citando el pasaje del que sale cada respuesta, y lo digo cuando no cubren una pregunta.",
    titlesAndMore: "{titles} y {count} más",
    noMore: "Eso es todo lo que dicen mis fuentes sobre esto; no tengo nada más que añadir.",
    shortAnswer: "{short} — «{answer}»",
    widgetHeading: "Pregunte sobre la visita de Xi al Perú en 2024",
    widgetSuggestions:
      "¿Cuándo será la inauguración del puerto de Chancay?|¿Desde cuándo es China el mayor socio comercial del Perú?|¿Quién es el embajador del Perú en China?",
    launcherLabel: "Hacer una pregunta",
    openChat: "Abrir el chat: {heading}",
    questionPlaceholder: "Escriba su pregunta…",
    questionInputLabel: "Su pregunta",
    send: "Enviar",
    newChat: "Nuevo chat",
    closeChat: "Cerrar el chat",
    widgetIntro: "Respondo solo a partir de mis fuentes y las cito textualmente. Seleccione una fuente numerada para leer el pasaje.",
    suggestionsLabel: "Pruebe a preguntar",
    conversationLabel: "Conversación",
    youAsked: "Usted preguntó:",
    lookingThrough: "Buscando en las fuentes…",
    newConversationStarted: "Se inició una nueva conversación.",
    sourceButton: "Fuente {number}: {title}. «{excerpt}»",
    copy: "Copiar",
    copied: "Copiado",
    answerCopied: "Respuesta copiada.",
    helpful: "Útil",
    notHelpful: "No es útil",
    feedbackPrompt: "¿Algo que añadir? (opcional)",
    sendFeedback: "Enviar opinión",
    cancel: "Cancelar",
    feedbackThanks: "Gracias por su opinión.",
    feedbackFailed: "No se pudo enviar su opinión. Inténtelo de nuevo.",
    networkError: "No se pudo contactar con el asistente. Compruebe su conexión y vuelva a intentarlo.",
    rateLimited: "Demasiadas preguntas en poco tiempo.",
    busy: "El asistente está ocupado en este momento.",
    notReady: "El asistente todavía está cargando sus fuentes.",
    serverError: "Algo salió mal: {message}",
    retry: "Reintentar",
    retryIn: "Podrá reintentar en {seconds} s.",
    retryNow: "Ya puede reintentar.",
    retryingIn: "Reintentando en {seconds} s…",
    backToChat: "Volver al chat",
    loadingPassage: "Cargando el pasaje…",
    documentUnavailable: "No se pudo cargar este documento. Compruebe su conexión e inténtelo de nuevo.",
    readOriginal: "Leer el original",
    documentChanged: "Este documento cambió después de darse la respuesta. El pasaje citado era:",
    slackNotReady: "Todavía estoy cargando mis fuentes. Vuelva a preguntar en un momento.",
    slackFailure: "Lo siento, algo salió mal al responder. Inténtelo de nuevo.",
    slackBusy: "Estoy respondiendo muchas preguntas ahora mismo. Vuelva a preguntar en un momento.",
    slackTimeout: "Lo siento, la respuesta tardó demasiado. Inténtelo de nuevo.",
    slackTooLong: "Haga la pregunta en menos de {max} caracteres.",
  },
  zh: {
    abstain: "我掌握的资料中没有提到这一点。为避免猜测，以下是我找到的最相关的段落。",
    answerLead: "根据资料：",
    sourcesLabel: "资料来源",
    closestPassagesLabel: "最相关的段落",
    notInSourcesLabel: "资料中没有答案",
    answerLabel: "回答：",
    answerAnnouncement: "回答：{answer} 资料来源：{count} 条。",
    abstentionAnnouncement: "资料中没有答案。已列出 {count} 段最相关的内容。",
    closestPassagesNote: "资料中最相关的段落（并未回答这个问题）：",
    questionLabel: "问题：",
    sourceLabel: "来源：{title}",
    sourcesListLabel: "资料来源：{titles}",
    greeting: "你好！",
    thanks: "不客气。",
    scope: "我根据我的资料（{titles}）回答问题，并引用每个回答所依据的段落；资料中没有的内容，我会直接说明。",
    titlesAndMore: "{titles}等 {count} 篇",
    noMore: "关于这一点，资料中就这些内容，我没有更多可补充的了。",
    shortAnswer: "{short}——“{answer}”",
    widgetHeading: "关于习近平2024年访问秘鲁的问答",
    widgetSuggestions: "钱凯港什么时候启用？|中国成为秘鲁最大贸易伙伴有多久了？|秘鲁驻华大使是谁？",
    launcherLabel: "提问",
    openChat: "打开对话：{heading}",
    questionPlaceholder: "请输入问题…",
    questionInputLabel: "你的问题",
    send: "发送",
    newChat: "新对话",
    closeChat: "关闭对话",
    widgetIntro: "我只根据资料回答，并逐字引用原文。选择带编号的来源即可阅读相应段落。",
    suggestionsLabel: "试着问问",
    conversationLabel: "对话",
    youAsked: "你的提问：",
    lookingThrough: "正在查阅资料…",
    newConversationStarted: "已开始新对话。",
    sourceButton: "来源 {number}：{title}。“{excerpt}”",
    copy: "复制",
    copied: "已复制",
    answerCopied: "已复制回答。",
    helpful: "有帮助",
    notHelpful: "没有帮助",
    feedbackPrompt: "还有什么要补充的吗？（可选）",
    sendFeedback: "发送反馈",
    cancel: "取消",
    feedbackThanks: "感谢你的反馈。",
    feedbackFailed: "反馈发送失败，请重试。",
    networkError: "无法连接到助手。请检查网络连接后重试。",
    rateLimited: "短时间内提问过多。",
    busy: "助手现在很忙。",
    notReady: "助手仍在加载资料。",
    serverError: "出错了：{message}",
    retry: "重试",
    retryIn: "{seconds} 秒后可重试。",
    retryNow: "现在可以重试。",
    retryingIn: "{seconds} 秒后自动重试…",
    backToChat: "返回对话",
    loadingPassage: "正在加载段落…",
    documentUnavailable: "无法加载此文档。请检查网络连接后重试。",
    readOriginal: "阅读原文",
    documentChanged: "给出回答后，此文档已有改动。当时引用的段落是：",
    slackNotReady: "我还在加载资料，请稍后再问。",
    slackFailure: "抱歉，回答时出错了，请重试。",
    slackBusy: "我现在正在回答很多问题，请稍后再问。",
    slackTimeout: "抱歉，回答用时过长，请重试。",
    slackTooLong: "请将问题控制在 {max} 个字符以内。",
  },
} as const satisfies Partial<Record<Language, Record<MessageId, string>>>;

/** Languages with a message table; any other language is answered in the default one. */
export type MessageLanguage = keyof typeof MESSAGES;

export const MESSAGE_LANGUAGES = Object.keys(MESSAGES) as MessageLanguage[];

/** The language whose table answers `language`: itself when it has one, else the default. */
export function messageLanguage(language: Language): MessageLanguage {
  return Object.hasOwn(MESSAGES, language) ? (language as MessageLanguage) : DEFAULT_LANGUAGE;
}

/** The message in `language` (the default language's when it has no table), with `{name}` placeholders filled from `values`. */
export function message(language: Language, id: MessageId, values: Readonly<Record<string, string>> = {}): string {
  const template: string = MESSAGES[messageLanguage(language)][id];
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => values[name] ?? placeholder);
}

/** Every message of one language, for tests that hold each table to the same ids and placeholders. */
export function messageTable(language: MessageLanguage): Readonly<Record<MessageId, string>> {
  return MESSAGES[language];
}
