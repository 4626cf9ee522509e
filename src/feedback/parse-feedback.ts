import { InvalidRequestError } from "../errors.ts";
import { QUESTION_MAX_CHARACTERS, TURN_MAX_CHARACTERS } from "../routes/ask-request.ts";
import type { Feedback } from "./feedback-store.ts";

export const COMMENT_MAX_CHARACTERS = 2000;
const CONVERSATION_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Validates the body of POST /feedback; errors name the offending field. */
export function parseFeedback(body: unknown): Feedback {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new InvalidRequestError("Request body must be a JSON object", "body");
  }
  const record = body as Record<string, unknown>;
  if (record.rating !== "up" && record.rating !== "down") throw new InvalidRequestError('`rating` must be "up" or "down"', "rating");
  const question = requiredText(record.question, "question", QUESTION_MAX_CHARACTERS);
  const answer = requiredText(record.answer, "answer", TURN_MAX_CHARACTERS);
  const comment = optionalText(record.comment, "comment", COMMENT_MAX_CHARACTERS);
  let conversationId: string | undefined;
  if (record.conversationId !== undefined && record.conversationId !== null) {
    if (typeof record.conversationId !== "string" || !CONVERSATION_ID.test(record.conversationId)) {
      throw new InvalidRequestError("`conversationId` must be 1 to 64 letters, digits, - or _", "conversationId");
    }
    conversationId = record.conversationId;
  }
  return {
    rating: record.rating,
    question,
    answer,
    ...(comment ? { comment } : {}),
    ...(conversationId ? { conversationId } : {}),
  };
}

function requiredText(value: unknown, field: string, maxCharacters: number): string {
  if (typeof value !== "string") throw new InvalidRequestError(`\`${field}\` is required and must be a string`, field);
  const text = value.trim();
  if (text === "") throw new InvalidRequestError(`\`${field}\` must not be empty`, field);
  if (text.length > maxCharacters) throw new InvalidRequestError(`\`${field}\` must be at most ${maxCharacters} characters`, field);
  return text;
}

function optionalText(value: unknown, field: string, maxCharacters: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new InvalidRequestError(`\`${field}\` must be a string`, field);
  const text = value.trim();
  if (text.length > maxCharacters) throw new InvalidRequestError(`\`${field}\` must be at most ${maxCharacters} characters`, field);
  return text === "" ? undefined : text;
}
