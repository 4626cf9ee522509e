import type { Answerer, AskRequest } from "../answer/types.ts";
import type { Engine } from "../engine.ts";

/** Turns up to this many characters a token pass whole: cutting them would save little. */
const UNCUT_CHARACTERS_PER_TOKEN = 8;

/**
 * Cuts each long earlier turn of a request's history after its first `maxTokens` model tokens
 * (at a word boundary) before the answerer sees it. The model never reads further into a turn (a
 * follow-up's query is the question, then earlier turns, and only its first `maxTokens` tokens
 * are embedded), so vectors do not change; but retrieval and sentence scoring no longer analyse
 * 16,000 characters of history on the event loop for each such request. The cut is worked out by
 * the model's tokenizer, off the event loop; turns of ordinary length skip it. Streamed answers
 * (a writer) get the same capped history.
 */
export function capHistoryTokens(
  engine: Engine,
  options: { maxTokens: number; capTokens: (texts: readonly string[]) => Promise<string[]> },
): Engine {
  const { maxTokens, capTokens } = options;
  const inner = engine.answerer;
  const capped = async (request: AskRequest, signal: AbortSignal | undefined): Promise<AskRequest> => {
    const history = request.history ?? [];
    const long = history.flatMap((turn, index) => (turn.content.length > maxTokens * UNCUT_CHARACTERS_PER_TOKEN ? [index] : []));
    if (long.length === 0) return request;
    const cut = await capTokens(long.map((index) => history[index]?.content ?? ""));
    signal?.throwIfAborted();
    const turns = history.map((turn, index) => {
      const position = long.indexOf(index);
      return position < 0 ? turn : { ...turn, content: cut[position] ?? turn.content };
    });
    return { ...request, history: turns };
  };
  const stream = inner.stream;
  const answerer: Answerer = {
    ask: async (request, askOptions) => inner.ask(await capped(request, askOptions?.signal), askOptions),
    ...(stream
      ? {
          stream: async function* (request, askOptions) {
            yield* stream(await capped(request, askOptions?.signal), askOptions);
          },
        }
      : {}),
  };
  return { ...engine, answerer };
}
