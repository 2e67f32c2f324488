/**
 * The one error a bad scenario file raises: `ScenarioError`, carrying every problem found (zod's
 * structural checks and the semantic checks after them) as data, each with the JSON path of the
 * bad field, what was expected and what was received — as zod reports errors, so a user fixes
 * the whole file in one pass instead of one field per run.
 *
 * @example
 * ```ts
 * import { ScenarioError } from "./errors.ts";
 * import { equal, match } from "node:assert/strict";
 * const error = new ScenarioError("fleet.json", [
 *   { path: "workload.mix[0].weight", message: "expected a number > 0; received -1",
 *     expected: "a number > 0", received: "-1" },
 * ]);
 * equal(error.issues.length, 1);
 * match(error.message, /fleet\.json: 1 problem\n {2}workload\.mix\[0\]\.weight: expected a number > 0; received -1/);
 * ```
 * @module
 */

/** One problem in a scenario file. */
export interface ScenarioIssue {
  /** JSON path of the bad field (`workload.mix[0].weight`); `""` for the file as a whole. */
  path: string;
  /** What is wrong, one sentence (`expected a number > 0; received -1`). */
  message: string;
  /** What the field must be (`a number > 0`), when that can be said. */
  expected?: string;
  /** What the file holds there, as JSON-ish text (`-1`, `"h100"`, `nothing`). */
  received?: string;
  /** Line of the problem in the file (1-based), for JSON syntax errors. */
  line?: number;
  /** Column of the problem in the file (1-based), for JSON syntax errors. */
  column?: number;
}

/**
 * A scenario file that cannot be used: every issue found, each with its path.
 *
 * The message lists the file and one line per issue, so printing the error tells the whole
 * story; `issues` holds the same as data for tools (editors, the report, tests).
 */
export class ScenarioError extends Error {
  /** The file the scenario came from (`"<inline>"` when parsed from a string without a name). */
  readonly file: string;
  /** Every problem found, in file order where known. */
  readonly issues: ScenarioIssue[];

  /**
   * Creates the error.
   * @param file the file name
   * @param issues the problems (at least one)
   */
  constructor(file: string, issues: ScenarioIssue[]) {
    const n = issues.length;
    const lines = issues.map((i) => `  ${formatIssue(i)}`);
    super(`${file}: ${n} problem${n === 1 ? "" : "s"}\n${lines.join("\n")}`);
    this.name = "ScenarioError";
    this.file = file;
    this.issues = issues;
  }
}

/**
 * One issue as a line of text: `path: message`, or `line 3, column 5: message`.
 * @param issue the issue
 * @returns the line
 */
export function formatIssue(issue: ScenarioIssue): string {
  const where = issue.line !== undefined
    ? `line ${issue.line}, column ${issue.column ?? 1}`
    : issue.path === ""
    ? "(file)"
    : issue.path;
  return `${where}: ${issue.message}`;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A JSON path from its segments: `["workload", "mix", 0, "weight"]` → `workload.mix[0].weight`;
 * keys that are not identifiers are quoted (`pricing.overrides["h100-sxm"]`).
 * @param segments property names and array indices
 * @returns the path (`""` for the root)
 */
export function jsonPath(segments: readonly PropertyKey[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (typeof s === "string" && IDENTIFIER.test(s)) out += out === "" ? s : `.${s}`;
    else out += `[${JSON.stringify(String(s))}]`;
  }
  return out;
}

/**
 * Turns an error thrown by a library check (`field: expected …; received …`) into an issue.
 * @param error what was thrown
 * @param fallbackPath the path to use when the message names none
 * @returns the issue
 */
export function issueFromError(error: unknown, fallbackPath: string): ScenarioIssue {
  const text = error instanceof Error ? error.message : String(error);
  const named = /^([A-Za-z_$][\w$]*(?:\.[\w$]+|\[\d+\]|\["[^"]*"\])*): ([\s\S]*)$/.exec(text);
  const path = named ? named[1] : fallbackPath;
  const message = named ? named[2] : text;
  const parts = /^expected ([\s\S]*?); received ([\s\S]*)$/.exec(message);
  return parts ? { path, message, expected: parts[1], received: parts[2] } : { path, message };
}
