/** `text` as an http(s) URL, or undefined for anything else (other schemes, malformed text). */
export function parseHttpUrl(text: string): URL | undefined {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return undefined;
  }
  return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed : undefined;
}
