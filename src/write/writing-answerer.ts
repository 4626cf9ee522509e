import { countingNumbers, expectedAnswer } from "../answer/answer-type.ts";
import { questionRules } from "../answer/compose-answer.ts";
import { corpusLexicon } from "../answer/corpus-lexicon.ts";
import { carriesFocus } from "../answer/focus-checks.ts";
import { resolveQuestion } from "../answer/resolve-question.ts";
import type { AnswerEvent, Answerer, AskRequest, AskResponse, Citation, ShortAnswer } from "../answer/types.ts";
import type { Embedder } from "../embed/embedder.ts";
import { message } from "../i18n/messages.ts";
import type { Logger } from "../observe/logger.ts";
import { type KnowledgeBase, previousSentence, type SentenceRecord } from "../retrieve/knowledge-base.ts";
import { retrieve } from "../retrieve/retriever.ts";
import { type EvidenceSentence, renumberMarkers } from "./evidence.ts";
import { collectText, type LanguageModel } from "./language-model.ts";
import { rewritePrompt, standaloneQuestion } from "./prompts/rewrite-prompt.ts";
import { questionSlot } from "./question-slot.ts";
import { DEFAULT_MAX_EVIDENCE, selectEvidence } from "./select-evidence.ts";
import { userWords } from "./verify-sentence.ts";
import { writeAnswer } from "./write-answer.ts";
import type { WriterReport } from "./writer-report.ts";

export const DEFAULT_WRITER_TIMEOUT_MS = 20_000;
const RETRIEVAL_DEPTH = 5;
const ABSTENTION_CITATIONS = 2;
const REWRITE_MAX_TOKENS = 60;

export interface WritingAnswererOptions {
  readonly knowledge: KnowledgeBase;
  readonly embedder: Embedder;
  readonly model: LanguageModel;
  /** The extractive answerer: greetings and questions about the bot go to it, and it is the fallback. */
  readonly extractive: Answerer;
  readonly logger?: Logger;
  readonly timeoutMs?: number;
  readonly maxEvidence?: number;
  /** Short structured answers for factoid questions (default on); off writes every answer in free form. */
  readonly reader?: boolean;
  /** When the reader's short answer fails verification: abstain (default) or let the free-form writer try. */
  readonly afterReaderFailure?: "abstain" | "free-form";
  /** Constrain free-form output to cited sentences where the provider can (default on). */
  readonly citationGrammar?: boolean;
  /** When verification leaves nothing: abstain with the closest passages (default) or give the extractive answer. */
  readonly onUnverified?: "abstain" | "extractive";
  readonly now?: () => number;
}

/**
 * Answers with a language model whose every sentence is verified against the evidence it cites.
 * Only verified sentences are released, in order, so nothing shown is ever taken back; quotes are
 * cut from the documents by offsets. Any failure of the model gives the extractive answer instead.
 */
export function createWritingAnswerer(options: WritingAnswererOptions): Answerer {
  const { extractive, model, logger, now = () => performance.now() } = options;
  const base = { provider: model.provider, model: model.modelId };

  async function* stream(request: AskRequest, askOptions: { signal?: AbortSignal } = {}): AsyncGenerator<AnswerEvent> {
    const started = now();
    const fallback = await extractive.ask(request, askOptions);
    if (answeredWithoutSources(fallback)) {
      yield* replay({
        ...fallback,
        writer: { ...base, mode: "none", outcome: "delegated", shippedSentences: 0, droppedSentences: 0, dropped: [] },
      });
      return;
    }
    const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_WRITER_TIMEOUT_MS);
    const signal = askOptions.signal ? AbortSignal.any([askOptions.signal, timeout]) : timeout;
    const citations: Citation[] = [];
    const citationOf = new Map<number, number>();
    const texts: string[] = [];
    const dropped: { reason: WriterReport["dropped"][number]["reason"]; detail: string }[] = [];
    let mode: WriterReport["mode"] = "none";
    let abstained = false;
    let notAnswered = false;
    let shortAnswer: ShortAnswer | undefined;
    let standalone: string | undefined;
    let firstSentenceMs: number | undefined;
    let embedMs = 0;
    let searchMs = 0;
    const writeStarted = now();
    try {
      const resolved = resolveQuestion({ question: request.question, history: request.history });
      if (resolved.isFollowUp) standalone = await rewriteFollowUp({ model, request, signal });
      // Without a usable rewrite, retrieval uses the question with the earlier turns folded in.
      const query = standalone ?? resolved.query;
      const beforeEmbed = now();
      const queryVector = options.knowledge.vectorIndex ? (await options.embedder.embed([query], "query"))[0] : undefined;
      embedMs = now() - beforeEmbed;
      const retrieved = await retrieve({ knowledge: options.knowledge, query, queryVector, topK: RETRIEVAL_DEPTH });
      const evidence = selectEvidence({
        query,
        queryVector,
        retrieved,
        knowledge: options.knowledge,
        maxEvidence: options.maxEvidence ?? DEFAULT_MAX_EVIDENCE,
      });
      searchMs = now() - beforeEmbed - embedMs;
      const asked = standalone ?? request.question;
      const { rules } = questionRules({ language: fallback.language, knowledge: options.knowledge });
      const expected = expectedAnswer({ question: asked, rules, lexicon: corpusLexicon(options.knowledge) });
      const steps = writeAnswer({
        model,
        question: asked,
        asked: userWords(request.question, request.history),
        history: standalone ? undefined : request.history,
        evidence,
        slot: questionSlot(asked),
        focus: (source) =>
          carriesFocus({ question: asked, sentence: source.text, rules, previous: evidencePrevious(options.knowledge, source)?.text }),
        counts: (source) => countingNumbers(source.text, expected),
        signal,
        reader: options.reader,
        afterReaderFailure: options.afterReaderFailure,
        language: fallback.language,
        citationGrammar: options.citationGrammar,
      });
      for await (const step of steps) {
        if (step.type === "mode") mode = step.mode;
        else if (step.type === "abstain") abstained = true;
        else if (step.type === "not-answered") notAnswered = true;
        else if (step.type === "dropped") dropped.push({ reason: step.reason, detail: step.detail });
        else {
          for (const source of step.cited) {
            if (citationOf.has(source.number)) continue;
            const citation = toCitation(source);
            citations.push(citation);
            citationOf.set(source.number, citations.length);
            yield { type: "source", citation };
          }
          const text = renumberMarkers(step.text, (number) => citationOf.get(number));
          firstSentenceMs ??= now() - started;
          shortAnswer ??= step.shortAnswer;
          yield { type: "text", text: texts.length === 0 ? text : ` ${text}` };
          texts.push(text);
        }
      }
      if (abstained && texts.length > 0) abstained = false;
      if (texts.length === 0 && !abstained && options.onUnverified === "extractive") {
        yield* replay({ ...fallback, writer: report("fallback", "no written sentence verified; this is the extractive answer") });
        return;
      }
      if (texts.length === 0) {
        const closest = evidence.slice(0, ABSTENTION_CITATIONS).map(toCitation);
        for (const citation of closest) yield { type: "source", citation };
        const answer = message(fallback.language, "abstain");
        yield { type: "text", text: answer };
        yield {
          type: "end",
          response: {
            answer,
            grounded: false,
            language: fallback.language,
            citations: closest,
            timings: timings(),
            writer: report("abstained"),
          },
        };
        return;
      }
      // "The sources do not say how much it cost; they say ... [1]": sourced, but not an answer.
      if (notAnswered) {
        yield { type: "end", response: { ...written(), grounded: false, writer: report("abstained") } };
        return;
      }
      yield { type: "end", response: written() };
    } catch (error) {
      if (askOptions.signal?.aborted) throw error;
      const note = timeout.aborted
        ? `the writer took longer than ${options.timeoutMs ?? DEFAULT_WRITER_TIMEOUT_MS} ms`
        : `the writer failed: ${describe(error)}`;
      logger?.warn?.("writer fell back", { provider: model.provider, model: model.modelId, note, shipped: texts.length });
      if (texts.length > 0) {
        yield { type: "end", response: written(`stopped early: ${note}`) };
        return;
      }
      yield* replay({ ...fallback, writer: report("fallback", `${note}; this is the extractive answer`) });
    }

    /** The verified sentences as the answer. */
    function written(note?: string): AskResponse {
      return {
        answer: texts.join(" "),
        grounded: true,
        language: fallback.language,
        citations,
        ...(shortAnswer ? { shortAnswer } : {}),
        timings: timings(),
        writer: report("verified", note),
      };
    }
    function report(outcome: WriterReport["outcome"], note?: string): WriterReport {
      return {
        ...base,
        mode,
        outcome,
        shippedSentences: texts.length,
        droppedSentences: dropped.length,
        dropped,
        ...(standalone ? { standaloneQuestion: standalone } : {}),
        ...(note ? { note } : {}),
      };
    }
    function timings(): AskResponse["timings"] {
      const finished = now();
      return {
        embedMs: round(embedMs),
        searchMs: round(searchMs),
        answerMs: round(finished - writeStarted - embedMs - searchMs),
        totalMs: round(finished - started),
        ...(firstSentenceMs !== undefined ? { firstSentenceMs: round(firstSentenceMs) } : {}),
        writeMs: round(finished - writeStarted),
      };
    }
  }

  return {
    stream,
    async ask(request, askOptions) {
      for await (const event of stream(request, askOptions)) if (event.type === "end") return event.response;
      throw new Error("the writer ended without an answer");
    },
  };
}

/**
 * The one place that decides a turn is not a question about the sources (a greeting, thanks, "what
 * can you answer?"): the extractive answerer recognises those (src/answer/conversational-turn.ts)
 * and replies itself, from the document titles, with no citations at all; the writer passes its
 * reply on rather than keeping a second copy of that behaviour.
 */
export function answeredWithoutSources(response: AskResponse): boolean {
  return !response.grounded && response.citations.length === 0;
}

/** The sentence before an evidence sentence in its document. */
function evidencePrevious(knowledge: KnowledgeBase, source: EvidenceSentence): SentenceRecord | undefined {
  const sentence = knowledge.sentencesByChunk.get(source.chunkId)?.find((candidate) => candidate.start === source.start);
  return sentence ? previousSentence(knowledge, sentence) : undefined;
}

/** The citation of an evidence sentence: its quote is the document's own text at the sentence's offsets. */
function toCitation(source: EvidenceSentence): Citation {
  const { docId, chunkId, title, text, start, end, score } = source;
  return { docId, chunkId, title, quote: text, start, end, score };
}

/** A follow-up rewritten into a standalone question, or undefined when the rewrite adds nothing. */
async function rewriteFollowUp(options: { model: LanguageModel; request: AskRequest; signal: AbortSignal }): Promise<string | undefined> {
  const { model, request, signal } = options;
  const history = request.history ?? [];
  const rewrite = await collectText(
    model.streamText({ messages: rewritePrompt({ question: request.question, history }), signal, maxTokens: REWRITE_MAX_TOKENS }),
  );
  const standalone = standaloneQuestion({ question: request.question, rewrite, history });
  return standalone === request.question ? undefined : standalone;
}

async function* replay(response: AskResponse): AsyncGenerator<AnswerEvent> {
  for (const citation of response.citations) yield { type: "source", citation };
  if (response.answer !== "") yield { type: "text", text: response.answer };
  yield { type: "end", response };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
