import type { Timings } from "../answer/types.ts";
import type { WriterReport } from "../write/writer-report.ts";

export type QueueName = "answers" | "inference";

/**
 * What the core records about itself. The Node entry backs it with prom-client; other runtimes may
 * leave it out (then nothing is recorded and `/metrics` is absent). Label values are bounded:
 * `route` is the matched route pattern, never the raw path.
 */
export interface Metrics {
  recordRequest(sample: { method: string; route: string; status: number; seconds: number }): void;
  recordAnswer(sample: { grounded: boolean; timings: Timings }): void;
  /** A written answer: its outcome, the sentences verification dropped, time to the first verified sentence and in total. */
  recordWriter(sample: { writer: WriterReport; timings: Timings }): void;
  recordFeedback(rating: string): void;
  recordRateLimited(route: string): void;
  /** A request refused with 503 because too many answers were in flight and queued. */
  recordShed(): void;
  /**
   * How long work waited for its turn, whatever came of it: an answer for a slot of the
   * concurrency limit (`answers`), a model call for a worker thread (`inference`).
   */
  recordQueueWait(sample: { queue: QueueName; seconds: number }): void;
  /** How long a model call ran on its worker thread. */
  recordInference(seconds: number): void;
  /** Where the gauges of a queue read the work running now and the work waiting. */
  observeQueue(queue: QueueName, read: () => { busy: number; waiting: number }): void;
  recordAdminJob(sample: { status: "live" | "failed"; seconds: number }): void;
  setIndexSize(size: { documents: number; chunks: number }): void;
  setModelLoadSeconds(seconds: number): void;
  /** The exposition text for `GET /metrics`. */
  render(): Promise<{ contentType: string; body: string }>;
}
