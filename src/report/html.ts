/**
 * Small HTML helpers for the report: escaping, tables, links that never load anything, and the
 * number formats the report prints. Everything that reaches the page from a scenario or a
 * result goes through `escapeHtml`.
 *
 * @example
 * ```ts
 * import { escapeHtml, htmlTable, safeLink } from "./html.ts";
 * import { equal, ok } from "node:assert/strict";
 * equal(escapeHtml(`<script>alert("x")</script>`), "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
 * ok(htmlTable(["a"], [["<b>"]]).includes("<td>&lt;b&gt;</td>"));
 * equal(safeLink("javascript:alert(1)"), "javascript:alert(1)");
 * ok(safeLink("https://example.com/a?b&c").startsWith('<a href="https://example.com/a?b&amp;c"'));
 * ```
 * @module
 */

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for HTML element content and quoted attribute values.
 * @param value any value (stringified; null and undefined become "")
 * @returns the escaped text
 */
export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Raw HTML a table cell holds as is (already escaped by the caller). */
export interface RawHtml {
  /** The markup. */
  html: string;
}

/**
 * Marks markup as already escaped, for table cells.
 * @param html markup
 * @returns the wrapped markup
 */
export function raw(html: string): RawHtml {
  return { html };
}

/** A table cell: text (escaped) or raw markup. */
export type Cell = string | number | null | undefined | RawHtml;

function cell(value: Cell): string {
  if (value !== null && typeof value === "object") return value.html;
  return escapeHtml(value ?? "–");
}

/** Options of `htmlTable`. */
export interface TableOptions {
  /** CSS class of the table. */
  className?: string;
  /** Indices of columns to right-align (numbers). */
  numeric?: number[];
  /** CSS class per row (e.g. `pass`, `fail`, `best`), by row index. */
  rowClass?: (index: number) => string | undefined;
}

/**
 * An HTML table; every text cell is escaped.
 * @param headers column headers (text)
 * @param rows cells, row by row
 * @param options class, numeric columns, row classes
 * @returns the `<table>` markup
 */
export function htmlTable(
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
  options: TableOptions = {},
): string {
  const numeric = new Set(options.numeric ?? []);
  const align = (i: number) => (numeric.has(i) ? ' class="num"' : "");
  const head = headers.map((h, i) => `<th${align(i)}>${escapeHtml(h)}</th>`).join("");
  const body = rows.map((r, ri) => {
    const cls = options.rowClass?.(ri);
    const tr = cls ? `<tr class="${escapeHtml(cls)}">` : "<tr>";
    return `${tr}${r.map((c, i) => `<td${align(i)}>${cell(c)}</td>`).join("")}</tr>`;
  }).join("\n");
  const cls = options.className ? ` class="${escapeHtml(options.className)}"` : "";
  return `<div class="table-wrap"><table${cls}><thead><tr>${head}</tr></thead>` +
    `<tbody>\n${body}\n</tbody></table></div>`;
}

/**
 * A link to an http(s) URL (opened by the reader, never loaded by the page); anything else is
 * printed as escaped text.
 * @param url the URL
 * @param text link text (default the URL)
 * @returns an `<a>` element or escaped text
 */
export function safeLink(url: unknown, text?: string): string {
  const href = String(url ?? "");
  if (!/^https?:\/\/[^\s<>"']+$/i.test(href)) return escapeHtml(text ?? href);
  return `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${escapeHtml(text ?? href)}</a>`;
}

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/**
 * A number with thousands separators and `digits` decimals (default 0).
 * @param value the number (null or non-finite: "–")
 * @param digits decimals
 * @returns e.g. `"12,345"`
 */
export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  if (digits === 0) return integer.format(value);
  return new Intl.NumberFormat("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/**
 * US dollars, whole.
 * @param value USD (null: "–")
 * @returns e.g. `"$40,179"`
 */
export function formatUsd(value: number | null | undefined): string {
  const n = formatNumber(value);
  return n === "–" ? n : `$${n}`;
}

/**
 * A probability with up to three decimals.
 * @param p probability in [0, 1]
 * @returns e.g. `"0.05"`, `"0"`
 */
export function formatProbability(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "–";
  return `${Number(p.toFixed(3))}`;
}

/**
 * Milliseconds with a sensible precision (one decimal under 100 ms).
 * @param ms value in ms
 * @returns e.g. `"13.3"`, `"2,166"`
 */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "–";
  return Math.abs(ms) < 100 ? formatNumber(ms, 1) : formatNumber(ms);
}
