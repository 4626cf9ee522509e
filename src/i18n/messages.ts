import type { Language } from "../text/language.ts";

export type { Language } from "../text/language.ts";

/**
 * Every sentence the bot itself says (not quoted from a source), per language. The answerers, the
 * widget (through the API) and Slack take their wording from here, so a language is added in one place.
 */
export const DEFAULT_LANGUAGE = "en" satisfies Language;

const MESSAGES = {
  en: {
    abstain: "The sources I have do not say. Rather than guess, here are the closest passages I found.",
  },
} as const satisfies Partial<Record<Language, Record<string, string>>>;

/** Languages with a message table; any other language is answered in the default one. */
export type MessageLanguage = keyof typeof MESSAGES;

export type MessageId = keyof (typeof MESSAGES)[typeof DEFAULT_LANGUAGE];

/** The language whose table answers `language`: itself when it has one, else the default. */
export function messageLanguage(language: Language): MessageLanguage {
  return Object.hasOwn(MESSAGES, language) ? (language as MessageLanguage) : DEFAULT_LANGUAGE;
}

/** The message in `language` (the default language's when it has no table), with `{name}` placeholders filled from `values`. */
export function message(language: Language, id: MessageId, values: Readonly<Record<string, string>> = {}): string {
  const template: string = MESSAGES[messageLanguage(language)][id];
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => values[name] ?? placeholder);
}
