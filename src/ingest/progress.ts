import type { BuildProgress } from "./build-index.ts";

/** A bar redrawn in place on a terminal; a plain line per tenth otherwise (CI logs, pipes). */
export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr): (progress: BuildProgress) => void {
  const lastStep = new Map<string, number>();
  return ({ phase, done, total }) => {
    if (total === 0) return;
    const ratio = done / total;
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round(ratio * width);
      stream.write(`\r${phase.padEnd(6)} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`);
      if (done === total) stream.write("\n");
      return;
    }
    const step = Math.floor(ratio * 10);
    if (lastStep.get(phase) === step) return;
    lastStep.set(phase, step);
    stream.write(`${phase}: ${done}/${total}\n`);
  };
}
