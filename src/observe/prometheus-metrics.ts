// Node adapter: prom-client behind the Metrics interface. The Worker build never imports this file.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Metrics } from "./metrics.ts";

/** Seconds; answers take milliseconds, re-indexing takes seconds to minutes. */
const REQUEST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds; a CPU-bound local model takes seconds per answer. */
const WRITER_BUCKETS = [0.25, 0.5, 1, 2, 3, 4, 6, 8, 10, 15, 20, 30];
/** Waits run from nothing to the request timeout. */
const WAIT_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30];
const JOB_BUCKETS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

export function createPrometheusMetrics(options: { prefix?: string; defaultMetrics?: boolean } = {}): Metrics & { registry: Registry } {
  const { prefix = "xiperu_", defaultMetrics = true } = options;
  const registry = new Registry();
  if (defaultMetrics) collectDefaultMetrics({ register: registry, prefix });
  const registers = [registry];
  const requests = new Counter({
    name: `${prefix}http_requests_total`,
    help: "HTTP requests by route pattern, method and status",
    labelNames: ["route", "method", "status"] as const,
    registers,
  });
  const requestSeconds = new Histogram({
    name: `${prefix}http_request_duration_seconds`,
    help: "Time to response headers by route pattern, method and status",
    labelNames: ["route", "method", "status"] as const,
    buckets: REQUEST_BUCKETS,
    registers,
  });
  const answerSeconds = new Histogram({
    name: `${prefix}answer_phase_duration_seconds`,
    help: "Answer timings by phase: queue (waiting for a slot), embed (query embedding), search (retrieval), answer (quote selection), total (after the queue)",
    labelNames: ["phase"] as const,
    buckets: REQUEST_BUCKETS,
    registers,
  });
  const answers = new Counter({
    name: `${prefix}answers_total`,
    help: "Answers by outcome: grounded, or abstained when the sources do not support an answer",
    labelNames: ["outcome"] as const,
    registers,
  });
  const writerAnswers = new Counter({
    name: `${prefix}writer_answers_total`,
    help: "Answers a language model wrote, by outcome: verified, abstained, fallback (the extractive answer after a writer failure), delegated",
    labelNames: ["outcome", "mode"] as const,
    registers,
  });
  const writerDropped = new Counter({
    name: `${prefix}writer_dropped_sentences_total`,
    help: "Written sentences that failed verification and were not shipped, by reason",
    labelNames: ["reason"] as const,
    registers,
  });
  const writerSeconds = new Histogram({
    name: `${prefix}writer_duration_seconds`,
    help: "Written answers: time to the first verified sentence (first_sentence) and to the end (total)",
    labelNames: ["phase"] as const,
    buckets: WRITER_BUCKETS,
    registers,
  });
  const feedback = new Counter({
    name: `${prefix}feedback_total`,
    help: "Feedback received by rating",
    labelNames: ["rating"] as const,
    registers,
  });
  const rateLimited = new Counter({
    name: `${prefix}rate_limited_total`,
    help: "Requests refused with 429 by the per-client rate limit",
    labelNames: ["route"] as const,
    registers,
  });
  const shed = new Counter({
    name: `${prefix}overload_shed_total`,
    help: "Requests refused with 503 because the answer queue was full",
    registers,
  });
  const queueWait = new Histogram({
    name: `${prefix}queue_wait_seconds`,
    help: "Time waited for a turn: answers for a slot of the concurrency limit, model calls for a worker thread",
    labelNames: ["queue"] as const,
    buckets: WAIT_BUCKETS,
    registers,
  });
  const inferenceSeconds = new Histogram({
    name: `${prefix}inference_seconds`,
    help: "Time a model call ran on its worker thread",
    buckets: REQUEST_BUCKETS,
    registers,
  });
  const queueReaders = new Map<string, () => { busy: number; waiting: number }>();
  const queueGauge = (name: string, help: string, field: "busy" | "waiting") =>
    new Gauge({
      name: `${prefix}${name}`,
      help,
      labelNames: ["queue"] as const,
      registers,
      collect() {
        for (const [queue, read] of queueReaders) this.set({ queue }, read()[field]);
      },
    });
  queueGauge("queue_busy", "Work running now: answers being computed, worker threads computing", "busy");
  queueGauge("queue_waiting", "Work waiting for its turn: answers for a slot, model calls for a thread", "waiting");
  const jobSeconds = new Histogram({
    name: `${prefix}admin_job_duration_seconds`,
    help: "Re-indexing jobs from the admin API by final status",
    labelNames: ["status"] as const,
    buckets: JOB_BUCKETS,
    registers,
  });
  const indexDocuments = new Gauge({ name: `${prefix}index_documents`, help: "Documents in the serving index", registers });
  const indexChunks = new Gauge({ name: `${prefix}index_chunks`, help: "Chunks in the serving index", registers });
  const modelLoad = new Gauge({ name: `${prefix}model_load_seconds`, help: "Time to load the model and index at start-up", registers });

  return {
    registry,
    recordRequest({ method, route, status, seconds }) {
      const labels = { route, method, status: String(status) };
      requests.inc(labels);
      requestSeconds.observe(labels, seconds);
    },
    recordAnswer({ grounded, timings }) {
      answers.inc({ outcome: grounded ? "grounded" : "abstained" });
      answerSeconds.observe({ phase: "embed" }, timings.embedMs / 1000);
      answerSeconds.observe({ phase: "search" }, timings.searchMs / 1000);
      answerSeconds.observe({ phase: "answer" }, timings.answerMs / 1000);
      answerSeconds.observe({ phase: "total" }, timings.totalMs / 1000);
      if (timings.queueMs !== undefined) answerSeconds.observe({ phase: "queue" }, timings.queueMs / 1000);
    },
    recordWriter({ writer, timings }) {
      writerAnswers.inc({ outcome: writer.outcome, mode: writer.mode });
      for (const { reason } of writer.dropped) writerDropped.inc({ reason });
      if (timings.firstSentenceMs !== undefined) writerSeconds.observe({ phase: "first_sentence" }, timings.firstSentenceMs / 1000);
      writerSeconds.observe({ phase: "total" }, timings.totalMs / 1000);
    },
    recordFeedback(rating) {
      // Bounded label values whatever the feedback route accepts.
      feedback.inc({ rating: rating === "up" || rating === "down" ? rating : "other" });
    },
    recordRateLimited(route) {
      rateLimited.inc({ route });
    },
    recordShed() {
      shed.inc();
    },
    recordQueueWait({ queue, seconds }) {
      queueWait.observe({ queue }, seconds);
    },
    recordInference(seconds) {
      inferenceSeconds.observe(seconds);
    },
    observeQueue(queue, read) {
      queueReaders.set(queue, read);
    },
    recordAdminJob({ status, seconds }) {
      jobSeconds.observe({ status }, seconds);
    },
    setIndexSize({ documents, chunks }) {
      indexDocuments.set(documents);
      indexChunks.set(chunks);
    },
    setModelLoadSeconds(seconds) {
      modelLoad.set(seconds);
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
