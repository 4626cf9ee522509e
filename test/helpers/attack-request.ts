// The "large but allowed" /ask request of issue 11: a 999-character question, 7 history turns of
// about 7,900 characters and topK 20 (about 57 KB). The history repeats the corpus article, so the
// folded query matches it well and the answerer goes on to check the question's words; the
// question's words are made up and differ per request, so no cache helps.
import { readFileSync } from "node:fs";

const QUESTION_CHARACTERS = 999;
const TURN_CHARACTERS = 7_900;
const TURNS = 7;

/** Deterministic pseudo-words: `seed` picks the sequence, so every request can have its own. */
function madeUpWords(seed: number): () => string {
  let state = (seed * 2_654_435_761) >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
  const consonants = "bcdfghklmnprstvz";
  const vowels = "aeiou";
  return () => {
    let word = "";
    const syllables = 2 + Math.floor(next() * 3);
    for (let index = 0; index < syllables; index += 1) {
      word += consonants[Math.floor(next() * consonants.length)];
      word += vowels[Math.floor(next() * vowels.length)];
    }
    return word;
  };
}

function repeatTo(text: string, length: number): string {
  return text.repeat(Math.ceil(length / text.length)).slice(0, length);
}

export function attackRequest(seed: number, corpusFile = "corpus/chinadaily-2024-11-xi-peru-agreements.txt") {
  const article = readFileSync(corpusFile, "utf8").replace(/\s+/g, " ");
  const word = madeUpWords(seed);
  // Real words of the article keep the question on topic; every third word is made up.
  const articleWords = article.split(" ");
  let question = "When will it";
  for (let index = 0; question.length < QUESTION_CHARACTERS; index += 1)
    question += ` ${index % 3 === 2 ? word() : articleWords[index % articleWords.length]}`;
  question = `${question.slice(0, QUESTION_CHARACTERS - 1)}?`;
  const history = Array.from({ length: TURNS }, (_, index) => ({
    role: index % 2 === 0 ? ("user" as const) : ("assistant" as const),
    content: repeatTo(article.slice((index * 997) % article.length), TURN_CHARACTERS),
  }));
  return { question, history, topK: 20 };
}
