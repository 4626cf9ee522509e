/**
 * The languages the bot tells apart. "en", "es" and "zh" have their own analyzers and messages;
 * "other" is any other language, analysed without stemming and answered in the default language.
 */
export type Language = "en" | "es" | "zh" | "other";

export const LANGUAGES: readonly Language[] = ["en", "es", "zh", "other"];

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}
