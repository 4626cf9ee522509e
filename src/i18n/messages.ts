import type { Language } from "../text/language.ts";

export type { Language } from "../text/language.ts";

/**
 * Every sentence the bot itself says (not quoted from a source), per language. The answerers, the
 * widget (through the API) and Slack take their wording from here, so a language is added in one place.
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
  sourceLabel: "Source:",
  sourcesListLabel: "Sources:",
  /** Replies to greetings, thanks and "what can you answer?", built around the documents' titles. */
  greeting: "Hello!",
  thanks: "You're welcome.",
  scope:
    "I answer questions from my sources ({titles}), quoting the passage each answer comes from, and I say so when they do not cover a question.",
  titlesAndMore: "{titles} and {count} more",
  /** "Tell me more" when every passage on the topic has been quoted already. */
  noMore: "That is all my sources say on this; I have nothing more to add.",
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
    sourceLabel: "Fuente:",
    sourcesListLabel: "Fuentes:",
    greeting: "¡Hola!",
    thanks: "De nada.",
    scope:
      "Respondo preguntas a partir de mis fuentes ({titles}), citando el pasaje del que sale cada respuesta, y lo digo cuando no cubren una pregunta.",
    titlesAndMore: "{titles} y {count} más",
    noMore: "Eso es todo lo que dicen mis fuentes sobre esto; no tengo nada más que añadir.",
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
    sourceLabel: "来源：",
    sourcesListLabel: "资料来源：",
    greeting: "你好！",
    thanks: "不客气。",
    scope: "我根据我的资料（{titles}）回答问题，并引用每个回答所依据的段落；资料中没有的内容，我会直接说明。",
    titlesAndMore: "{titles}等 {count} 篇",
    noMore: "关于这一点，资料中就这些内容，我没有更多可补充的了。",
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
