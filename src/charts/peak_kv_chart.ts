/**
 * The per-trial peak of live KV, which is what P(overflow) is decided on: its p50, p90, p95,
 * p99 and maximum across trials as bars, next to the KV budgets of the configurations you are
 * weighing, all at one KV precision. A budget bar longer than the p99 bar means fewer than 1 %
 * of trials overflowed it.
 *
 * The summary keeps percentiles of the per-trial peak, not every trial's peak, so this is a
 * percentile chart rather than a histogram.
 *
 * @example
 * ```ts
 * import { peakKvData } from "./peak_kv_chart.ts";
 * import { equal } from "node:assert/strict";
 * const peak = { p50: 100, p90: 120, p95: 130, p99: 140, max: 150 };
 * const rows = peakKvData({ peakLiveKvGiB: peak }, [{ label: "4 × h100", budgetGiB: 90 }], "int4");
 * equal(rows.length, 6);
 * equal(rows[3].gib, 35); // p99 140 GiB at bf16 × 0.25
 * equal(rows[5].gib, 90); // budgets are given at the chart's precision
 * ```
 * @module
 */

import * as Plot from "@observablehq/plot";
import { KV_PRECISIONS, type KvPrecision } from "../capacity/precision.ts";
import type { PeakKvInput } from "./inputs.ts";
import type { PlotSpec } from "./plot_spec.ts";
import { kvPrecisionScale } from "../sim/trial.ts";
import { oneOf } from "../validate.ts";
import { type BudgetLine, checkBudgetLines } from "./live_kv_chart.ts";
import type { ChartSpec } from "./render.ts";
import { formatGiB, LIMIT_COLOR } from "./theme.ts";

/** Options of `peakKvChart`. */
export interface PeakKvChartOptions {
  /** KV precision to plot at (default bf16). */
  kvPrecision?: KvPrecision;
  /** Replaces the default title. */
  title?: string;
  /** Replaces the default subtitle. */
  subtitle?: string;
}

/** One bar of the peak chart. */
export interface PeakKvDatum {
  /** Row label (`peak p99`, or a budget's label). */
  label: string;
  /** `peak` or `budget`. */
  kind: "peak" | "budget";
  /** GiB at the chart's KV precision. */
  gib: number;
}

const PEAK_KEYS = ["p50", "p90", "p95", "p99", "max"] as const;
const KIND_LABELS = ["per-trial peak live KV", "KV budget of a configuration"];

/**
 * The peak chart's bars: the five peak percentiles, then the budgets.
 * @param summary the summary's `peakLiveKvGiB` (bf16)
 * @param budgets budgets at the chart's KV precision, GiB
 * @param kvPrecision the KV precision to scale the peaks to
 * @returns the bars, top to bottom
 * @throws {TypeError|RangeError} an unknown KV precision or a bad budget, named
 */
export function peakKvData(
  summary: Pick<PeakKvInput, "peakLiveKvGiB">,
  budgets: readonly BudgetLine[],
  kvPrecision: KvPrecision = "bf16",
): PeakKvDatum[] {
  const scale = kvPrecisionScale(oneOf("options.kvPrecision", kvPrecision, KV_PRECISIONS));
  return [
    ...PEAK_KEYS.map((key) => ({
      label: key === "max" ? "peak, largest trial" : `peak ${key}`,
      kind: "peak" as const,
      gib: summary.peakLiveKvGiB[key] * scale,
    })),
    ...checkBudgetLines(budgets).map((b) => ({
      label: b.label,
      kind: "budget" as const,
      gib: b.budgetGiB,
    })),
  ];
}

/**
 * Per-trial peak live KV percentiles next to configuration budgets.
 * @param summary the Monte Carlo summary (`peakLiveKvGiB`, `trials`)
 * @param budgets budgets at the chart's KV precision, GiB
 * @param options KV precision, title, subtitle
 * @returns Plot options for `renderSvg`
 * @throws {TypeError|RangeError} an unknown KV precision or a bad budget, named
 */
export function peakKvChart(
  summary: PeakKvInput,
  budgets: readonly BudgetLine[],
  options: PeakKvChartOptions = {},
): ChartSpec {
  const kv = options.kvPrecision ?? "bf16";
  const data = peakKvData(summary, budgets, kv);
  const longest = Math.max(1, ...data.map((d) => d.gib));
  const widestLabel = Math.max(...data.map((d) => d.label.length));
  return {
    title: options.title ?? `Peak live KV per trial vs budgets (${kv} KV)`,
    subtitle: options.subtitle ??
      `Percentiles of the highest live KV each of ${summary.trials} trials reached — what ` +
        "P(overflow) is counted on — and the KV budget of each configuration.",
    height: 60 + data.length * 30,
    marginLeft: Math.min(300, 16 + widestLabel * 6.6),
    marginRight: 80,
    marginBottom: 44,
    y: { domain: data.map((d) => d.label), label: null, padding: 0.25 },
    x: {
      domain: [0, longest * 1.05],
      grid: true,
      label: `KV cache (GiB, ${kv})`,
      labelAnchor: "center",
      labelOffset: 36,
    },
    color: { domain: KIND_LABELS, range: ["#4e79a7", LIMIT_COLOR], legend: true },
    marks: [
      Plot.barX(data, {
        y: "label",
        x: "gib",
        fill: (d: PeakKvDatum) => KIND_LABELS[d.kind === "peak" ? 0 : 1],
        fillOpacity: 0.85,
      }),
      Plot.text(data, {
        y: "label",
        x: "gib",
        text: (d: PeakKvDatum) => formatGiB(d.gib),
        textAnchor: "start",
        dx: 4,
        fontSize: 11,
      }),
      Plot.ruleX([0]),
    ],
  } satisfies PlotSpec;
}
