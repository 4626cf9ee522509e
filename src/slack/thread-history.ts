import type { Turn } from "../answer/resolve-question.ts";
import { HISTORY_MAX_TURNS, TURN_MAX_CHARACTERS } from "../routes/ask-request.ts";
import type { SlackThreadMessage } from "./slack-poster.ts";
import { slackTextToPlain } from "./slack-text.ts";

/**
 * Turns the messages of a thread before the current one into answerer `history`: the bot's own
 * replies become `assistant` turns, people's messages `user` turns; other bots are left out.
 * Keeps the most recent turns within the limits `/ask` accepts.
 */
export function threadHistory(options: {
  messages: readonly SlackThreadMessage[];
  currentTs: string;
  botUserId: string | undefined;
}): Turn[] {
  const { messages, currentTs, botUserId } = options;
  const currentIndex = messages.findIndex((message) => message.ts === currentTs);
  const earlier = currentIndex < 0 ? messages : messages.slice(0, currentIndex);
  const turns: Turn[] = [];
  for (const message of earlier) {
    const role = roleOf(message, botUserId);
    if (!role) continue;
    const content = slackTextToPlain(message.text, { botUserId }).slice(0, TURN_MAX_CHARACTERS);
    if (content !== "") turns.push({ role, content });
  }
  return turns.slice(-HISTORY_MAX_TURNS);
}

function roleOf(message: SlackThreadMessage, botUserId: string | undefined): Turn["role"] | undefined {
  if (botUserId !== undefined) {
    if (message.user === botUserId) return "assistant";
    return message.botId ? undefined : "user";
  }
  // Without our own id, any bot message is the best guess for our earlier answer.
  return message.botId ? "assistant" : "user";
}
