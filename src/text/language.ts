/**
 * The languages the bot tells apart. "en", "es" and "zh" have their own analyzers and messages;
 * "other" is any other language, analysed without stemming and answered in the default language.
 */
export type Language = "en" | "es" | "zh" | "other";

export const LANGUAGES: readonly Language[] = ["en", "es", "zh", "other"];

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Whether checks written for English questions over English documents can judge a question: a
 * capitalised word the documents never use names something they do not cover, a content word
 * they never use is a concept they lack. In any other pairing every foreign word would look
 * unknown ("¿Es Chancay parte de la Franja y la Ruta?" against an English article), so they must not run.
 */
export function englishQuestionRulesApply(options: { question: Language; documents: readonly Language[] }): boolean {
  return options.question === "en" && options.documents.includes("en");
}
