/**
 * The k best of a stream of (row, score) pairs, kept in a bounded min-heap: O(n log k) time and O(k)
 * memory instead of keeping, sorting and slicing all n. Equal scores rank the lower row first, the
 * order a stable sort by score gives.
 */
export class TopK {
  readonly capacity: number;
  #size = 0;
  readonly #rows: Int32Array;
  readonly #scores: Float64Array;

  constructor(capacity: number) {
    this.capacity = Math.max(0, Math.floor(capacity));
    this.#rows = new Int32Array(this.capacity);
    this.#scores = new Float64Array(this.capacity);
  }

  /** Offers a row; NaN scores never enter. */
  offer(row: number, score: number): void {
    if (Number.isNaN(score)) return;
    if (this.#size < this.capacity) {
      this.#siftUp(this.#size, row, score);
      this.#size += 1;
      return;
    }
    if (this.capacity === 0) return;
    const worstScore = this.#scores[0] as number;
    // Most rows of a scan fail this test, so the heap is rarely touched.
    if (score > worstScore || (score === worstScore && row < (this.#rows[0] as number))) this.#siftDown(row, score);
  }

  /** Kept rows, best first (score descending, then row ascending). */
  sorted(): { row: number; score: number }[] {
    const items: { row: number; score: number }[] = [];
    for (let slot = 0; slot < this.#size; slot += 1) items.push({ row: this.#rows[slot] as number, score: this.#scores[slot] as number });
    return items.sort((a, b) => b.score - a.score || a.row - b.row);
  }

  /** Heap order: the root is the worst kept item (lowest score; among equal scores, the highest row). */
  #worse(slotA: number, slotB: number): boolean {
    const scoreA = this.#scores[slotA] as number;
    const scoreB = this.#scores[slotB] as number;
    return scoreA < scoreB || (scoreA === scoreB && (this.#rows[slotA] as number) > (this.#rows[slotB] as number));
  }

  #siftUp(start: number, row: number, score: number): void {
    let slot = start;
    this.#rows[slot] = row;
    this.#scores[slot] = score;
    while (slot > 0) {
      const parent = (slot - 1) >> 1;
      if (!this.#worse(slot, parent)) break;
      this.#swap(slot, parent);
      slot = parent;
    }
  }

  /** Replaces the root with (row, score) and restores heap order. */
  #siftDown(row: number, score: number): void {
    this.#rows[0] = row;
    this.#scores[0] = score;
    let slot = 0;
    for (;;) {
      const left = 2 * slot + 1;
      if (left >= this.#size) break;
      const right = left + 1;
      const child = right < this.#size && this.#worse(right, left) ? right : left;
      if (!this.#worse(child, slot)) break;
      this.#swap(slot, child);
      slot = child;
    }
  }

  #swap(slotA: number, slotB: number): void {
    const row = this.#rows[slotA] as number;
    const score = this.#scores[slotA] as number;
    this.#rows[slotA] = this.#rows[slotB] as number;
    this.#scores[slotA] = this.#scores[slotB] as number;
    this.#rows[slotB] = row;
    this.#scores[slotB] = score;
  }
}
