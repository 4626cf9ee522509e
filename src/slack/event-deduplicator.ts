/** Slack retries for up to about 30 minutes; an hour leaves room for slow retries and clock drift. */
export const DEFAULT_REMEMBER_MS = 60 * 60 * 1000;
/** Caps memory under a flood: at ~100 bytes an entry this is a few megabytes at most. */
export const DEFAULT_MAX_ENTRIES = 50_000;

/**
 * Remembers ids (event ids, message keys) for a while so a retried or repeated delivery is recognised.
 * A Map keeps insertion order, and every entry lives equally long, so the oldest entries sit at the
 * front: expiry and the size cap both evict from there in O(1) per entry.
 */
export class EventDeduplicator {
  readonly #seen = new Map<string, number>();
  readonly #rememberMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: { rememberMs?: number; maxEntries?: number; now?: () => number } = {}) {
    this.#rememberMs = options.rememberMs ?? DEFAULT_REMEMBER_MS;
    this.#maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.#now = options.now ?? Date.now;
  }

  /** True the first time an id is seen within the window, false for every repeat. */
  firstSighting(id: string): boolean {
    const now = this.#now();
    this.#evictExpired(now);
    const expiresAt = this.#seen.get(id);
    if (expiresAt !== undefined && expiresAt > now) return false;
    this.#seen.delete(id);
    this.#seen.set(id, now + this.#rememberMs);
    while (this.#seen.size > this.#maxEntries) this.#deleteOldest();
    return true;
  }

  get size(): number {
    return this.#seen.size;
  }

  #evictExpired(now: number): void {
    for (const [id, expiresAt] of this.#seen) {
      if (expiresAt > now) break;
      this.#seen.delete(id);
    }
  }

  #deleteOldest(): void {
    const oldest = this.#seen.keys().next();
    if (!oldest.done) this.#seen.delete(oldest.value);
  }
}
