import { analyze } from "../text/analyze.ts";

export interface Turn {
  readonly role: "user" | "assistant";
  readonly content: string;
}

export interface ResolvedQuestion {
  /** The question as asked. */
  readonly question: string;
  /** What retrieval and sentence scoring use: the question, plus context from earlier turns for follow-ups. */
  readonly query: string;
  readonly isFollowUp: boolean;
}

const REFERRING_WORDS = /\b(it|its|it's|they|them|their|theirs|he|him|his|she|her|hers|there|that|this|these|those|the same|then)\b/i;
/**
 * The same in Spanish: a question opening with "y" ("¿Y cuántos años lleva en el cargo?") or a pronoun
 * standing for a person or place ("él", "allí"; not "el", "la", "lo", which are mostly articles).
 */
const SPANISH_REFERRING = /^[¿¡\s]*(y|e)\s|(?<![\p{L}])(él|ella|ellos|ellas|eso|esto|allí|ahí|allá)(?![\p{L}])/iu;
/** A question with fewer content terms than this leans on earlier turns. */
const SELF_CONTAINED_TERMS = 3;
/** Earlier user turns folded into the query of a follow-up. */
const CONTEXT_TURNS = 2;

/**
 * Resolves follow-ups ("When?", "Who will open it?") without a language model: when the question is
 * short or refers back, the content of the most recent earlier user questions is appended to it.
 */
export function resolveQuestion(options: { question: string; history?: readonly Turn[] }): ResolvedQuestion {
  const question = options.question.trim();
  const earlier = (options.history ?? []).filter((turn) => turn.role === "user" && turn.content.trim() !== "");
  const terms = analyze(question);
  const leansBack = terms.length < SELF_CONTAINED_TERMS || REFERRING_WORDS.test(question) || SPANISH_REFERRING.test(question);
  if (earlier.length === 0 || !leansBack) return { question, query: question, isFollowUp: false };
  const context = earlier
    .slice(-CONTEXT_TURNS)
    .map((turn) => turn.content.trim())
    .reverse();
  return { question, query: [question, ...context].join(" "), isFollowUp: true };
}
