/**
 * A progress bar on stderr, drawn only when stderr is a terminal (CI logs stay clean).
 *
 * @example
 * ```ts
 * import { progressLine } from "./progress.ts";
 * import { equal } from "node:assert/strict";
 * equal(progressLine("trials", 5, 10, 10), "trials [#####-----] 5/10");
 * ```
 * @module
 */

/**
 * One frame of the bar.
 * @param label what is counted
 * @param done items done
 * @param total items in all
 * @param width bar width in characters
 * @returns the line, without a carriage return
 */
export function progressLine(label: string, done: number, total: number, width = 30): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`;
}

/** A live progress bar. */
export interface Progress {
  /** Redraws the bar. */
  update(done: number, total: number): void;
  /** Ends the bar's line. */
  finish(): void;
}

/**
 * A progress bar on stderr when it is a terminal; a no-op otherwise.
 * @param label what is counted
 * @returns the bar
 */
export function stderrProgress(label: string): Progress {
  if (!Deno.stderr.isTerminal()) return { update() {}, finish() {} };
  const encoder = new TextEncoder();
  let drawn = false;
  return {
    update(done, total) {
      Deno.stderr.writeSync(encoder.encode(`\r${progressLine(label, done, total)}`));
      drawn = true;
    },
    finish() {
      if (drawn) Deno.stderr.writeSync(encoder.encode("\n"));
    },
  };
}
