import type { Timings } from "../answer/types.ts";
import type { WriterReport } from "../write/writer-report.ts";

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
  recordAdminJob(sample: { status: "live" | "failed"; seconds: number }): void;
  setIndexSize(size: { documents: number; chunks: number }): void;
  setModelLoadSeconds(seconds: number): void;
  /** The exposition text for `GET /metrics`. */
  render(): Promise<{ contentType: string; body: string }>;
}
