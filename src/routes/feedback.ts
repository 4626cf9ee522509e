import { Hono } from "hono";
import type { FeedbackStore } from "../feedback/feedback-store.ts";
import { parseFeedback } from "../feedback/parse-feedback.ts";
import { readJsonBody } from "./read-json-body.ts";

/** POST /feedback: stores a thumbs up or down (and optional comment) on one answer; 201 once durable. */
export function feedbackRoutes(options: { store: FeedbackStore; maxBodyBytes: number; now?: () => Date }): Hono {
  const { store, maxBodyBytes, now = () => new Date() } = options;
  const routes = new Hono();
  routes.post("/feedback", async (context) => {
    const feedback = parseFeedback(await readJsonBody(context, maxBodyBytes));
    const record = { id: crypto.randomUUID(), receivedAt: now().toISOString(), ...feedback };
    await store.append(record);
    return context.json({ id: record.id }, 201);
  });
  return routes;
}
