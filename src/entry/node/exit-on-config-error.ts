// Node adapter: start-up settings for the server and the CLIs.
import { ConfigError } from "../../errors.ts";

/**
 * Reads settings; a bad or missing one ends the process with one line naming the variable (exit
 * code 1), not a stack trace: the reader needs to fix a setting, not to debug the code.
 */
export function readSettingsOrExit<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exit(1);
  }
}
