import { analyze } from "../text/analyze.ts";
import { citedNumbers, type EvidenceSentence } from "./evidence.ts";
import { containsFolded } from "./normalize.ts";

/**
 * A premise correction as the answer prompt asks for it (rule 4): "The sources do not say that ...;
 * they say <what the evidence says> [n]." The groups: everything up to "they say [that]", the claim,
 * the markers.
 */
const THEY_SAY =
  /^(.*?[;,:—–]\s*(?:but\s+)?(?:they|the sources|the evidence|it)\s+(?:say|says|state|states|report|reports|show|shows)(?:\s+that)?)\s+(.+?)\s*((?:\[\d+(?:\s*,\s*\d+)*\]\s*)+)[.!]?\s*$/i;

/** Where a sentence divides into clauses a quote can stand on its own. */
const CLAUSE_BREAK = /\s*(?:[,;:()"“”]|\s[—–-]\s|—|–)\s*/;
/** Words that join a clause to the one before it, left out at the start of a quote. */
const JOINING_WORD = /^(?:and|but|or|while|whereas|which|who|that|as|so)\s+/i;
/** "Noting that …", "Adding that …": a participle that frames the clause as someone's remark. */
const FRAMING_PARTICIPLE = /^\p{L}+ing\s+that\s+/iu;
const MIN_CLAUSE_WORDS = 4;
/** "they say it will be his second visit": the pronoun stands for the sentence's subject, the rest is its words. */
const LEADING_PRONOUN = /^(?:it|he|she|they|this|there)\s+/i;

/**
 * A small model corrects a false premise with a loose paraphrase of what the sources say ("it was
 * concluded in June" for a sentence about negotiations to upgrade an agreement), and a paraphrase
 * that verifies can still lose the fact that corrects the premise. This puts the cited sentence's own
 * words in its place: the clause of the first cited sentence that shares most words with the
 * question and the paraphrase, in quotation marks. Undefined when the sentence is not such a
 * correction, or already says what follows "they say" in the sentence's own words.
 */
export function quoteCorrection(options: {
  sentence: string;
  evidence: readonly EvidenceSentence[];
  question: string;
}): string | undefined {
  const { sentence, evidence, question } = options;
  const match = THEY_SAY.exec(sentence.trim());
  if (!match) return undefined;
  const [, lead, claim, markers] = match as unknown as [string, string, string, string];
  const first = citedNumbers(markers)[0];
  const source = evidence.find((item) => item.number === first);
  if (!source) return undefined;
  const unquoted = claim.replace(/^["“]|["”]$/g, "");
  const rest = unquoted.replace(LEADING_PRONOUN, "");
  if (containsFolded(source.text, rest)) {
    // "they say it will establish a direct route": "it" may stand for what the correction is about
    // ("the inauguration ... by both presidents"), so the clause that says it is quoted with its subject.
    const subject = rest === unquoted ? undefined : clauseWithSubject(source.text, rest);
    return subject === undefined ? undefined : `${lead} “${subject}” ${markers.trim()}.`;
  }
  const clause = bestClause({ sentence: source.text, terms: new Set(analyze(`${question} ${claim}`)) });
  if (clause === undefined) return undefined;
  return `${lead} “${clause}” ${markers.trim()}.`;
}

/** The clause of `sentence` that holds `words` after words of its own (its subject); undefined when none does. */
function clauseWithSubject(sentence: string, words: string): string | undefined {
  // Words that run over several clauses are placed by their first.
  const first = words.split(CLAUSE_BREAK)[0]?.trim() ?? words;
  return clausesOf(sentence).find((clause) => containsFolded(clause, first) && !containsFolded(first, clause));
}

function clausesOf(sentence: string): string[] {
  return sentence
    .split(CLAUSE_BREAK)
    .map((clause) =>
      clause
        .replace(JOINING_WORD, "")
        .replace(FRAMING_PARTICIPLE, "")
        .replace(/[.!?]+$/, "")
        .trim(),
    )
    .filter((clause) => clause.split(/\s+/).length >= MIN_CLAUSE_WORDS);
}

/** The clause with most of `terms` (the first on a tie); the whole sentence when none is long enough. */
function bestClause(options: { sentence: string; terms: ReadonlySet<string> }): string | undefined {
  const { sentence, terms } = options;
  const clauses = clausesOf(sentence);
  let best: { clause: string; shared: number } | undefined;
  for (const clause of clauses) {
    const shared = new Set(analyze(clause).filter((term) => terms.has(term))).size;
    if (shared > 0 && (best === undefined || shared > best.shared)) best = { clause, shared };
  }
  return best?.clause;
}

/** A sentence this short is quoted whole in a correction; a longer one by its clause most about the question. */
const WHOLE_SENTENCE_WORDS = 30;
/** Question terms a sentence must share to be what the sources say about the question's premise. */
const MIN_SHARED_TERMS = 2;

/**
 * A premise correction the server writes itself, from the evidence: "The sources do not say that;
 * they say “<the sentence most about the question>” [n]." For a "why" question whose premise the
 * model restated as fact (those sentences are dropped): the question's own premise is not repeated,
 * and what follows "they say" is the document's words. Undefined when no sentence shares enough of
 * the question's terms. English only, as the analyser is.
 */
export function premiseCorrection(options: { question: string; evidence: readonly EvidenceSentence[] }): string | undefined {
  const { question, evidence } = options;
  const terms = new Set(analyze(question, { language: "en" }));
  let best: { source: EvidenceSentence; shared: number } | undefined;
  for (const source of evidence) {
    const shared = new Set(analyze(source.text, { language: "en" }).filter((term) => terms.has(term))).size;
    if (shared >= MIN_SHARED_TERMS && (best === undefined || shared > best.shared)) best = { source, shared };
  }
  if (best === undefined) return undefined;
  const text = best.source.text.trim();
  const quote =
    text.split(/\s+/).length <= WHOLE_SENTENCE_WORDS && !/\.\s/.test(text.replace(/[.!?]+["”]?$/, ""))
      ? text.replace(/[.!?]+$/, "")
      : bestClause({ sentence: text, terms });
  return quote === undefined ? undefined : `The sources do not say that; they say “${quote}” [${best.source.number}].`;
}
