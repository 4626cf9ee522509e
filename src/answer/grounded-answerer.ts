import type { Embedder } from "../embed/embedder.ts";
import { withAnswerLead } from "../i18n/answer-wording.ts";
import type { KnowledgeBase } from "../retrieve/knowledge-base.ts";
import { retrieve } from "../retrieve/retriever.ts";
import { detectQuestionLanguage } from "../text/detect-language.ts";
import { type AnswerThresholds, composeAnswer, DEFAULT_THRESHOLDS } from "./compose-answer.ts";
import { WordVectors } from "./concept-gap.ts";
import { resolveQuestion } from "./resolve-question.ts";
import type { Answerer, AskRequest, AskResponse } from "./types.ts";

export const DEFAULT_TOP_K = 5;

/** Extractive, grounded answering: embed, retrieve hybrid, quote the best sentences or abstain. */
export function createGroundedAnswerer(options: {
  knowledge: KnowledgeBase;
  embedder: Embedder;
  thresholds?: AnswerThresholds;
  now?: () => number;
}): Answerer {
  const { knowledge, embedder, thresholds = DEFAULT_THRESHOLDS, now = () => performance.now() } = options;
  const wordVectors = knowledge.vectorIndex ? new WordVectors({ embedder }) : undefined;
  return {
    async ask(request: AskRequest, askOptions = {}): Promise<AskResponse> {
      const started = now();
      const resolved = resolveQuestion({ question: request.question, history: request.history });
      const earlierQuestions = (request.history ?? []).filter((turn) => turn.role === "user").map((turn) => turn.content);
      const language = detectQuestionLanguage(resolved.question, earlierQuestions);
      const queryVector = knowledge.vectorIndex ? (await embedder.embed([resolved.query], "query"))[0] : undefined;
      askOptions.signal?.throwIfAborted();
      const embedded = now();
      const retrieved = await retrieve({ knowledge, query: resolved.query, queryVector, topK: request.topK ?? DEFAULT_TOP_K });
      const searched = now();
      const composed = await composeAnswer({
        question: resolved.question,
        query: resolved.query,
        queryVector,
        retrieved,
        knowledge,
        thresholds,
        wordVectors,
        language,
      });
      const finished = now();
      const quoteLanguages = composed.citations.map((citation) => knowledge.documentLanguages.get(citation.docId) ?? language);
      return {
        answer: composed.grounded ? withAnswerLead({ answer: composed.answer, language, quoteLanguages }) : composed.answer,
        grounded: composed.grounded,
        language,
        citations: composed.citations,
        timings: {
          embedMs: round(embedded - started),
          searchMs: round(searched - embedded),
          answerMs: round(finished - searched),
          totalMs: round(finished - started),
        },
      };
    },
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
