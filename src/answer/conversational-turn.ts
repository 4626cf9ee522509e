import { message } from "../i18n/messages.ts";
import type { Language } from "../text/language.ts";
import type { LanguageRules } from "./language-rules.ts";

/** Turns that are not questions about the sources: greetings, thanks, "what can you answer?", "tell me more". */
export type ConversationalTurn = "greeting" | "thanks" | "scope" | "more";

export function conversationalTurn(question: string, rules: LanguageRules): ConversationalTurn | undefined {
  const text = question.trim();
  const { conversation } = rules;
  if (conversation.more.test(text)) return "more";
  if (conversation.greeting.test(text)) return "greeting";
  if (conversation.thanks.test(text)) return "thanks";
  if (conversation.scope.test(text) || asksAboutTheBot(text, rules)) return "scope";
  return undefined;
}

/** A turn to the bot that names no topic: every word is one of the rules' words for asking what it can do. */
function asksAboutTheBot(text: string, rules: LanguageRules): boolean {
  const about = rules.conversation.aboutTheBot;
  if (!about?.addressee.test(text)) return false;
  const words = text.toLowerCase().match(/[\p{L}\p{N}'’]+/gu) ?? [];
  return words.length > 0 && words.every((word) => about.words.has(word.replace(/’/g, "'")));
}

/** Titles named in a scope reply; past this many the rest are counted. */
const TITLES_NAMED = 4;

/** A short reply saying what the bot can answer, built from the titles of its documents. */
export function scopeReply(options: { turn: Exclude<ConversationalTurn, "more">; titles: readonly string[]; language: Language }): string {
  const { turn, titles, language } = options;
  const named = titles.slice(0, TITLES_NAMED).map((title) => `“${title}”`);
  const rest = titles.length - named.length;
  const list = rest > 0 ? message(language, "titlesAndMore", { titles: named.join(", "), count: String(rest) }) : named.join(", ");
  const scope = message(language, "scope", { titles: list });
  if (turn === "greeting") return `${message(language, "greeting")} ${scope}`;
  if (turn === "thanks") return `${message(language, "thanks")} ${scope}`;
  return scope;
}
