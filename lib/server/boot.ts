import "server-only";
import { env } from "./env";

/** Called once at server start (instrumentation.ts): invalid configuration stops the process. */
export function boot(): void {
  try {
    env();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
