/**
 * Small, fast CSV helpers shared by the trace readers: split a text into lines (CRLF or LF, a
 * UTF-8 byte-order mark and trailing blank lines tolerated), split a line into fields (RFC 4180
 * double quotes handled, though the shipped traces never quote), and parse numeric fields into
 * either a number or a reason that names the column, what was expected and what was received.
 *
 * @example
 * ```ts
 * import { csvLines, splitCsvFields } from "./csv.ts";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(csvLines("a,b\r\n1,2\r\n\r\n"), ["a,b", "1,2"]);
 * deepEqual(splitCsvFields('x,"y,z",'), ["x", "y,z", ""]);
 * ```
 * @module
 */

import { describe } from "../validate.ts";

/**
 * The lines of a CSV text, without line terminators; a leading byte-order mark and any blank
 * lines at the end are removed (blank lines elsewhere are kept, so readers can report them).
 * @param text the whole file
 * @returns its lines; index `i` is line `i + 1` of the file
 * @example
 * ```ts
 * import { csvLines } from "./csv.ts";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(csvLines("\uFEFFh\n1\n\n2\n\n"), ["h", "1", "", "2"]);
 * ```
 */
export function csvLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.endsWith("\r")) lines[i] = line.slice(0, -1);
  }
  while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  return lines;
}

/**
 * The fields of one CSV line. Unquoted lines are split on commas; a field in double quotes may
 * hold commas and doubled quotes (`""` → `"`), as RFC 4180 writes them.
 * @param line one line, without its terminator
 * @returns the fields, or a string saying why the line cannot be split (an unterminated quote)
 * @example
 * ```ts
 * import { splitCsvFields } from "./csv.ts";
 * import { deepEqual, equal } from "node:assert/strict";
 * deepEqual(splitCsvFields('"a ""b""",c'), ['a "b"', "c"]);
 * equal(typeof splitCsvFields('"open,1'), "string");
 * ```
 */
export function splitCsvFields(line: string): string[] | string {
  if (!line.includes('"')) return line.split(",");
  const fields: string[] = [];
  let i = 0;
  while (true) {
    if (line[i] === '"') {
      let value = "";
      let j = i + 1;
      while (true) {
        const close = line.indexOf('"', j);
        if (close < 0) return `unterminated quoted field starting at character ${i + 1}`;
        value += line.slice(j, close);
        if (line[close + 1] === '"') {
          value += '"';
          j = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      if (i < line.length && line[i] !== ",") {
        return `unexpected character after quoted field at character ${i + 1}`;
      }
      fields.push(value);
    } else {
      const comma = line.indexOf(",", i);
      const end = comma < 0 ? line.length : comma;
      fields.push(line.slice(i, end));
      i = end;
    }
    if (i >= line.length) return fields;
    i++; // skip the comma
    if (i === line.length) {
      fields.push("");
      return fields;
    }
  }
}

const INTEGER = /^[0-9]+$/;
const DECIMAL = /^[0-9]+(\.[0-9]*)?([eE][+-]?[0-9]+)?$|^\.[0-9]+([eE][+-]?[0-9]+)?$/;
const SIGNED_DECIMAL = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/;

/**
 * Parses a whole number ≥ 0 (a token count, a run index).
 * @param column the column's name, for the reason
 * @param value the field's text
 * @returns the number, or a reason such as `run: expected an integer ≥ 0; received "1.5"`
 * @example
 * ```ts
 * import { parseCount } from "./csv.ts";
 * import { equal } from "node:assert/strict";
 * equal(parseCount("run", "12"), 12);
 * equal(parseCount("run", "-1"), 'run: expected an integer ≥ 0; received "-1" (negative)');
 * ```
 */
export function parseCount(column: string, value: string): number | string {
  if (INTEGER.test(value)) {
    const n = Number(value);
    if (Number.isSafeInteger(n)) return n;
  }
  return `${column}: expected an integer ≥ 0; received ${describe(value)}${hint(value)}`;
}

/**
 * Parses a finite decimal number ≥ 0 (a time in seconds, a ratio).
 * @param column the column's name, for the reason
 * @param value the field's text
 * @returns the number, or a reason such as `t_s: expected a number ≥ 0; received "abc"`
 * @example
 * ```ts
 * import { parseNonNegative } from "./csv.ts";
 * import { equal } from "node:assert/strict";
 * equal(parseNonNegative("t_s", "4.25"), 4.25);
 * equal(parseNonNegative("t_s", "NaN"), 't_s: expected a number ≥ 0; received "NaN" (not a number)');
 * ```
 */
export function parseNonNegative(column: string, value: string): number | string {
  if (DECIMAL.test(value)) {
    const n = Number(value);
    if (Number.isFinite(n)) return n;
  }
  return `${column}: expected a number ≥ 0; received ${describe(value)}${hint(value)}`;
}

/** A short explanation of why a field is not a number ≥ 0. */
function hint(value: string): string {
  if (value === "") return " (empty)";
  const trimmed = value.trim();
  if (!SIGNED_DECIMAL.test(trimmed)) return " (not a number)";
  if (trimmed !== value) return " (surrounding spaces)";
  if (trimmed.startsWith("-")) return " (negative)";
  if (trimmed.startsWith("+")) return " (explicit sign)";
  const n = Number(trimmed);
  if (!Number.isFinite(n)) return " (not finite)";
  return Number.isInteger(n) ? " (too large)" : " (not an integer)";
}
