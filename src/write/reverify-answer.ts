import type { Turn } from "../answer/resolve-question.ts";
import type { AskResponse } from "../answer/types.ts";
import type { EvidenceSentence } from "./evidence.ts";
import { SentenceStream } from "./sentence-stream.ts";
import { looksEnglish, userWords, verifySentence } from "./verify-sentence.ts";

/**
 * Checks a finished answer again from the outside: its sentences, against the quotes the response
 * itself carries (`[n]` is `citations[n-1]`). Evals and end-to-end tests use it to count shipped
 * sentences that would fail verification; there should be none.
 */
export function reverifyAnswer(options: { question: string; history?: readonly Turn[]; response: AskResponse }): {
  sentences: string[];
  failing: string[];
} {
  const { question, history, response } = options;
  const evidence: EvidenceSentence[] = response.citations.map((citation, index) => ({
    ...citation,
    text: citation.quote,
    number: index + 1,
  }));
  const stream = new SentenceStream();
  const sentences = [...stream.push(response.answer), ...stream.flush()];
  const english = looksEnglish(question);
  const asked = userWords(question, history);
  return { sentences, failing: sentences.filter((sentence) => !verifySentence({ sentence, evidence, question: asked, english }).ok) };
}
