// The questions both stacks answer in the LangChain comparison and the query-path profile.

/** Questions about the shipped article; the rest of the question set comes from mail subjects. */
export const ARTICLE_QUESTIONS = [
  "Which agreements were expected to be signed during Xi Jinping's visit to Peru?",
  "Who is Peru's ambassador to China?",
  "How many times has Xi visited Peru in eight years?",
  "Who did Xi hold talks with in Lima?",
  "Where did the two presidents meet before the visit to Lima?",
  "Which sectors did the political dialogue between Peru and China involve?",
  "What is the goal of bilateral cooperation according to Balarezo?",
  "What did the ambassador tell China Daily in a written interview?",
  "When did Xi's trip to Peru start?",
  "Why are high-level exchanges between China and Peru important?",
];

/** Mail subjects make realistic, distinct search queries over the mail corpus. */
export function subjectQuestions(titles: readonly string[], count: number): string[] {
  const seen = new Set<string>();
  const questions: string[] = [];
  for (const title of titles) {
    const question = title
      .replace(/^((re|fwd?|aw)\s*:\s*|\[[^\]]*\]\s*)+/gi, "")
      .replace(/\s+/g, " ")
      .trim();
    const key = question.toLowerCase();
    if (question.split(" ").length < 3 || seen.has(key)) continue;
    seen.add(key);
    questions.push(question);
    if (questions.length === count) return questions;
  }
  throw new Error(`only ${questions.length} distinct mail subjects of three words or more; use more --messages`);
}
