// Vitest global setup: repeats the browser-skip banner after the summary, where it cannot scroll by unseen.
import { chromiumSkipNotice } from "./e2e/chromium-availability.ts";

export default function setup(): () => void {
  return () => {
    const notice = chromiumSkipNotice();
    if (notice !== undefined) process.stderr.write(notice);
  };
}
