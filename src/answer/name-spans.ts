import { STOP_WORDS } from "../text/analyze.ts";
import type { CorpusLexicon } from "./corpus-lexicon.ts";
import type { LanguageRules } from "./language-rules.ts";
import { stemEnglish as stem } from "./language-rules.ts";
import type { Token } from "./sentence-tokens.ts";

/** A run of tokens `[first, last]` (inclusive indexes into the sentence's tokens). */
export interface TokenRun {
  readonly first: number;
  readonly last: number;
}

export interface NameRun extends TokenRun {
  /** The run begins with a title the corpus uses for people ("President" of "President Xi"). */
  readonly titled: boolean;
  /** Preceded by a locative preposition ("in Lima", "across the Pacific"): a place. */
  readonly locative: boolean;
}

/** Nouns that make a capitalised word an organisation or a place: "People team", "Rotterdam office". */
const ORGANISATION_NOUNS =
  /^(team|teams|office|offices|department|desk|ministry|government|company|council|committee|board|group|bank|university|port|city)$/;
const NAME_CONNECTORS = /^(de|van|von|da|del|di|der|la|le|bin)$/;

function isNameToken(options: { tokens: readonly Token[]; index: number; lexicon: CorpusLexicon; rules: LanguageRules }): boolean {
  const { tokens, index, lexicon, rules } = options;
  const token = tokens[index];
  if (!token?.capitalised || rules.determinersAndPronouns.has(token.lower) || rules.calendarWords.test(token.lower)) return false;
  // At the start of a sentence every word is capitalised: count it only when the corpus never writes it in lower case.
  const startsSentence = index === 0 || /["“‘(]$/.test(token.punctuationBefore) || tokens[index - 1] === undefined;
  if (!startsSentence) return true;
  return !lexicon.lowercaseWords.has(token.lower) && !participleOpening(tokens, index);
}

/**
 * "Noting that infrastructure…", "Citing the report…": a sentence opening on a participle and its object,
 * which the corpus may never write in lower case, is no name ("Beijing has…" still is).
 */
function participleOpening(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index] as Token;
  const next = tokens[index + 1];
  return /\p{L}{3,}ing$/u.test(token.lower) && next !== undefined && next.punctuationBefore === "" && PARTICIPLE_OBJECT.test(next.text);
}

/** Words that follow an opening participle, not a name: "Noting that", "Citing the", "Speaking with". */
const PARTICIPLE_OBJECT = /^(that|the|a|an|its|his|her|their|this|these|those|with|about)$/;

/** Capitalised runs that name someone or something ("Marco V. Balarezo", "San Francisco", "Belt and Road"). */
export function nameRuns(options: { tokens: readonly Token[]; lexicon: CorpusLexicon; rules: LanguageRules }): NameRun[] {
  const { tokens, lexicon, rules } = options;
  const runs: NameRun[] = [];
  let index = 0;
  while (index < tokens.length) {
    if (!isNameToken({ ...options, index })) {
      index += 1;
      continue;
    }
    let last = index;
    while (last + 1 < tokens.length) {
      const next = tokens[last + 1] as Token;
      if (next.punctuationBefore !== "" || (tokens[last] as Token).possessive) break;
      if (isNameToken({ ...options, index: last + 1 })) last += 1;
      else if (
        NAME_CONNECTORS.test(next.text) &&
        isNameToken({ ...options, index: last + 2 }) &&
        tokens[last + 2]?.punctuationBefore === ""
      )
        last += 2;
      else break;
    }
    const before = previousWord(tokens, index);
    // "in Lima", "across the Pacific", and "of the Rotterdam office".
    const ofPlace = before?.lower === "of" && ORGANISATION_NOUNS.test(tokens[last + 1]?.lower ?? "");
    const locative = before !== undefined && (rules.locativePrepositions.has(before.lower) || ofPlace);
    // "to China Marco V. Balarezo": a place the corpus names on its own, then a person.
    const head = tokens[index] as Token;
    if (locative && last > index && lexicon.standaloneNames.has(head.text)) {
      runs.push({ first: index, last: index, titled: false, locative: true });
      runs.push({ first: index + 1, last, titled: false, locative: false });
    } else {
      const titled = last > index && lexicon.roleStems.has(stem(head.lower));
      runs.push({ first: index, last, titled, locative });
    }
    index = last + 1;
  }
  return runs;
}

/** The word before token `index`, skipping one determiner ("across the Pacific" gives "across"). */
function previousWord(tokens: readonly Token[], index: number): Token | undefined {
  const before = tokens[index - 1];
  if (before && /^(the|a|an)$/.test(before.lower) && (tokens[index] as Token).punctuationBefore === "") return tokens[index - 2];
  return (tokens[index] as Token).punctuationBefore === "" ? before : undefined;
}

/** A run extended by a following organisation noun: "People" becomes "People team". */
export function withOrganisationNoun(tokens: readonly Token[], run: TokenRun): TokenRun {
  const next = tokens[run.last + 1];
  return next && next.punctuationBefore === "" && ORGANISATION_NOUNS.test(next.lower) ? { first: run.first, last: run.last + 1 } : run;
}

/**
 * Role phrases: a noun the corpus (or the question) uses for people with up to two modifiers
 * ("team lead", "finance director", "IT security lead", "both presidents").
 */
export function roleRuns(options: { tokens: readonly Token[]; roleStems: ReadonlySet<string>; rules: LanguageRules }): TokenRun[] {
  const { tokens, roleStems, rules } = options;
  const runs: TokenRun[] = [];
  tokens.forEach((token, index) => {
    if (!roleStems.has(stem(token.lower)) || STOP_WORDS.has(token.lower)) return;
    // A role noun modifying the next role noun ("team lead") is part of the later run.
    const next = tokens[index + 1];
    if (next && next.punctuationBefore === "" && roleStems.has(stem(next.lower)) && !token.possessive) return;
    let first = index;
    while (first > index - 2 && first > 0) {
      const previous = tokens[first - 1] as Token;
      const joined = (tokens[first] as Token).punctuationBefore === "" && !previous.possessive;
      const modifier = !STOP_WORDS.has(previous.lower) && !rules.determinersAndPronouns.has(previous.lower) && !/^\d/.test(previous.text);
      if (joined && (modifier || previous.lower === "both")) first -= 1;
      else break;
    }
    runs.push({ first, last: index });
  });
  return runs;
}

/**
 * Who is speaking in the sentence: "…, the ambassador said", "Balarezo told China Daily …",
 * "According to Balarezo, …". A speaker is an attribution, not an answer to "who did X".
 */
export function speakerRuns(tokens: readonly Token[], rules: LanguageRules): TokenRun[] {
  const runs: TokenRun[] = [];
  const MAX_SPEAKER_TOKENS = 8;
  tokens.forEach((token, index) => {
    if (rules.speechVerbs.test(token.text) && index > 0 && !pluralNounLike(tokens, index)) {
      let first = index - 1;
      while (first > 0 && index - first < MAX_SPEAKER_TOKENS && (tokens[first] as Token).punctuationBefore === "") first -= 1;
      runs.push({ first, last: index - 1 });
    }
    if (token.lower === "according" && tokens[index + 1]?.lower === "to") {
      let last = index + 2;
      while (last + 1 < tokens.length && (tokens[last + 1] as Token).punctuationBefore === "" && last - index < MAX_SPEAKER_TOKENS)
        last += 1;
      runs.push({ first: index + 2, last });
    }
  });
  return runs;
}

/**
 * A present-tense speech verb that is also a plural noun ("the meeting owner shares notes in the team
 * channel", "member states") speaks only before "that", a quote, a name or punctuation, or at the end.
 */
function pluralNounLike(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index] as Token;
  if (!/s$/.test(token.lower)) return false;
  const next = tokens[index + 1];
  return next !== undefined && next.punctuationBefore === "" && !next.capitalised && next.lower !== "that";
}

export function overlaps(a: TokenRun, b: TokenRun): boolean {
  return a.first <= b.last && b.first <= a.last;
}
