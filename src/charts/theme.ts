/**
 * The look shared by every capsim chart: width, font, colours and number formats. Charts are
 * drawn for a 720 px column (the report's, and a README image at 2× zoom) in DejaVu Sans, the
 * font resvg and Debian's Chromium both have, so an SVG, its PNG and the report page look alike.
 *
 * @example
 * ```ts
 * import { CHART_WIDTH, formatGiB } from "./theme.ts";
 * import { equal } from "node:assert/strict";
 * equal(CHART_WIDTH, 720);
 * equal(formatGiB(1234.5), "1,235 GiB");
 * ```
 * @module
 */

import type { SessionCategory } from "../capacity/workload.ts";

/** Width every chart is drawn at, px. */
export const CHART_WIDTH = 720;

/** Font family of every chart (installed by Debian's `fonts-dejavu-core`). */
export const CHART_FONT_FAMILY = "DejaVu Sans";

/** The CSS font stack written into SVGs: DejaVu Sans first, then the platform's sans-serif. */
export const CHART_FONT_STACK = "DejaVu Sans, Verdana, sans-serif";

/** Colour of each session category (light → extreme: calm to alarming). */
export const CATEGORY_COLORS: Readonly<Record<SessionCategory, string>> = {
  light: "#4e79a7",
  medium: "#59a14f",
  heavy: "#f28e2b",
  extreme: "#e15759",
};

/** Colour of budgets, targets and other limits drawn over the data. */
export const LIMIT_COLOR = "#c0392b";

/** Ten distinct colours (Tableau 10) for series such as precision pairs. */
export const SERIES_COLORS: readonly string[] = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ac",
];

/**
 * Colours for `n` series: Tableau 10, then the same hues again (a chart with more than ten
 * series is crowded anyway; its legend still names each one).
 * @param n number of series (≥ 0)
 * @returns one colour per series
 */
export function seriesColors(n: number): string[] {
  return Array.from({ length: Math.max(0, n) }, (_, i) => SERIES_COLORS[i % SERIES_COLORS.length]);
}

const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/**
 * GiB with thousands separators and a precision that suits the size (3 significant digits below
 * 100, whole numbers above).
 * @param gib value in GiB
 * @returns e.g. `"51.4 GiB"`, `"1,235 GiB"`
 */
export function formatGiB(gib: number): string {
  if (!Number.isFinite(gib)) return `${gib} GiB`;
  if (Math.abs(gib) >= 100) return `${grouped.format(gib)} GiB`;
  return `${Number(gib.toPrecision(3))} GiB`;
}

/**
 * A share (0–1) as a percentage with two significant digits below 1 % and one decimal above.
 * @param share value in [0, 1]
 * @returns e.g. `"92.9 %"`, `"0.093 %"`
 */
export function formatPercent(share: number): string {
  const pct = share * 100;
  if (pct !== 0 && Math.abs(pct) < 1) return `${Number(pct.toPrecision(2))} %`;
  return `${pct.toFixed(1)} %`;
}

/**
 * Hours as a short axis-friendly number.
 * @param hours value in hours
 * @returns e.g. `"1.5"`
 */
export function formatHours(hours: number): string {
  return `${Number(hours.toFixed(2))}`;
}

/**
 * Stroke width of series `i` of `n` so that overlapping lines stay visible: the first series is
 * drawn widest (4.5 px) and each later one, drawn on top, thinner, down to 1.5 px.
 * @param i series index (0-based)
 * @param n number of series
 * @returns stroke width, px
 */
export function layeredStrokeWidth(i: number, n: number): number {
  return n <= 1 ? 2 : 1.5 + (3 * (n - 1 - i)) / (n - 1);
}
