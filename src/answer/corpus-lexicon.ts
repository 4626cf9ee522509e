import type { KnowledgeBase } from "../retrieve/knowledge-base.ts";
import { STOP_WORDS } from "../text/analyze.ts";
import { type LanguageRules, languageRules, stemEnglish as stem } from "./language-rules.ts";
import { nameRuns, overlaps, speakerRuns } from "./name-spans.ts";
import { type Token, tokenize } from "./sentence-tokens.ts";

/**
 * What the corpus itself says about its words, learned once per knowledge base: which words it writes
 * in lower case (so a capitalised one at a sentence start is not a name), which nouns it uses for
 * people ("the ambassador said", "the finance director, Ingrid Solberg", "employees who"), and which
 * names stand alone (so "to China Marco V. Balarezo" splits into a place and a person).
 */
export interface CorpusLexicon {
  readonly lowercaseWords: ReadonlySet<string>;
  /** Stems of nouns the corpus uses for people and roles. */
  readonly roleStems: ReadonlySet<string>;
  readonly standaloneNames: ReadonlySet<string>;
  /**
   * Lower-cased words of names the corpus uses for people: after a title ("President Xi"), beside a
   * role ("the finance director, Ingrid Solberg"), or as a speaker ("Balarezo said"). "Belt and
   * Road" is a name, but never a person's.
   */
  readonly personNames: ReadonlySet<string>;
  /** The title stems the corpus writes before each word of a person's name ("xi": "presid" for "President Xi"). */
  readonly titles?: ReadonlyMap<string, ReadonlySet<string>>;
}

const cache = new WeakMap<KnowledgeBase, CorpusLexicon>();

export function corpusLexicon(knowledge: KnowledgeBase): CorpusLexicon {
  const cached = cache.get(knowledge);
  if (cached) return cached;
  // Names and roles are learned the English way; in a corpus without English they are simply few.
  const rules = languageRules("en");
  const tokenized = knowledge.sentences.map((sentence) => tokenize(sentence.text));
  const lowercaseWords = new Set<string>();
  for (const tokens of tokenized) for (const token of tokens) if (!token.capitalised) lowercaseWords.add(token.lower);
  const isName = (token: Token | undefined, index: number) =>
    token?.capitalised && (index > 0 || !lowercaseWords.has(token.lower)) && !rules.determinersAndPronouns.has(token.lower);
  const roleStems = new Set<string>();
  const standaloneNames = new Set<string>();
  const addRole = (token: Token | undefined) => {
    if (!token || !lowercaseWords.has(token.lower) || !/^\p{L}{3,}$/u.test(token.lower)) return;
    if (STOP_WORDS.has(token.lower) || rules.determinersAndPronouns.has(token.lower)) return;
    roleStems.add(stem(token.lower));
  };
  // A person's name has two parts or more ("Ingrid Solberg", "Pieter de Wit"); a list of products does not.
  const fullNameAt = (tokens: readonly Token[], index: number) => {
    const after = tokens[index + 1];
    const connected = after && /^(de|van|von|da|del|di|la|le|bin)$/.test(after.text) ? tokens[index + 2] : after;
    return isName(tokens[index], index) && connected?.capitalised && connected.punctuationBefore === "";
  };
  for (const tokens of tokenized) {
    tokens.forEach((token, index) => {
      const next = tokens[index + 1];
      const previous = tokens[index - 1];
      // A title written with a capital right before a name: "President Xi", "President Dina Boluarte".
      if (index > 0 && token.capitalised && next && isName(next, index + 1) && next.punctuationBefore === "") addRole(token);
      // Apposition: "the finance director, Ingrid Solberg" and "the head of people, Tomás Ibarra".
      if (next && next.punctuationBefore === "," && fullNameAt(tokens, index + 1) && !isName(token, index)) {
        addRole(token);
        if (previous?.lower === "of") addRole(tokens[index - 2]);
      }
      // "the ambassador said", "employees who", "the officer is Maren Vos".
      if (next && rules.speechVerbs.test(next.text) && next.punctuationBefore === "" && !isName(token, index)) addRole(token);
      if (next && next.lower === "who" && next.punctuationBefore === "") addRole(token);
      if (next?.lower === "is" && isName(tokens[index + 2], index + 2)) addRole(token);
      if (isName(token, index) && !isName(previous, index - 1) && !isName(next, index + 1)) standaloneNames.add(token.text);
    });
  }
  const partial = { lowercaseWords, roleStems, standaloneNames, personNames: new Set<string>() };
  const titles = new Map<string, Set<string>>();
  const lexicon = { ...partial, personNames: learnPersonNames({ tokenized, lexicon: partial, rules, titles }), titles };
  cache.set(knowledge, lexicon);
  return lexicon;
}

function learnPersonNames(options: {
  tokenized: readonly (readonly Token[])[];
  lexicon: CorpusLexicon;
  rules: LanguageRules;
  /** Filled with the titles written inside name runs ("President Xi Jinping"). */
  titles: Map<string, Set<string>>;
}): Set<string> {
  const { tokenized, lexicon, rules, titles } = options;
  const personNames = new Set<string>();
  const isRole = (token: Token | undefined) => token !== undefined && lexicon.roleStems.has(stem(token.lower));
  for (const tokens of tokenized) {
    const speakers = speakerRuns(tokens, rules);
    for (const run of nameRuns({ tokens, lexicon, rules })) {
      if (run.locative) continue;
      // Inside "Peruvian President Dina Boluarte" the person starts after the title.
      let title = -1;
      for (let index = run.first; index < run.last; index += 1) if (isRole(tokens[index])) title = index;
      const first = title >= 0 ? title + 1 : run.first;
      const before = tokens[first - 1];
      const after = tokens[run.last + 1];
      const person =
        title >= 0 ||
        (isRole(before) && (tokens[first] as Token).punctuationBefore === ",") ||
        (before?.lower === "is" && isRole(tokens[first - 2])) ||
        (after !== undefined && /^(is|was)$/.test(after.lower) && tokens.slice(run.last + 2, run.last + 6).some(isRole)) ||
        speakers.some((speaker) => overlaps(speaker, { first, last: run.last }));
      if (person) for (const token of tokens.slice(first, run.last + 1)) personNames.add(token.lower);
      if (title < 0) continue;
      const role = stem((tokens[title] as Token).lower);
      for (const token of tokens.slice(first, run.last + 1)) {
        const known = titles.get(token.lower) ?? new Set<string>();
        titles.set(token.lower, known.add(role));
      }
    }
  }
  return personNames;
}
