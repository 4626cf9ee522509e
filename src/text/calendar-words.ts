// Weekday and month names in the languages the answerers read, in calendar order (Monday first),
// lower case with accents folded, for the checks that match a date across languages.

export const ENGLISH_WEEKDAYS: readonly string[] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
export const ENGLISH_MONTHS: readonly string[] = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
export const SPANISH_WEEKDAYS: readonly string[] = ["lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"];
/** Each month's spellings: Peru writes September "setiembre". */
export const SPANISH_MONTHS: readonly (readonly string[])[] = [
  ["enero"],
  ["febrero"],
  ["marzo"],
  ["abril"],
  ["mayo"],
  ["junio"],
  ["julio"],
  ["agosto"],
  ["septiembre", "setiembre"],
  ["octubre"],
  ["noviembre"],
  ["diciembre"],
];
