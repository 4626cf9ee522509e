/**
 * Checks `Authorization: Bearer <token>` against the expected token in constant time: both sides
 * are hashed first, so neither the comparison nor the token's length shows in the timing. Uses
 * Web Crypto, so it runs in any runtime.
 */
export async function isAuthorizedBearer(header: string | undefined, expected: string): Promise<boolean> {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? "");
  const presented = match?.[1] ?? "";
  const [left, right] = await Promise.all([digest(presented), digest(expected)]);
  let difference = presented === "" ? 1 : 0;
  for (let index = 0; index < left.length; index += 1) difference |= (left[index] ?? 0) ^ (right[index] ?? 0);
  return difference === 0;
}

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}
