// The Porter (1980) stemming algorithm, as published in "An algorithm for suffix stripping".
// Rules use the paper's notation: m is the measure of a stem, *v* "stem contains a vowel",
// *d "ends with a double consonant", *o "ends consonant-vowel-consonant, the last not w, x or y".

interface SuffixRule {
  readonly suffix: string;
  readonly replacement: string;
}

type StemCondition = (stem: string) => boolean;

const STEP_2_RULES: readonly SuffixRule[] = [
  { suffix: "ational", replacement: "ate" },
  { suffix: "tional", replacement: "tion" },
  { suffix: "enci", replacement: "ence" },
  { suffix: "anci", replacement: "ance" },
  { suffix: "izer", replacement: "ize" },
  { suffix: "abli", replacement: "able" },
  { suffix: "alli", replacement: "al" },
  { suffix: "entli", replacement: "ent" },
  { suffix: "eli", replacement: "e" },
  { suffix: "ousli", replacement: "ous" },
  { suffix: "ization", replacement: "ize" },
  { suffix: "ation", replacement: "ate" },
  { suffix: "ator", replacement: "ate" },
  { suffix: "alism", replacement: "al" },
  { suffix: "iveness", replacement: "ive" },
  { suffix: "fulness", replacement: "ful" },
  { suffix: "ousness", replacement: "ous" },
  { suffix: "aliti", replacement: "al" },
  { suffix: "iviti", replacement: "ive" },
  { suffix: "biliti", replacement: "ble" },
];

const STEP_3_RULES: readonly SuffixRule[] = [
  { suffix: "icate", replacement: "ic" },
  { suffix: "ative", replacement: "" },
  { suffix: "alize", replacement: "al" },
  { suffix: "iciti", replacement: "ic" },
  { suffix: "ical", replacement: "ic" },
  { suffix: "ful", replacement: "" },
  { suffix: "ness", replacement: "" },
];

const STEP_4_SUFFIXES: readonly string[] = [
  "al",
  "ance",
  "ence",
  "er",
  "ic",
  "able",
  "ible",
  "ant",
  "ement",
  "ment",
  "ent",
  "ion",
  "ou",
  "ism",
  "ate",
  "iti",
  "ous",
  "ive",
  "ize",
];

function isConsonant(word: string, index: number): boolean {
  const letter = word[index];
  switch (letter) {
    case "a":
    case "e":
    case "i":
    case "o":
    case "u":
      return false;
    case "y":
      // y is a consonant at the start of a word or after a vowel ("toy"), a vowel after a consonant ("syzygy").
      return index === 0 || !isConsonant(word, index - 1);
    default:
      return true;
  }
}

/** The m in [C](VC)^m[V]: how many vowel-to-consonant transitions the stem has. */
function measure(stem: string): number {
  let count = 0;
  let previousWasVowel = false;
  for (let index = 0; index < stem.length; index += 1) {
    const vowel = !isConsonant(stem, index);
    if (previousWasVowel && !vowel) {
      count += 1;
    }
    previousWasVowel = vowel;
  }
  return count;
}

function containsVowel(stem: string): boolean {
  for (let index = 0; index < stem.length; index += 1) {
    if (!isConsonant(stem, index)) {
      return true;
    }
  }
  return false;
}

function endsWithDoubleConsonant(stem: string): boolean {
  const last = stem.length - 1;
  return last >= 1 && stem[last] === stem[last - 1] && isConsonant(stem, last);
}

function endsConsonantVowelConsonant(stem: string): boolean {
  const last = stem.length - 1;
  if (last < 2 || !isConsonant(stem, last) || isConsonant(stem, last - 1) || !isConsonant(stem, last - 2)) {
    return false;
  }
  const finalLetter = stem[last];
  return finalLetter !== "w" && finalLetter !== "x" && finalLetter !== "y";
}

const hasPositiveMeasure: StemCondition = (stem) => measure(stem) > 0;
const hasMeasureAboveOne: StemCondition = (stem) => measure(stem) > 1;

/**
 * Applies the rule with the longest matching suffix, if its stem satisfies the condition.
 * As in the paper, a failed condition does not fall through to shorter suffixes.
 */
function applyLongestRule(word: string, rules: readonly SuffixRule[], condition: StemCondition): string {
  let matched: SuffixRule | undefined;
  for (const rule of rules) {
    if (word.endsWith(rule.suffix) && (matched === undefined || rule.suffix.length > matched.suffix.length)) {
      matched = rule;
    }
  }
  if (matched === undefined) {
    return word;
  }
  const stem = word.slice(0, word.length - matched.suffix.length);
  return condition(stem) ? stem + matched.replacement : word;
}

function step1a(word: string): string {
  if (word.endsWith("sses")) return word.slice(0, -2);
  if (word.endsWith("ies")) return word.slice(0, -2);
  if (word.endsWith("ss")) return word;
  if (word.endsWith("s")) return word.slice(0, -1);
  return word;
}

function step1b(word: string): string {
  if (word.endsWith("eed")) {
    return hasPositiveMeasure(word.slice(0, -3)) ? word.slice(0, -1) : word;
  }
  let stem: string | undefined;
  if (word.endsWith("ed") && containsVowel(word.slice(0, -2))) {
    stem = word.slice(0, -2);
  } else if (word.endsWith("ing") && containsVowel(word.slice(0, -3))) {
    stem = word.slice(0, -3);
  }
  if (stem === undefined) {
    return word;
  }
  // Tidy up after removing -ed or -ing so that "conflat(ed)" becomes "conflate" and "hopp(ing)" "hop".
  if (stem.endsWith("at") || stem.endsWith("bl") || stem.endsWith("iz")) {
    return `${stem}e`;
  }
  if (endsWithDoubleConsonant(stem) && !/[lsz]$/.test(stem)) {
    return stem.slice(0, -1);
  }
  if (measure(stem) === 1 && endsConsonantVowelConsonant(stem)) {
    return `${stem}e`;
  }
  return stem;
}

function step1c(word: string): string {
  if (word.endsWith("y") && containsVowel(word.slice(0, -1))) {
    return `${word.slice(0, -1)}i`;
  }
  return word;
}

function step4(word: string): string {
  let matched: string | undefined;
  for (const suffix of STEP_4_SUFFIXES) {
    if (word.endsWith(suffix) && (matched === undefined || suffix.length > matched.length)) {
      matched = suffix;
    }
  }
  if (matched === undefined) {
    return word;
  }
  const stem = word.slice(0, word.length - matched.length);
  if (!hasMeasureAboveOne(stem)) {
    return word;
  }
  if (matched === "ion" && !stem.endsWith("s") && !stem.endsWith("t")) {
    return word;
  }
  return stem;
}

function step5a(word: string): string {
  if (!word.endsWith("e")) {
    return word;
  }
  const stem = word.slice(0, -1);
  const stemMeasure = measure(stem);
  if (stemMeasure > 1 || (stemMeasure === 1 && !endsConsonantVowelConsonant(stem))) {
    return stem;
  }
  return word;
}

function step5b(word: string): string {
  if (measure(word) > 1 && endsWithDoubleConsonant(word) && word.endsWith("l")) {
    return word.slice(0, -1);
  }
  return word;
}

/**
 * Reduces a lowercase English word to its Porter stem ("relational" -> "relat").
 * Words of one or two letters, and anything that is not plain a-z, are returned unchanged.
 */
export function stem(word: string): string {
  if (word.length <= 2 || !/^[a-z]+$/.test(word)) {
    return word;
  }
  let result = step1a(word);
  result = step1b(result);
  result = step1c(result);
  result = applyLongestRule(result, STEP_2_RULES, hasPositiveMeasure);
  result = applyLongestRule(result, STEP_3_RULES, hasPositiveMeasure);
  result = step4(result);
  result = step5a(result);
  return step5b(result);
}
