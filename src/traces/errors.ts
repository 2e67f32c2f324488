/**
 * The one error type trace readers throw when a whole file is unusable (a wrong header, no
 * header at all). It carries every issue with the file and the line it was found on, as data, so
 * callers can show them all at once. Individual bad rows are not errors: readers skip them and
 * report each one (line and reason) in their result.
 *
 * @example
 * ```ts
 * import { TraceFormatError } from "./errors.ts";
 * import { equal, ok } from "node:assert/strict";
 * const error = new TraceFormatError("runs.csv", [{ line: 1, reason: "bad header" }]);
 * ok(error instanceof Error);
 * equal(error.message, "runs.csv: 1 issue\n  line 1: bad header");
 * ```
 * @module
 */

/** One problem found in a trace file: the 1-based line it is on and what is wrong with it. */
export interface TraceIssue {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  /** What is wrong, naming the field and what was expected and received. */
  reason: string;
}

/**
 * A trace file that cannot be read at all, with every issue found and the file it came from.
 * @example
 * ```ts
 * import { TraceFormatError } from "./errors.ts";
 * import { equal } from "node:assert/strict";
 * const error = new TraceFormatError("a.csv", [{ line: 1, reason: "x" }, { line: 1, reason: "y" }]);
 * equal(error.issues.length, 2);
 * equal(error.source, "a.csv");
 * ```
 */
export class TraceFormatError extends Error {
  /** The file (or the caller's label for the text) the issues were found in. */
  readonly source: string;
  /** Every issue, in file order. */
  readonly issues: readonly TraceIssue[];

  /**
   * Builds the error; its message lists every issue, one per line, after the source.
   * @param source the file path or label of the text
   * @param issues every issue found (at least one)
   */
  constructor(source: string, issues: readonly TraceIssue[]) {
    const lines = issues.map((issue) => `  line ${issue.line}: ${issue.reason}`);
    const count = `${issues.length} issue${issues.length === 1 ? "" : "s"}`;
    super(`${source}: ${count}\n${lines.join("\n")}`);
    this.name = "TraceFormatError";
    this.source = source;
    this.issues = issues;
  }
}
