/**
 * Reader for the ShareGPT request-length file of Microsoft's etalon benchmark
 * (`etalon_sharegpt/sharegpt_8k_filtered_stats_llama2_tokenizer.csv`: ShareGPT conversations,
 * Llama-2 tokenizer, ≤ 8K tokens), whose own CSV is
 *
 * ```text
 * num_prefill_tokens,num_decode_tokens,num_total_tokens,pd_ratio
 * ```
 *
 * One row is one request with no session or time. A row is skipped, and reported with its line
 * number and reason, when a field is not a number ≥ 0, when `num_total_tokens` ≠ prefill +
 * decode, or when `pd_ratio` differs from prefill ÷ decode by more than 1e-6 relative.
 *
 * @example
 * ```ts
 * import { parseShareGptStats } from "./sharegpt.ts";
 * import { summarize } from "./stats.ts";
 * import { equal } from "node:assert/strict";
 * const csv = "num_prefill_tokens,num_decode_tokens,num_total_tokens,pd_ratio\n" +
 *   "100,50,150,2.0\n300,100,400,3\n";
 * const { rows } = parseShareGptStats(csv);
 * equal(summarize(rows.map((r) => r.prefillTokens))?.p50, 200);
 * ```
 * @module
 */

import { plainObject } from "../validate.ts";
import { csvLines, parseCount, parseNonNegative, splitCsvFields } from "./csv.ts";
import { TraceFormatError, type TraceIssue } from "./errors.ts";

/** The header of the etalon ShareGPT statistics file. */
export const SHAREGPT_HEADER = "num_prefill_tokens,num_decode_tokens,num_total_tokens,pd_ratio";

const COLUMNS = SHAREGPT_HEADER.split(",");

/** One ShareGPT request's lengths. */
export interface ShareGptRow {
  /** Prompt (prefill) tokens. */
  prefillTokens: number;
  /** Generated (decode) tokens. */
  decodeTokens: number;
}

/** Options of {@linkcode parseShareGptStats}. */
export interface ParseShareGptOptions {
  /** A label for the text in error messages (default `"ShareGPT CSV"`). */
  source?: string;
}

/** What {@linkcode parseShareGptStats} returns. */
export interface ShareGptParseResult {
  /** The valid rows, in file order. */
  rows: ShareGptRow[];
  /** Every line that was not a valid row, with its 1-based line number and the reason. */
  skipped: TraceIssue[];
  /** Data lines (header and trailing blank lines excluded), rows kept, lines skipped. */
  counts: { total: number; kept: number; skipped: number };
}

/**
 * Parses the etalon ShareGPT length statistics (CRLF or LF, trailing blank lines accepted).
 * @param text the file's contents
 * @param options `source` label for errors
 * @returns the rows, the skipped lines and the counts
 * @throws {TraceFormatError} the first line is not the expected header (or the text is empty)
 * @example
 * ```ts
 * import { parseShareGptStats } from "./sharegpt.ts";
 * import { deepEqual, equal } from "node:assert/strict";
 * const csv = "num_prefill_tokens,num_decode_tokens,num_total_tokens,pd_ratio\r\n" +
 *   "74,918,992,0.0806100217864923\r\n" +
 *   "10,5,16,2\r\n"; // 10 + 5 ≠ 16: skipped, line 3
 * const result = parseShareGptStats(csv);
 * deepEqual(result.rows, [{ prefillTokens: 74, decodeTokens: 918 }]);
 * equal(result.skipped[0].line, 3);
 * deepEqual(result.counts, { total: 2, kept: 1, skipped: 1 });
 * ```
 */
export function parseShareGptStats(
  text: string,
  options: ParseShareGptOptions = {},
): ShareGptParseResult {
  const opts = plainObject("options", options) as ParseShareGptOptions;
  const source = opts.source ?? "ShareGPT CSV";
  if (typeof text !== "string") {
    throw new TypeError(`text: expected the CSV as a string; received ${typeof text}`);
  }
  const lines = csvLines(text);
  const header = lines[0] === undefined ? undefined : splitCsvFields(lines[0]);
  const ok = Array.isArray(header) && header.length === COLUMNS.length &&
    header.every((field, i) => field.trim() === COLUMNS[i]);
  if (!ok) {
    const received = lines[0] === undefined
      ? "the file is empty"
      : `received ${JSON.stringify(lines[0].slice(0, 200))}`;
    throw new TraceFormatError(source, [
      { line: 1, reason: `expected the header "${SHAREGPT_HEADER}"; ${received}` },
    ]);
  }
  const rows: ShareGptRow[] = [];
  const skipped: TraceIssue[] = [];
  for (let i = 1; i < lines.length; i++) {
    const row = parseRow(lines[i]);
    if (typeof row === "string") skipped.push({ line: i + 1, reason: row });
    else rows.push(row);
  }
  const total = lines.length - 1;
  return { rows, skipped, counts: { total, kept: rows.length, skipped: skipped.length } };
}

/** One data line as a row, or every reason it is not one, joined by "; ". */
function parseRow(line: string): ShareGptRow | string {
  if (line.trim() === "") return "blank line";
  const fields = splitCsvFields(line);
  if (typeof fields === "string") return fields;
  if (fields.length !== COLUMNS.length) {
    return `expected ${COLUMNS.length} fields (${SHAREGPT_HEADER}); received ${fields.length}`;
  }
  const prefill = parseCount("num_prefill_tokens", fields[0]);
  const decode = parseCount("num_decode_tokens", fields[1]);
  const total = parseCount("num_total_tokens", fields[2]);
  const pdRatio = parseNonNegative("pd_ratio", fields[3]);
  const reasons = [prefill, decode, total, pdRatio].filter((x): x is string =>
    typeof x === "string"
  );
  if (reasons.length > 0) return reasons.join("; ");
  const [p, d, t, r] = [prefill, decode, total, pdRatio] as number[];
  if (t !== p + d) {
    return `num_total_tokens: expected num_prefill_tokens + num_decode_tokens = ${
      p + d
    }; received ${t}`;
  }
  if (d > 0 && Math.abs(r - p / d) > 1e-6 * Math.max(1, p / d)) {
    return `pd_ratio: expected num_prefill_tokens ÷ num_decode_tokens = ${p / d}; received ${r}`;
  }
  return { prefillTokens: p, decodeTokens: d };
}
