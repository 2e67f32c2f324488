/**
 * The session-category mix of a Monte Carlo run: one bar per category (light, medium, heavy,
 * extreme, in that order) at its median share across trials, with a whisker over the 90 %
 * interval (p5–p95) and the share written above it, so that a 0.1 % "extreme" bar that no eye
 * can see still reads.
 *
 * @example
 * ```ts
 * import { categoryChart } from "./category_chart.ts";
 * import { renderSvg } from "./render.ts";
 * import { ok } from "node:assert/strict";
 * const i = (p50: number) => ({ mean: p50, p5: p50 * 0.9, p50, p95: p50 * 1.1 });
 * const spec = categoryChart({
 *   trials: 20,
 *   categoryShares: { light: i(0.9), medium: i(0.07), heavy: i(0.02), extreme: i(0.01) },
 * });
 * const svg = renderSvg(spec);
 * ok(svg.includes("Share of sessions (%)"));
 * ok(svg.includes("90.0 %"));
 * ```
 * @module
 */

import * as Plot from "@observablehq/plot";
import {
  SESSION_CATEGORIES,
  SESSION_CATEGORY_THRESHOLDS,
  type SessionCategory,
} from "../capacity/workload.ts";
import type { CategorySharesInput } from "./inputs.ts";
import type { PlotSpec } from "./plot_spec.ts";
import type { ChartSpec } from "./render.ts";
import { CATEGORY_COLORS, formatPercent } from "./theme.ts";

/** Options of `categoryChart`. */
export interface CategoryChartOptions {
  /** Replaces the default title. */
  title?: string;
  /** Replaces the default subtitle. */
  subtitle?: string;
}

/** One bar of the category chart. */
export interface CategoryDatum {
  /** The category. */
  category: SessionCategory;
  /** Axis label: the category and its token range. */
  label: string;
  /** Median share across trials, 0–1. */
  p50: number;
  /** 5th percentile of the share. */
  p5: number;
  /** 95th percentile of the share. */
  p95: number;
}

const k = (tokens: number) => `${tokens / 1000}K`;

/**
 * The axis label of a category: its name and cumulative-token range (`medium (50K–200K)`).
 * @param category a session category
 * @returns the label
 */
export function categoryLabel(category: SessionCategory): string {
  const i = SESSION_CATEGORIES.indexOf(category);
  const upper = SESSION_CATEGORY_THRESHOLDS[category];
  if (i === 0) return `${category} (≤ ${k(upper)})`;
  const lower = SESSION_CATEGORY_THRESHOLDS[SESSION_CATEGORIES[i - 1]];
  return Number.isFinite(upper)
    ? `${category} (${k(lower)}–${k(upper)})`
    : `${category} (> ${k(lower)})`;
}

/**
 * The bars of the category chart, light → extreme.
 * @param summary the Monte Carlo summary's category shares
 * @returns one datum per category
 * @throws {TypeError} a category missing from the summary
 */
export function categoryData(
  summary: Pick<CategorySharesInput, "categoryShares">,
): CategoryDatum[] {
  return SESSION_CATEGORIES.map((category) => {
    const share = summary?.categoryShares?.[category];
    if (!share) {
      throw new TypeError(
        `summary.categoryShares.${category}: expected { p5, p50, p95 }; received ${share}`,
      );
    }
    return {
      category,
      label: categoryLabel(category),
      p50: share.p50,
      p5: share.p5,
      p95: share.p95,
    };
  });
}

/**
 * Category shares as bars with 90 % interval whiskers.
 * @param summary the Monte Carlo summary (its `categoryShares` and `trials`)
 * @param options title and subtitle overrides
 * @returns Plot options for `renderSvg`
 * @throws {TypeError} a category missing from the summary
 */
export function categoryChart(
  summary: CategorySharesInput,
  options: CategoryChartOptions = {},
): ChartSpec {
  const data = categoryData(summary);
  const top = Math.min(1, Math.max(0.05, ...data.map((d) => d.p95)) * 1.15);
  return {
    title: options.title ?? "Session categories",
    subtitle: options.subtitle ??
      `Share of sessions in each category by cumulative tokens: median of ${summary.trials} ` +
        "trials; whiskers span the 90 % interval (p5–p95).",
    height: 340,
    marginTop: 24,
    marginLeft: 56,
    marginBottom: 44,
    x: {
      domain: data.map((d) => d.label),
      label: "Session category (cumulative tokens per session)",
      labelAnchor: "center",
      labelOffset: 36,
      padding: 0.35,
    },
    y: { domain: [0, top * 100], percent: true, grid: true, label: "Share of sessions (%)" },
    marks: [
      Plot.barY(data, {
        x: "label",
        y: "p50",
        fill: (d: CategoryDatum) => CATEGORY_COLORS[d.category],
        title: (d: CategoryDatum) => `${d.label}: ${formatPercent(d.p50)}`,
      }),
      Plot.ruleX(data, { x: "label", y1: "p5", y2: "p95", stroke: "#222", strokeWidth: 1.5 }),
      Plot.tickY(data, { x: "label", y: "p5", stroke: "#222", insetLeft: 28, insetRight: 28 }),
      Plot.tickY(data, { x: "label", y: "p95", stroke: "#222", insetLeft: 28, insetRight: 28 }),
      Plot.text(data, {
        x: "label",
        y: "p95",
        text: (d: CategoryDatum) => formatPercent(d.p50),
        dy: -9,
        fontSize: 12,
        fontWeight: "bold",
      }),
      Plot.ruleY([0]),
    ],
  } satisfies PlotSpec;
}
