/** Milliseconds `run` takes for each question, one at a time, after one untimed warm-up call. */
export async function timeEach(questions: readonly string[], run: (question: string) => Promise<unknown>): Promise<number[]> {
  await run("warm-up question");
  const milliseconds: number[] = [];
  for (const question of questions) {
    const started = performance.now();
    await run(question);
    milliseconds.push(performance.now() - started);
  }
  return milliseconds;
}
