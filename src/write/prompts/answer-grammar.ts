import { NOT_IN_SOURCES } from "./answer-prompt.ts";

/** Sentences a free-form answer may have: the prompt asks for at most three. */
export const MAX_ANSWER_SENTENCES = 3;

/**
 * The shape of a free-form answer as a GBNF grammar, for providers that can constrain decoding:
 * either NOT IN SOURCES, or one to three sentences that each end with one or two citation markers
 * of evidence that exists and then a full stop. A small model that forgets its markers (a summary
 * of three uncited sentences, all dropped) cannot; what it cites is still verified like any text.
 * A full stop inside a sentence is allowed only in a number ("1.5"), so every sentence the stream
 * cuts ends with its markers.
 */
export function citedAnswerGrammar(evidenceCount: number): string {
  const number = evidenceCount >= 1 && evidenceCount <= 9 ? `[1-${evidenceCount}]` : "[1-9] [0-9]?";
  const sentence = "sentence";
  const optional = Array.from({ length: MAX_ANSWER_SENTENCES - 1 }, () => `(" "? ${sentence})?`).join(" ");
  return [
    `root ::= "${NOT_IN_SOURCES}" | ${sentence} ${optional}`,
    `${sentence} ::= number? text (number text)* number? cite cite? stop`,
    `text ::= [^\\[\\]\\n.!?。！？0-9]+`,
    `number ::= [0-9]+ ("." [0-9]+)?`,
    `cite ::= "[" ${number} "]"`,
    `stop ::= [.!?。！？]`,
  ].join("\n");
}
