import type { Turn } from "../answer/resolve-question.ts";
import type { AskRequest } from "../answer/types.ts";
import { InvalidRequestError } from "../errors.ts";

export const QUESTION_MAX_CHARACTERS = 1000;
export const HISTORY_MAX_TURNS = 20;
export const TURN_MAX_CHARACTERS = 8000;
export const TOP_K_MAX = 20;

/** Validates the body of /ask and /chat (API.md); errors name the offending field. */
export function parseAskRequest(body: unknown): AskRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new InvalidRequestError("Request body must be a JSON object", "body");
  }
  const record = body as Record<string, unknown>;
  if (typeof record.question !== "string") throw new InvalidRequestError("`question` is required and must be a string", "question");
  const question = record.question.trim();
  if (question.length === 0) throw new InvalidRequestError("`question` must not be empty", "question");
  if (question.length > QUESTION_MAX_CHARACTERS) {
    throw new InvalidRequestError(`\`question\` must be at most ${QUESTION_MAX_CHARACTERS} characters`, "question");
  }
  return { question, history: parseHistory(record.history), topK: parseTopK(record.topK) };
}

function parseHistory(value: unknown): Turn[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new InvalidRequestError("`history` must be an array of turns", "history");
  if (value.length > HISTORY_MAX_TURNS)
    throw new InvalidRequestError(`\`history\` must have at most ${HISTORY_MAX_TURNS} turns`, "history");
  return value.map((turn, index) => {
    const field = `history[${index}]`;
    if (typeof turn !== "object" || turn === null) throw new InvalidRequestError(`\`${field}\` must be an object`, field);
    const { role, content } = turn as Record<string, unknown>;
    if (role !== "user" && role !== "assistant")
      throw new InvalidRequestError(`\`${field}.role\` must be "user" or "assistant"`, `${field}.role`);
    if (typeof content !== "string") throw new InvalidRequestError(`\`${field}.content\` must be a string`, `${field}.content`);
    if (content.length > TURN_MAX_CHARACTERS) {
      throw new InvalidRequestError(`\`${field}.content\` must be at most ${TURN_MAX_CHARACTERS} characters`, `${field}.content`);
    }
    return { role, content };
  });
}

function parseTopK(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > TOP_K_MAX) {
    throw new InvalidRequestError(`\`topK\` must be an integer from 1 to ${TOP_K_MAX}`, "topK");
  }
  return value;
}
