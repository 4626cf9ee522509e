import type { KnowledgeBase } from "../retrieve/knowledge-base.ts";
import { STOP_WORDS } from "../text/analyze.ts";

/** Words allowed between the spelled-out words: "Belt and Road Initiative" is BRI. */
const CONNECTORS = new Set(["and", "of", "the", "for"]);
/** Acronyms remembered per knowledge base; questions bring new ones, so the memory is bounded. */
const MAX_REMEMBERED = 1024;
const remembered = new WeakMap<KnowledgeBase, Map<string, boolean>>();
const documentWords = new WeakMap<KnowledgeBase, readonly (readonly string[])[]>();

/**
 * Whether `word` is an acronym the documents write out instead ("FTA" for "free trade agreement",
 * "BRI" for "Belt and Road Initiative"): three to six capitals, and as many content words in a row
 * whose initials spell it, with "and", "of", "the" or "for" allowed between them.
 */
export function spelledOutInCorpus(word: string, knowledge: KnowledgeBase): boolean {
  if (!/^\p{Lu}{3,6}$/u.test(word)) return false;
  let known = remembered.get(knowledge);
  if (!known) {
    known = new Map();
    remembered.set(knowledge, known);
  }
  const cached = known.get(word);
  if (cached !== undefined) return cached;
  const initials = word.toLowerCase();
  const found = wordsOf(knowledge).some((words) => words.some((_, index) => spellsAt({ words, from: index, initials })));
  if (known.size >= MAX_REMEMBERED) known.delete(known.keys().next().value as string);
  known.set(word, found);
  return found;
}

/** Each document's words in lower case, split once per knowledge base. */
function wordsOf(knowledge: KnowledgeBase): readonly (readonly string[])[] {
  let words = documentWords.get(knowledge);
  if (!words) {
    words = [...knowledge.documents.values()].map((document) => document.text.toLowerCase().match(/[\p{L}\p{N}-]+/gu) ?? []);
    documentWords.set(knowledge, words);
  }
  return words;
}

function spellsAt(options: { words: readonly string[]; from: number; initials: string }): boolean {
  const { words, from, initials } = options;
  let at = from;
  for (const letter of initials) {
    while (at > from && CONNECTORS.has(words[at] ?? "") && !(words[at] ?? "").startsWith(letter)) at += 1;
    const word = words[at];
    if (word === undefined || !word.startsWith(letter) || STOP_WORDS.has(word)) return false;
    at += 1;
  }
  return true;
}
