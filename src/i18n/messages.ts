/**
 * Every sentence the bot itself says (not quoted from a source), per language. The answerers, the
 * widget (through the API) and Slack take their wording from here, so a language is added in one place.
 */
export type Language = "en";

export const DEFAULT_LANGUAGE: Language = "en";

const MESSAGES = {
  en: {
    abstain: "The sources I have do not say. Rather than guess, here are the closest passages I found.",
  },
} as const satisfies Record<Language, Record<string, string>>;

export type MessageId = keyof (typeof MESSAGES)["en"];

/** The message in `language`, with `{name}` placeholders filled from `values`. */
export function message(language: Language, id: MessageId, values: Readonly<Record<string, string>> = {}): string {
  const template: string = MESSAGES[language][id];
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => values[name] ?? placeholder);
}
