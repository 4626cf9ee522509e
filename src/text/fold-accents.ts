/** Combining diacritics of Latin, Greek and Cyrillic letters (acute, grave, tilde, diaeresis, cedilla...). */
const DIACRITICS = /[\u0300-\u036f]/g;

/**
 * "perú" -> "peru", "ñandú" -> "nandu": so a word typed with or without its accents matches. Only the
 * combining diacritics block is removed, so marks that letters of other scripts need (Devanagari
 * vowel signs, for instance) stay. For matching only: quotes are always the source text itself.
 */
export function foldAccents(word: string): string {
  return word.normalize("NFD").replace(DIACRITICS, "").normalize("NFC");
}
