/** Combining diacritics of Latin, Greek and Cyrillic letters (acute, grave, tilde, diaeresis, cedilla...). */
const DIACRITICS = /[\u0300-\u036f]/g;
/** Words are made of letters and digits, so printable ASCII is all of ASCII they can hold. */
const NOT_PLAIN_ASCII = /[^\x20-\x7e]/;

/**
 * "perú" -> "peru", "ñandú" -> "nandu": so a word typed with or without its accents matches. Only the
 * combining diacritics block is removed, so marks that letters of other scripts need (Devanagari
 * vowel signs, for instance) stay. For matching only: quotes are always the source text itself.
 */
export function foldAccents(word: string): string {
  // Most words are plain ASCII, which has nothing to fold.
  if (!NOT_PLAIN_ASCII.test(word)) return word;
  return word.normalize("NFD").replace(DIACRITICS, "").normalize("NFC");
}
