import type { Language } from "../text/language.ts";
import { message, messageLanguage } from "./messages.ts";

/**
 * The answer as the asker reads it: quotes in another language than the question's get a one-line
 * lead in the asker's language ("Según las fuentes:"), so a Spanish reader knows the English that
 * follows is quoted, not the bot's reply. Quotes in the asker's own language need none, and a
 * language without messages ("other") gets none.
 */
export function withAnswerLead(options: { answer: string; language: Language; quoteLanguages: readonly Language[] }): string {
  const { answer, language, quoteLanguages } = options;
  // Without a table for the asker's language there is nothing to say in it.
  if (messageLanguage(language) !== language) return answer;
  return quoteLanguages.some((quoteLanguage) => quoteLanguage !== language) ? `${message(language, "answerLead")}\n${answer}` : answer;
}

/** What a client such as the widget says around an answer, in the answer's language; `{count}` and `{answer}` are the client's to fill. */
export interface AnswerLabels {
  readonly sources: string;
  readonly closestPassages: string;
  readonly notInSources: string;
  readonly answer: string;
  readonly answerAnnouncement: string;
  readonly abstentionAnnouncement: string;
}

export function answerLabels(language: Language): AnswerLabels {
  return {
    sources: message(language, "sourcesLabel"),
    closestPassages: message(language, "closestPassagesLabel"),
    notInSources: message(language, "notInSourcesLabel"),
    answer: message(language, "answerLabel"),
    // Placeholders go through unfilled: the client knows the count and the answer.
    answerAnnouncement: message(language, "answerAnnouncement"),
    abstentionAnnouncement: message(language, "abstentionAnnouncement"),
  };
}

/** An answer as the HTTP API sends it: with the labels a client shows around it. */
export function withAnswerLabels<Response extends { readonly language: Language }>(
  response: Response,
): Response & { labels: AnswerLabels } {
  return { ...response, labels: answerLabels(response.language) };
}
