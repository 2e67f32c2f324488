/**
 * Plain-text tables for the command line: right-aligned numbers, left-aligned text.
 *
 * @example
 * ```ts
 * import { formatTable } from "./table.ts";
 * import { equal } from "node:assert/strict";
 * equal(formatTable(["a", "n"], [["x", 10], ["yy", 2]]), "a   n\n--  --\nx   10\nyy   2");
 * ```
 * @module
 */

/**
 * Formats rows as a fixed-width table.
 * @param header column titles
 * @param rows cells (numbers are right-aligned)
 * @returns the table, lines joined by "\n"
 */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map((c) => String(c)));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (r: string[], raw: (string | number)[] | null) =>
    r.map((
      c,
      i,
    ) => (raw && typeof raw[i] === "number" ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ").trimEnd();
  return [
    line(header, null),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...cells.map((r, i) => line(r, rows[i])),
  ].join("\n");
}
