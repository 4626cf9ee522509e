// Evidence sentences copied verbatim from the corpus article, numbered as the writer's prompt numbers them.
import type { EvidenceSentence } from "../../src/write/evidence.ts";

const SENTENCES = [
  "The inauguration of the port on Thursday by both presidents will establish a direct route from Shanghai to Chancay across the Pacific, reducing dependence on intermediary routes and positioning Peru as a gateway for South American trade with Asia, and China in particular, the ambassador said.",
  "The most crucial meetings have been the two between both presidents — one in San Francisco last year and the other in Beijing in June — during which important consensus was reached on international, regional and bilateral issues, he said.",
  "Balarezo said that Chancay Port, a landmark project under the two countries' Belt and Road cooperation, is considered one of the largest port investments in South America.",
  "The win-win cooperation between China and Peru is to be deepened in a larger scope of areas, as an array of agreements are expected to be signed during President Xi Jinping's state visit to the Latin American country, Peruvian Ambassador to China Marco V. Balarezo said.",
  "For 10 consecutive years, China has been Peru's biggest trading partner, while Peru has been China's second-largest investment destination in Latin America.",
  "Xi's trip, starting on Wednesday, will be his second visit to Peru in eight years.",
];

export const EVIDENCE: readonly EvidenceSentence[] = SENTENCES.map((text, index) => ({
  number: index + 1,
  docId: "chinadaily-2024-11-xi-peru-agreements",
  chunkId: `chinadaily-2024-11-xi-peru-agreements#${index}`,
  title: "Agreements in a range of fields expected to be signed during President Xi's visit",
  start: index * 1000,
  end: index * 1000 + text.length,
  text,
  score: 0.5,
}));

/** One evidence sentence, numbered 1, with the fixture's document and offsets: for checks on crafted text. */
export function oneSentence(text: string): EvidenceSentence {
  return { ...(EVIDENCE[0] as EvidenceSentence), text };
}
