import type { Turn } from "../answer/resolve-question.ts";
import type { ShortAnswer } from "../answer/types.ts";
import type { Language } from "../text/language.ts";
import { citedNumbers, type EvidenceSentence, renumberMarkers, withoutMarkers } from "./evidence.ts";
import type { LanguageModel } from "./language-model.ts";
import { localisedSpan } from "./localise-answer.ts";
import { foldedTokens } from "./normalize.ts";
import { citedAnswerGrammar } from "./prompts/answer-grammar.ts";
import { answerPrompt, NOT_IN_SOURCES, PREMISE_CORRECTION, SAYS_INSTEAD, SOURCES_SILENT } from "./prompts/answer-prompt.ts";
import { readerPrompt } from "./prompts/reader-prompt.ts";
import { asksForFact, type Slot } from "./question-slot.ts";
import { premiseCorrection, quoteCorrection } from "./quote-correction.ts";
import { SentenceStream } from "./sentence-stream.ts";
import { MAX_ANSWER_WORDS, parseReaderOutput, verifyReaderAnswer } from "./verify-reader.ts";
import {
  assertedPremise,
  type DropReason,
  looksEnglish,
  type SentenceVerdict,
  saysMoreThanNames,
  verifySentence,
} from "./verify-sentence.ts";

/** What the writer decided, step by step; only `sentence` reaches the user, and only verified. */
export type WriterStep =
  | { readonly type: "mode"; readonly mode: "reader" | "free-form" }
  | { readonly type: "sentence"; readonly text: string; readonly cited: readonly EvidenceSentence[]; readonly shortAnswer?: ShortAnswer }
  | { readonly type: "dropped"; readonly reason: DropReason; readonly detail: string }
  | { readonly type: "abstain" }
  /** The model said the sources do not give the fact asked for, and what they say instead. */
  | { readonly type: "not-answered" };

/** Tokens a free-form answer may take: three short sentences with markers. */
export const ANSWER_MAX_TOKENS = 160;
/** The reader's line is a number and a few words (at most MAX_ANSWER_WORDS). */
export const READER_MAX_TOKENS = 24;
/** The reader's tries: a second only after a span that named the reporter of the sentence. */
const READER_ATTEMPTS = 2;

/**
 * Asks the model and verifies what it writes. Factoid questions (a slot to fill) go to the reader
 * first: a short span of one cited sentence, checked mechanically; when the reader's span fails,
 * the free-form writer gets one try. Free-form output is cut into sentences as it streams and each
 * is yielded only once it verified.
 */
export async function* writeAnswer(options: {
  model: LanguageModel;
  question: string;
  /**
   * What the user wrote: the question as asked and their earlier turns (see `userWords`). A free-form
   * sentence may take names and numbers from it; `question` may be the model's standalone rewrite, and
   * what a model typed is never a source. Defaults to `question`.
   */
  asked?: string;
  history?: readonly Turn[];
  evidence: readonly EvidenceSentence[];
  slot: Slot | undefined;
  /** The question's focus checks for a reader span's source sentence (see `verifyReaderAnswer`). */
  focus?: (source: EvidenceSentence) => boolean;
  /** The numbers of a sentence that count what a "how many" question counts (see `verifyReaderAnswer`). */
  counts?: (source: EvidenceSentence) => readonly string[] | undefined;
  signal: AbortSignal;
  /** `false` answers factoid questions in free form too (for side-by-side evals). */
  reader?: boolean;
  /** When the reader's span fails verification: abstain (default) or let the free-form writer try. */
  afterReaderFailure?: "abstain" | "free-form";
  /** The asker's language: free-form answers are written in it. */
  language?: Language;
  /** Constrain free-form output to cited sentences where the provider can (default on; off for side-by-side evals). */
  citationGrammar?: boolean;
}): AsyncGenerator<WriterStep> {
  const {
    model,
    question,
    asked = question,
    history,
    evidence,
    slot,
    focus,
    counts,
    signal,
    reader = true,
    afterReaderFailure = "abstain",
    language,
    citationGrammar = true,
  } = options;
  const english = looksEnglish(question);
  if (slot && reader) {
    yield { type: "mode", mode: "reader" };
    let namedSpeaker = false;
    // A span that names who reported the sentence came from the sentence about the event: the reader
    // is asked once more, told that this person only reports it.
    let reporter: string | undefined;
    for (let attempt = 0; attempt < READER_ATTEMPTS; attempt += 1) {
      let raw = "";
      const messages = readerPrompt({ question, evidence, ...(reporter ? { reporter } : {}) });
      for await (const delta of model.streamText({ messages, signal, maxTokens: READER_MAX_TOKENS })) {
        raw += delta;
        // One line is the whole reply: whatever a model adds after it is not waited for.
        if (/\S[^\n]*\n/.test(raw)) break;
      }
      const output = parseReaderOutput(raw);
      if (!output) {
        yield {
          type: "dropped",
          reason: "not_in_evidence",
          detail: "the reader's reply was not the one line (evidence number: words) asked for",
        };
        break;
      }
      const verdict = verifyReaderAnswer({ output, evidence, question, slot, focus, counts });
      if (verdict.ok === "abstain") {
        // After a reporter span, "0:" is one more failed try (English still gets its free-form try).
        if (reporter) break;
        yield { type: "abstain" };
        return;
      }
      if (verdict.ok) {
        const short = shortAnswerOf(verdict.source, verdict.span);
        const words = short?.text ?? verdict.span;
        const localised = localisedSpan(words, language);
        yield {
          type: "sentence",
          text:
            language === "zh" && localised
              ? `${localised} [${verdict.source.number}]。`
              : `${capitalise(localised ?? words)} [${verdict.source.number}].`,
          cited: [verdict.source],
          ...(short ? { shortAnswer: short } : {}),
        };
        return;
      }
      yield { type: "dropped", reason: verdict.reason, detail: verdict.detail };
      if (verdict.reason !== "speaker_not_answer") break;
      namedSpeaker = true;
      reporter = output.answer;
    }
    // A span that names who reported the sentence found the sentence about the event and missed only
    // its slot: the free-form writer, whose speaker check stops "the ambassador will open it", gets one
    // try, whatever the reader's second reply was. English only: there every free-form sentence is also held to the content-word check.
    if (afterReaderFailure === "abstain" && !(namedSpeaker && english)) {
      yield { type: "abstain" };
      return;
    }
  }
  yield { type: "mode", mode: "free-form" };
  const sentences = new SentenceStream();
  let written = "";
  let shipped = 0;
  // The model said, in a sentence of its own, that the sources do not give the answer.
  let silent = false;
  // A sentence that stated the premise of a "why" question in the question's own words (dropped).
  let restatedPremise = false;
  const check = function* (written: string): Generator<WriterStep> {
    if (silent) return;
    let sentence = written;
    // "X is not mentioned in the evidence [1]" answers nothing: before any answer it is the model's
    // abstention, and the rest of its reply is not waited for. With what the sources say instead
    // ("…; they say …") it is a premise correction.
    const claim = withoutMarkers(sentence);
    const startsCorrection = PREMISE_CORRECTION.test(sentence.trim());
    const silentSources = !startsCorrection && SOURCES_SILENT.test(claim);
    const correction = startsCorrection || (silentSources && SAYS_INSTEAD.test(claim));
    if (silentSources && !correction) {
      yield { type: "dropped", reason: "no_answer", detail: "says the sources do not give it" };
      if (shipped === 0) {
        silent = true;
        yield { type: "abstain" };
      }
      return;
    }
    let verdict = verifySentence({ sentence, evidence, question: asked, english });
    // Small models miscite: a sentence whose facts fail against the one sentence it cites is checked
    // against each other evidence sentence in rank order, and cites the first that passes every check
    // (English only, where the content-word checks hold a sentence to what it cites).
    const recited = !verdict.ok && english && RECITABLE.has(verdict.reason) ? recite({ sentence, evidence, question, asked }) : undefined;
    if (recited !== undefined) ({ sentence, verdict } = recited);
    const premise = assertedPremise({ sentence, evidence, question });
    if (premise !== undefined) restatedPremise = true;
    if (!verdict.ok) {
      yield { type: "dropped", reason: verdict.reason, detail: verdict.detail };
      return;
    }
    if (premise !== undefined) {
      yield { type: "dropped", reason: "unsupported_premise", detail: `states what only the question says (${premise.join(", ")})` };
      return;
    }
    // A fact the sources do not give is an abstention, however well the correction is sourced; only a
    // question that can rest on a false premise (why, yes or no) is answered by correcting it.
    if (shipped === 0 && (slot || asksForFact(question)) && correction) yield { type: "not-answered" };
    // A correction says what the sources say in their own words (English: the analyser the clause choice reads is English).
    const quoted = english && startsCorrection ? quoteCorrection({ sentence, evidence, question }) : undefined;
    const text = quoted !== undefined && verifySentence({ sentence: quoted, evidence, question: asked, english }).ok ? quoted : sentence;
    shipped += 1;
    yield { type: "sentence", text, cited: verdict.cited };
  };
  // Held back until it is clear the model is not saying NOT IN SOURCES.
  let pending = "";
  let undecided = true;
  for await (const delta of model.streamText({
    messages: answerPrompt({ question, history, evidence, ...(language ? { language } : {}) }),
    signal,
    maxTokens: ANSWER_MAX_TOKENS,
    ...(citationGrammar && evidence.length > 0 ? { grammar: citedAnswerGrammar(evidence.length) } : {}),
  })) {
    written += delta;
    if (undecided) {
      const start = written.trimStart();
      if (start.startsWith(NOT_IN_SOURCES)) {
        yield { type: "abstain" };
        return;
      }
      pending += delta;
      if (NOT_IN_SOURCES.startsWith(start)) continue;
      undecided = false;
      for (const sentence of sentences.push(pending)) yield* check(sentence);
      if (silent) return;
      continue;
    }
    for (const sentence of sentences.push(delta)) yield* check(sentence);
    if (silent) return;
  }
  if (undecided && pending !== "") for (const sentence of sentences.push(pending)) yield* check(sentence);
  for (const sentence of sentences.flush()) yield* check(sentence);
  if (silent) return;
  // The model took the premise for a fact and nothing it wrote verified: the sources' own words, as a
  // correction the server writes (verified like any sentence).
  if (shipped === 0 && restatedPremise) {
    const correction = premiseCorrection({ question, evidence });
    if (correction !== undefined) yield* check(correction);
  }
  if (shipped === 0 && written.trim() === "") yield { type: "dropped", reason: "no_citation", detail: "the model wrote nothing" };
}

/** Failures another evidence sentence may cure: facts or words the cited one does not hold. */
const RECITABLE = new Set<string>(["unsupported_name", "unsupported_number", "unsupported_date", "off_evidence"]);

/**
 * The sentence citing, in place of the one evidence sentence it cites, the first other evidence
 * sentence against which it passes every check (verification and the why-premise check); undefined
 * when it cites more than one, says nothing but names, or none passes.
 */
function recite(options: {
  sentence: string;
  evidence: readonly EvidenceSentence[];
  question: string;
  asked: string;
}): { sentence: string; verdict: SentenceVerdict } | undefined {
  const { sentence, evidence, question, asked } = options;
  const cited = citedNumbers(sentence);
  // A bare name is a reader's span, not a claim the content checks can hold to a sentence.
  if (cited.length !== 1 || !saysMoreThanNames(sentence)) return undefined;
  for (const other of evidence) {
    if (other.number === cited[0]) continue;
    const candidate = renumberMarkers(sentence, () => other.number);
    const verdict = verifySentence({ sentence: candidate, evidence, question: asked, english: true });
    if (verdict.ok && assertedPremise({ sentence: candidate, evidence, question }) === undefined) return { sentence: candidate, verdict };
  }
  return undefined;
}

/**
 * The reader's span as the document writes it, with its offsets: the exact words, or the run of
 * the sentence's words that folds to the same tokens ("8" for "eight", "１０" for "10"), so what
 * ships is always the document's own wording.
 */
function shortAnswerOf(source: EvidenceSentence, span: string): ShortAnswer | undefined {
  const exact = source.text.indexOf(span);
  const at = exact >= 0 ? exact : source.text.toLowerCase().indexOf(span.toLowerCase());
  if (at >= 0) return slice(source, at, at + span.length);
  const wanted = foldedTokens(span).join(" ");
  const words = [...source.text.matchAll(WORD)];
  for (let first = 0; first < words.length; first += 1) {
    for (let last = first; last < Math.min(words.length, first + MAX_ANSWER_WORDS); last += 1) {
      const from = words[first]?.index as number;
      const to = (words[last]?.index as number) + (words[last]?.[0].length as number);
      if (foldedTokens(source.text.slice(from, to)).join(" ") === wanted) return slice(source, from, to);
    }
  }
  return undefined;
}

const WORD = /\p{Script=Han}|[\p{L}\p{N}]+(?:[.'’][\p{L}\p{N}]+)*/gu;

function slice(source: EvidenceSentence, from: number, to: number): ShortAnswer {
  return { text: source.text.slice(from, to), docId: source.docId, start: source.start + from, end: source.start + to };
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
