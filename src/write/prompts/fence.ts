import type { Turn } from "../../answer/resolve-question.ts";
import type { EvidenceSentence } from "../evidence.ts";

/**
 * Text from users, history and documents goes into prompts as data between tags. Angle brackets
 * are replaced so no such text can close a fence or open a new one; the prompt copy is never
 * shown to anyone (quotes come from the documents by offsets).
 */
export function asData(text: string): string {
  return text.replace(/</g, "‹").replace(/>/g, "›").replace(/\s+/g, " ").trim();
}

export function evidenceBlock(evidence: readonly EvidenceSentence[]): string {
  return ["<evidence>", ...evidence.map((item) => `[${item.number}] ${asData(item.text)}`), "</evidence>"].join("\n");
}

/** The latest turns, each cut short, so a long conversation cannot crowd out the evidence. */
export function historyBlock(history: readonly Turn[] | undefined, options: { turns?: number; characters?: number } = {}): string {
  const { turns = 4, characters = 300 } = options;
  const recent = (history ?? []).slice(-turns);
  if (recent.length === 0) return "";
  const lines = recent.map((turn) => `${turn.role === "user" ? "User" : "Assistant"}: ${asData(turn.content).slice(0, characters)}`);
  return ["<conversation>", ...lines, "</conversation>"].join("\n");
}
