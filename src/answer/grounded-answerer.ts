import type { Embedder } from "../embed/embedder.ts";
import { withAnswerLead } from "../i18n/answer-wording.ts";
import type { KnowledgeBase } from "../retrieve/knowledge-base.ts";
import { retrieve } from "../retrieve/retriever.ts";
import { detectQuestionLanguage } from "../text/detect-language.ts";
import { type AnswerThresholds, type ComposedAnswer, composeAnswer } from "./compose-answer.ts";
import { WordVectors } from "./concept-gap.ts";
import { conversationalTurn, scopeReply } from "./conversational-turn.ts";
import { type LanguageRules, languageRules } from "./language-rules.ts";
import { similarityScaleFor, thresholdsFor } from "./model-thresholds.ts";
import { resolveQuestion, type Turn } from "./resolve-question.ts";
import { calibration } from "./similarity-scale.ts";
import type { Answerer, AskRequest, AskResponse } from "./types.ts";

export const DEFAULT_TOP_K = 5;

/**
 * Extractive, grounded answering: embed, retrieve hybrid, quote the best sentences or abstain.
 * Greetings, thanks and "what can you answer?" get a scope reply without citations, and "tell me
 * more" quotes the next best passages of the conversation's topic.
 */
export function createGroundedAnswerer(options: {
  knowledge: KnowledgeBase;
  embedder: Embedder;
  thresholds?: AnswerThresholds;
  now?: () => number;
}): Answerer {
  const { knowledge, embedder, thresholds = thresholdsFor(embedder.modelId), now = () => performance.now() } = options;
  const calibrated = calibration(similarityScaleFor(embedder.modelId));
  const wordVectors = knowledge.vectorIndex ? new WordVectors({ embedder, calibrate: calibrated.word }) : undefined;
  const titles = [...knowledge.documents.values()].map((document) => document.title);
  return {
    async ask(request: AskRequest, askOptions = {}): Promise<AskResponse> {
      const started = now();
      const resolved = resolveQuestion({ question: request.question, history: request.history });
      const earlierQuestions = (request.history ?? []).filter((turn) => turn.role === "user").map((turn) => turn.content);
      const language = detectQuestionLanguage(resolved.question, earlierQuestions);
      const rules = languageRules(language);
      const turn = conversationalTurn(request.question, rules);
      const topic = turn === "more" ? topicOf(request.history ?? [], rules) : undefined;
      if (turn !== undefined && (turn !== "more" || topic === undefined)) {
        const reply = scopeReply({ turn: turn === "more" ? "scope" : turn, titles, language });
        return { answer: reply, grounded: false, language, citations: [], timings: timingsFrom([started, now(), now(), now()]) };
      }
      const query = topic ?? resolved.query;
      const queryVector = knowledge.vectorIndex ? (await embedder.embed([query], "query"))[0] : undefined;
      askOptions.signal?.throwIfAborted();
      const embedded = now();
      const retrieved = await retrieve({ knowledge, query, queryVector, topK: request.topK ?? DEFAULT_TOP_K });
      const searched = now();
      const quoted = (request.history ?? []).filter((past) => past.role === "assistant").map((past) => past.content);
      const composed: ComposedAnswer = await composeAnswer({
        question: resolved.question,
        query,
        queryVector,
        retrieved,
        knowledge,
        thresholds,
        calibrateSentence: calibrated.sentence,
        wordVectors,
        language,
        more: topic === undefined ? undefined : { alreadyQuoted: (sentence) => quoted.some((content) => content.includes(sentence.text)) },
        alreadyQuoted: quoted.length === 0 ? undefined : (sentence) => quoted.some((content) => content.includes(sentence.text)),
      });
      const quoteLanguages = composed.citations.map((citation) => knowledge.documentLanguages.get(citation.docId) ?? language);
      return {
        ...composed,
        answer: composed.grounded ? withAnswerLead({ answer: composed.answer, language, quoteLanguages }) : composed.answer,
        language,
        timings: timingsFrom([started, embedded, searched, now()]),
      };
    },
  };
}

/** What "tell me more" is about: the latest user turns that were questions, not thanks or greetings. */
function topicOf(history: readonly Turn[], rules: LanguageRules): string | undefined {
  const questions = history.filter(
    (turn) => turn.role === "user" && turn.content.trim() !== "" && !conversationalTurn(turn.content, rules),
  );
  const latest = questions.at(-1);
  if (!latest) return undefined;
  return resolveQuestion({ question: latest.content, history: history.slice(0, history.indexOf(latest)) }).query;
}

function timingsFrom([started, embedded, searched, finished]: readonly number[]): AskResponse["timings"] {
  const at = (value: number | undefined) => value ?? 0;
  return {
    embedMs: round(at(embedded) - at(started)),
    searchMs: round(at(searched) - at(embedded)),
    answerMs: round(at(finished) - at(searched)),
    totalMs: round(at(finished) - at(started)),
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
