/** Slack treats `&`, `<` and `>` as control characters in message text; everything else is literal. */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Turns Slack's wire format of a user's message into the plain question: the bot's own mention is
 * dropped, other mentions, channels and links become their visible text, entities are decoded.
 */
export function slackTextToPlain(text: string, options: { botUserId?: string } = {}): string {
  const plain = text.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const [target = "", label] = splitOnce(inner, "|");
    if (target.startsWith("@")) {
      const userId = target.slice(1);
      if (options.botUserId !== undefined && userId === options.botUserId) return " ";
      return `@${label ?? userId}`;
    }
    if (target.startsWith("#")) return `#${label ?? target.slice(1)}`;
    if (target.startsWith("!")) return `@${label ?? target.slice(1).split("^")[0]}`;
    return label ?? target;
  });
  return decodeEntities(plain).replace(/\s+/g, " ").trim();
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const index = text.indexOf(separator);
  return index < 0 ? [text, undefined] : [text.slice(0, index), text.slice(index + 1)];
}

function decodeEntities(text: string): string {
  // `&amp;` last, so `&amp;lt;` decodes to the literal `&lt;` the user typed.
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/**
 * Splits already-escaped text into pieces of at most `maxLength` characters, preferring paragraph,
 * then sentence, then word boundaries, and never cutting through an entity such as `&amp;`.
 */
export function splitEscapedText(text: string, maxLength: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > maxLength) {
    const cut = findCut(rest, maxLength);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest !== "") pieces.push(rest);
  return pieces;
}

/** Shortens escaped text to `maxLength` characters with an ellipsis, at a word boundary when there is one. */
export function trimEscapedText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  return `${text.slice(0, findCut(text, maxLength - 1)).trimEnd()}…`;
}

/** Paragraph breaks, then sentence ends, then any whitespace; the cut goes where the whitespace starts. */
const BOUNDARIES: readonly RegExp[] = [/\n\s*\n/g, /(?<=[.!?]["')\]]?)\s+/g, /\s+/g];

function findCut(text: string, maxLength: number): number {
  // One character past the limit, so whitespace right after a full piece still counts as a boundary.
  const window = text.slice(0, maxLength + 1);
  // A boundary in the first half would leave a stub piece; cutting hard is better then.
  const shortest = Math.floor(maxLength / 2);
  for (const boundary of BOUNDARIES) {
    let cut = -1;
    for (const match of window.matchAll(boundary)) if (match.index >= shortest && match.index <= maxLength) cut = match.index;
    if (cut > 0) return cut;
  }
  const entityStart = text.lastIndexOf("&", maxLength - 1);
  const entity = entityStart > 0 ? /^&(?:amp|lt|gt);/.exec(text.slice(entityStart)) : null;
  return entity && entityStart + entity[0].length > maxLength ? entityStart : maxLength;
}
