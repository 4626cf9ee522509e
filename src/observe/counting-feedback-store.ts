import type { FeedbackStore } from "../feedback/feedback-store.ts";
import type { Metrics } from "./metrics.ts";

/** Counts feedback by rating once it is stored, without the feedback route knowing about metrics. */
export function countingFeedbackStore(store: FeedbackStore, metrics: Metrics): FeedbackStore {
  return {
    async append(record) {
      await store.append(record);
      metrics.recordFeedback(record.rating);
    },
  };
}
