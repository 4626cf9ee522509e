/** A passage of a document, the unit that is embedded, indexed and retrieved. */
export interface Chunk {
  readonly id: string;
  readonly docId: string;
  /** Position of the chunk within its document, from 0. */
  readonly index: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly tokenCount: number;
}
