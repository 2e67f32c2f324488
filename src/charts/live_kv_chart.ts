/**
 * Live KV cache over simulated time: the p50, p90 and p99 across trials at each sample time, as
 * lines over shaded bands, against the KV budget of the configurations you are weighing. The
 * summary measures live KV at bf16; a chart for another KV precision multiplies every value by
 * its bytes per element ÷ 2 (`kvPrecisionScale`: fp8 and int8 × 0.5, int4 × 0.25), which is
 * exact because KV bytes are linear in the element size.
 *
 * @example fp8 halves the bf16 values: a 100 GiB bf16 median is plotted at 50 GiB.
 * ```ts
 * import { liveKvBandsData } from "./live_kv_chart.ts";
 * import { equal } from "node:assert/strict";
 * const summary = {
 *   timesS: [1800, 3600],
 *   liveKvGiB: { p50: [100, 120], p90: [130, 150], p95: [140, 160], p99: [150, 170] },
 * };
 * const rows = liveKvBandsData(summary, "fp8");
 * equal(rows[0].hours, 0.5);
 * equal(rows[0].p50, 50);
 * equal(rows[1].p99, 85);
 * ```
 * @module
 */

import * as Plot from "@observablehq/plot";
import { KV_PRECISIONS, type KvPrecision } from "../capacity/precision.ts";
import type { LiveKvInput } from "./inputs.ts";
import type { PlotSpec } from "./plot_spec.ts";
import { kvPrecisionScale } from "../sim/trial.ts";
import { oneOf } from "../validate.ts";
import type { ChartSpec } from "./render.ts";
import { formatGiB, LIMIT_COLOR } from "./theme.ts";

/** A KV budget drawn as a horizontal rule. */
export interface BudgetLine {
  /** What the budget belongs to (`4 × h100-sxm, fp8 KV / bf16 weights`). */
  label: string;
  /** The configuration's KV budget at the chart's KV precision, GiB. */
  budgetGiB: number;
}

/** Options of `liveKvBandsChart`. */
export interface LiveKvChartOptions {
  /** KV precision to plot at (default bf16, the summary's own unit). */
  kvPrecision?: KvPrecision;
  /** Replaces the default title. */
  title?: string;
  /** Replaces the default subtitle. */
  subtitle?: string;
}

/** One sample time of the bands chart, scaled to the KV precision. */
export interface LiveKvDatum {
  /** Time after the warm-up, hours. */
  hours: number;
  /** Median live KV across trials, GiB. */
  p50: number;
  /** 90th percentile, GiB. */
  p90: number;
  /** 99th percentile, GiB. */
  p99: number;
}

/** Series names, in legend order. */
export const LIVE_KV_SERIES: readonly string[] = ["median (p50)", "p90", "p99"];
const SERIES_COLORS = ["#1f4e79", "#4e79a7", "#9ecae9"];

/**
 * The bands chart's rows: hours and the p50/p90/p99 live KV at a KV precision.
 * @param summary the summary's `timesS` and `liveKvGiB` (bf16)
 * @param kvPrecision the KV precision to scale to
 * @returns one row per sample time
 * @throws {TypeError} an unknown KV precision
 */
export function liveKvBandsData(
  summary: Pick<LiveKvInput, "timesS" | "liveKvGiB">,
  kvPrecision: KvPrecision = "bf16",
): LiveKvDatum[] {
  const scale = kvPrecisionScale(oneOf("options.kvPrecision", kvPrecision, KV_PRECISIONS));
  const { timesS, liveKvGiB } = summary;
  const n = Math.min(
    timesS.length,
    liveKvGiB.p50.length,
    liveKvGiB.p90.length,
    liveKvGiB.p99.length,
  );
  return Array.from({ length: n }, (_, i) => ({
    hours: timesS[i] / 3600,
    p50: liveKvGiB.p50[i] * scale,
    p90: liveKvGiB.p90[i] * scale,
    p99: liveKvGiB.p99[i] * scale,
  }));
}

/**
 * Checks budget lines: an array of `{ label: string, budgetGiB: finite ≥ 0 }`.
 * @param budgets the budgets
 * @returns plain copies
 * @throws {TypeError|RangeError} a bad entry, named by its index and field
 */
export function checkBudgetLines(budgets: readonly BudgetLine[]): BudgetLine[] {
  if (!Array.isArray(budgets)) {
    throw new TypeError(`budgets: expected an array of { label, budgetGiB }; received ${budgets}`);
  }
  return budgets.map((b, i) => {
    if (typeof b?.label !== "string") {
      throw new TypeError(`budgets[${i}].label: expected a string; received ${b?.label}`);
    }
    if (!(Number.isFinite(b.budgetGiB) && b.budgetGiB >= 0)) {
      throw new RangeError(
        `budgets[${i}].budgetGiB: expected a finite number ≥ 0; received ${b.budgetGiB}`,
      );
    }
    return { label: b.label, budgetGiB: b.budgetGiB };
  });
}

/**
 * Budget labels, placed left or right so that two budgets closer than 7 % of the axis do not
 * print over each other.
 */
function placeBudgets(budgets: BudgetLine[], top: number) {
  const sorted = [...budgets].sort((a, b) => a.budgetGiB - b.budgetGiB);
  let side: "left" | "right" = "right";
  return sorted.map((b, i) => {
    if (i > 0 && b.budgetGiB - sorted[i - 1].budgetGiB < top * 0.07) {
      side = side === "right" ? "left" : "right";
    } else side = "right";
    return { ...b, text: `${b.label}: ${formatGiB(b.budgetGiB)}`, side };
  });
}

/**
 * Live KV percentile bands over time against configuration budgets.
 * @param summary the Monte Carlo summary (`timesS`, `liveKvGiB`, `trials`)
 * @param budgets budgets to draw, at the chart's KV precision, GiB
 * @param options KV precision, title, subtitle
 * @returns Plot options for `renderSvg`
 * @throws {TypeError|RangeError} an unknown KV precision or a bad budget, named
 */
export function liveKvBandsChart(
  summary: LiveKvInput,
  budgets: readonly BudgetLine[],
  options: LiveKvChartOptions = {},
): ChartSpec {
  const kv = options.kvPrecision ?? "bf16";
  const data = liveKvBandsData(summary, kv);
  const lines = checkBudgetLines(budgets);
  const peak = Math.max(0, ...data.map((d) => d.p99), ...lines.map((b) => b.budgetGiB));
  const top = peak > 0 ? peak * 1.12 : 1;
  const long = LIVE_KV_SERIES.flatMap((series, s) =>
    data.map((d) => ({ hours: d.hours, series, gib: [d.p50, d.p90, d.p99][s] }))
  );
  const placed = placeBudgets(lines, top);
  const label = (side: "left" | "right") =>
    Plot.text(placed.filter((b) => b.side === side), {
      y: "budgetGiB",
      text: "text",
      frameAnchor: side,
      textAnchor: side === "right" ? "end" : "start",
      dx: side === "right" ? -4 : 4,
      dy: -7,
      fill: LIMIT_COLOR,
      fontSize: 11,
      stroke: "white",
      strokeWidth: 3,
      paintOrder: "stroke",
    });
  return {
    title: options.title ?? `Live KV cache over time (${kv} KV)`,
    subtitle: options.subtitle ??
      `KV held by live sessions across ${summary.trials} trials: median, p90 and p99 at each ` +
        "time; dashed lines are configuration budgets. A line crossing a budget means the " +
        "engine preempts or queues sessions.",
    height: 380,
    marginLeft: 64,
    marginRight: 20,
    marginBottom: 44,
    x: { label: "Time after warm-up (hours)", labelAnchor: "center", labelOffset: 36 },
    y: { domain: [0, top], grid: true, label: `Live KV cache (GiB, ${kv})` },
    color: { domain: [...LIVE_KV_SERIES], range: SERIES_COLORS, legend: true },
    marks: [
      Plot.areaY(data, {
        x: "hours",
        y1: "p50",
        y2: "p99",
        fill: SERIES_COLORS[2],
        fillOpacity: 0.3,
      }),
      Plot.areaY(data, {
        x: "hours",
        y1: "p50",
        y2: "p90",
        fill: SERIES_COLORS[1],
        fillOpacity: 0.3,
      }),
      Plot.lineY(long, {
        x: "hours",
        y: "gib",
        z: "series",
        stroke: "series",
        strokeWidth: (d: { series: string }) => d.series === LIVE_KV_SERIES[0] ? 2.5 : 1.5,
      }),
      Plot.ruleY(lines, { y: "budgetGiB", stroke: LIMIT_COLOR, strokeDasharray: "6,4" }),
      label("right"),
      label("left"),
      Plot.ruleY([0]),
    ],
  } satisfies PlotSpec;
}
