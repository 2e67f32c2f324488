/**
 * Reader for the canonical trace CSV that `../shared/data/traces/canonical/` holds for every
 * session dataset (Azure 2023, Mooncake, RAGPulse, SWE-bench, Weka Claude Code):
 *
 * ```text
 * session_id,run,t_s,input_tokens,output_tokens,reused_prefix_tokens,split
 * ```
 *
 * One row is one model call ("run"). `session_id` is empty when the source has no session
 * identity (each such row is its own one-run session); `reused_prefix_tokens` is empty when
 * unknown; `split` is `fit` (the 80 % part of a deterministic 80/20 split that presets are fitted
 * on) or `holdout` (the 20 % kept aside; the shipped files hold only `fit` rows). Fields are never
 * quoted in the shipped files, but RFC 4180 quotes are accepted.
 *
 * Bad rows are never dropped silently: each is counted and reported with its line number and
 * the reason. Only an unusable file (wrong or missing header) throws.
 *
 * @example
 * ```ts
 * import { groupSessions, parseCanonicalCsv } from "./canonical.ts";
 * import { equal } from "node:assert/strict";
 * const csv = "session_id,run,t_s,input_tokens,output_tokens,reused_prefix_tokens,split\n" +
 *   "a,1,30,1500,200,1000,fit\n" +
 *   "a,0,0,1000,100,0,fit\n" +
 *   ",0,5,700,50,,fit\n";
 * const { rows, counts } = parseCanonicalCsv(csv);
 * equal(counts.kept, 3);
 * const sessions = groupSessions(rows);
 * equal(sessions.length, 2); // session "a" with two runs, and one anonymous row
 * equal(sessions[0].runs[1].inputTokens, 1500); // sorted by run
 * ```
 * @module
 */

import { oneOf, plainObject } from "../validate.ts";
import { csvLines, parseCount, parseNonNegative, splitCsvFields } from "./csv.ts";
import { TraceFormatError, type TraceIssue } from "./errors.ts";

/** The header every canonical trace file starts with, column for column. */
export const CANONICAL_HEADER =
  "session_id,run,t_s,input_tokens,output_tokens,reused_prefix_tokens,split";

const COLUMNS = CANONICAL_HEADER.split(",");

/** The part of a deterministic 80/20 split a row belongs to. */
export type TraceSplit = "fit" | "holdout";

/** Every split label a canonical file may use. */
export const TRACE_SPLITS: readonly TraceSplit[] = ["fit", "holdout"];

/** One model call of a canonical trace. */
export interface TraceRow {
  /** The session it belongs to, or `null` when the source has no session identity. */
  sessionId: string | null;
  /** 0-based index of the run within its session. */
  run: number;
  /** Seconds from the dataset's first row (Weka: from the session's own start). */
  tS: number;
  /** Prompt tokens of this run (history included). */
  inputTokens: number;
  /** Generated tokens of this run. */
  outputTokens: number;
  /** Input tokens shared with the previous run's prefix (or cached), `null` when unknown. */
  reusedPrefixTokens: number | null;
  /** Which part of the 80/20 split the row is in. */
  split: TraceSplit;
}

/** A row that was not kept, and why. */
export type SkippedRow = TraceIssue;

/** Options of {@linkcode parseCanonicalCsv} and {@linkcode readCanonicalTrace}. */
export interface ParseCanonicalOptions {
  /** A label for the text in error messages (default `"canonical CSV"`; the path when read). */
  source?: string;
  /** Which rows to keep: `"fit"`, `"holdout"` or `"all"` (default). */
  split?: TraceSplit | "all";
}

/** How many data lines a file had and what became of them. */
export interface CanonicalCounts {
  /** Data lines (header and trailing blank lines excluded). */
  total: number;
  /** Rows returned (valid, and in the requested split). */
  kept: number;
  /** Lines that were not valid rows; each is listed in `skipped`. */
  skipped: number;
  /** Valid rows per split label, before the `split` filter: `total = skipped + fit + holdout`. */
  bySplit: Record<TraceSplit, number>;
}

/** What {@linkcode parseCanonicalCsv} returns. */
export interface CanonicalParseResult {
  /** The valid rows of the requested split, in file order. */
  rows: TraceRow[];
  /** Every line that was not a valid row, with its 1-based line number and the reason. */
  skipped: SkippedRow[];
  /** Line counts. */
  counts: CanonicalCounts;
}

/** One session: its id and its runs in run order. */
export interface TraceSession {
  /** The session id, or `null` for a row without session identity (a one-run session). */
  sessionId: string | null;
  /** Its runs, sorted by `run`. */
  runs: TraceRow[];
}

/**
 * Parses a canonical trace CSV. CRLF or LF line ends, a byte-order mark and trailing blank lines
 * are accepted. A row is skipped (and listed with its line number and every reason) when it has
 * the wrong number of fields, a count that is not an integer ≥ 0 (`run`, `input_tokens`,
 * `output_tokens`, `reused_prefix_tokens` when present), a `t_s` that is not a finite number ≥ 0,
 * or a split label other than `fit`/`holdout`; a blank line before the end is skipped too.
 * @param text the file's contents
 * @param options `source` label for errors, `split` filter (default `"all"`)
 * @returns the kept rows, the skipped lines and the counts
 * @throws {TraceFormatError} the first line is not the canonical header (or the text is empty);
 *   the message names the source and the expected header
 * @throws {TypeError} `options.split` is not `"fit"`, `"holdout"` or `"all"`
 * @example
 * ```ts
 * import { parseCanonicalCsv } from "./canonical.ts";
 * import { deepEqual, equal } from "node:assert/strict";
 * const csv = "session_id,run,t_s,input_tokens,output_tokens,reused_prefix_tokens,split\r\n" +
 *   "s1,0,0,1200,80,,fit\r\n" +
 *   "s1,1,9.5,1400,-3,1280,fit\r\n" + // negative output: skipped, line 3
 *   "s2,0,2,500,40,0,holdout\r\n";
 * const result = parseCanonicalCsv(csv, { split: "fit" });
 * equal(result.rows.length, 1);
 * equal(result.rows[0].inputTokens, 1200);
 * equal(result.rows[0].reusedPrefixTokens, null);
 * equal(result.skipped[0].line, 3);
 * deepEqual(result.counts, { total: 3, kept: 1, skipped: 1, bySplit: { fit: 1, holdout: 1 } });
 * ```
 */
export function parseCanonicalCsv(
  text: string,
  options: ParseCanonicalOptions = {},
): CanonicalParseResult {
  const opts = plainObject("options", options) as ParseCanonicalOptions;
  const source = opts.source ?? "canonical CSV";
  const wanted = oneOf("options.split", opts.split ?? "all", ["fit", "holdout", "all"]);
  if (typeof text !== "string") {
    throw new TypeError(`text: expected the CSV as a string; received ${typeof text}`);
  }
  const lines = csvLines(text);
  checkHeader(source, lines[0]);
  const rows: TraceRow[] = [];
  const skipped: SkippedRow[] = [];
  const bySplit: Record<TraceSplit, number> = { fit: 0, holdout: 0 };
  for (let i = 1; i < lines.length; i++) {
    const row = parseRow(lines[i]);
    if (typeof row === "string") {
      skipped.push({ line: i + 1, reason: row });
      continue;
    }
    bySplit[row.split]++;
    if (wanted === "all" || row.split === wanted) rows.push(row);
  }
  const total = Math.max(0, lines.length - 1);
  return { rows, skipped, counts: { total, kept: rows.length, skipped: skipped.length, bySplit } };
}

/**
 * Reads and parses a canonical trace file (see {@linkcode parseCanonicalCsv}).
 * @param path the file
 * @param options as for `parseCanonicalCsv`; `source` defaults to the path
 * @returns the kept rows, the skipped lines and the counts
 * @throws {TraceFormatError} a wrong or missing header, naming the file
 * @throws {Deno.errors.NotFound} the file does not exist (other I/O errors likewise pass through)
 * @example
 * ```ts
 * import { readCanonicalTrace } from "./canonical.ts";
 * import { equal } from "node:assert/strict";
 * const path = await Deno.makeTempFile({ suffix: ".csv" });
 * await Deno.writeTextFile(path,
 *   "session_id,run,t_s,input_tokens,output_tokens,reused_prefix_tokens,split\n,0,0,10,2,,fit\n");
 * const { rows } = await readCanonicalTrace(path);
 * equal(rows[0].sessionId, null);
 * await Deno.remove(path);
 * ```
 */
export async function readCanonicalTrace(
  path: string | URL,
  options: ParseCanonicalOptions = {},
): Promise<CanonicalParseResult> {
  const text = await Deno.readTextFile(path);
  const source = options.source ?? (path instanceof URL ? path.pathname : path);
  return parseCanonicalCsv(text, { ...options, source });
}

/**
 * Groups rows into sessions, in order of each session's first row; a session's runs are sorted
 * by `run`. Rows without a session id each become their own one-run session.
 * @param rows rows from {@linkcode parseCanonicalCsv} (of one dataset)
 * @returns the sessions
 * @throws {RangeError} two rows of one session have the same `run`, naming the session and run
 * @example
 * ```ts
 * import { groupSessions, type TraceRow } from "./canonical.ts";
 * import { deepEqual } from "node:assert/strict";
 * const row = (sessionId: string | null, run: number): TraceRow => ({
 *   sessionId, run, tS: run, inputTokens: 100, outputTokens: 10, reusedPrefixTokens: null,
 *   split: "fit",
 * });
 * const sessions = groupSessions([row("b", 1), row(null, 0), row("b", 0), row(null, 0)]);
 * deepEqual(sessions.map((s) => [s.sessionId, s.runs.map((r) => r.run)]),
 *   [["b", [0, 1]], [null, [0]], [null, [0]]]);
 * ```
 */
export function groupSessions(rows: readonly TraceRow[]): TraceSession[] {
  if (!Array.isArray(rows as unknown)) {
    throw new TypeError(`rows: expected an array of trace rows; received ${typeof rows}`);
  }
  const sessions: TraceSession[] = [];
  const byId = new Map<string, TraceSession>();
  for (const row of rows) {
    if (row.sessionId === null) {
      sessions.push({ sessionId: null, runs: [row] });
      continue;
    }
    let session = byId.get(row.sessionId);
    if (session === undefined) {
      session = { sessionId: row.sessionId, runs: [] };
      byId.set(row.sessionId, session);
      sessions.push(session);
    }
    session.runs.push(row);
  }
  for (const session of byId.values()) {
    const runs = session.runs;
    runs.sort((a, b) => a.run - b.run);
    for (let k = 1; k < runs.length; k++) {
      if (runs[k].run === runs[k - 1].run) {
        throw new RangeError(
          `rows: expected each run of a session once; session ${
            JSON.stringify(session.sessionId)
          } has run ${runs[k].run} twice`,
        );
      }
    }
  }
  return sessions;
}

/** Throws unless `line` is the canonical header (fields compared after trimming spaces). */
function checkHeader(source: string, line: string | undefined): void {
  const expected = `expected the header "${CANONICAL_HEADER}"`;
  if (line === undefined) {
    throw new TraceFormatError(source, [{ line: 1, reason: `${expected}; the file is empty` }]);
  }
  const fields = splitCsvFields(line);
  const same = Array.isArray(fields) && fields.length === COLUMNS.length &&
    fields.every((field, i) => field.trim() === COLUMNS[i]);
  if (!same) {
    throw new TraceFormatError(source, [{
      line: 1,
      reason: `${expected}; received ${JSON.stringify(line.slice(0, 200))}`,
    }]);
  }
}

/** One data line as a row, or every reason it is not one, joined by "; ". */
function parseRow(line: string): TraceRow | string {
  if (line.trim() === "") return "blank line";
  const fields = splitCsvFields(line);
  if (typeof fields === "string") return fields;
  if (fields.length !== COLUMNS.length) {
    return `expected ${COLUMNS.length} fields (${CANONICAL_HEADER}); received ${fields.length}`;
  }
  const [sessionField, runField, tField, inField, outField, reusedField, splitField] = fields;
  const run = parseCount("run", runField);
  const tS = parseNonNegative("t_s", tField);
  const inputTokens = parseCount("input_tokens", inField);
  const outputTokens = parseCount("output_tokens", outField);
  const reused = reusedField === "" ? null : parseCount("reused_prefix_tokens", reusedField);
  const split = parseSplit(splitField);
  const reasons = [run, tS, inputTokens, outputTokens, reused, split.reason].filter(
    (value): value is string => typeof value === "string",
  );
  if (reasons.length > 0) return reasons.join("; ");
  return {
    sessionId: sessionField === "" ? null : sessionField,
    run: run as number,
    tS: tS as number,
    inputTokens: inputTokens as number,
    outputTokens: outputTokens as number,
    reusedPrefixTokens: reused as number | null,
    split: split.value as TraceSplit,
  };
}

/** A split label, or the reason it is not one. */
function parseSplit(field: string): { value?: TraceSplit; reason?: string } {
  if (field === "fit" || field === "holdout") return { value: field };
  const allowed = TRACE_SPLITS.map((s) => `"${s}"`).join(" or ");
  return { reason: `split: expected ${allowed}; received ${JSON.stringify(field)}` };
}
