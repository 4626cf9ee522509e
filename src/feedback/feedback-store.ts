/** A reader's verdict on one answer, as the widget sends it to POST /feedback. */
export interface Feedback {
  readonly rating: "up" | "down";
  readonly question: string;
  readonly answer: string;
  readonly comment?: string;
  /** Groups the feedback of one browser conversation; chosen by the widget, not a user identity. */
  readonly conversationId?: string;
}

export interface FeedbackRecord extends Feedback {
  readonly id: string;
  readonly receivedAt: string;
}

/** Where feedback is kept. `append` resolves only once the record is durably stored. */
export interface FeedbackStore {
  append(record: FeedbackRecord): Promise<void>;
}
