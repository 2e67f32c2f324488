/**
 * P(overflow) against GPU count: for each GPU type (one panel each) and each KV × weight
 * precision pair (one line each), the share of trials whose peak live KV exceeded the
 * configuration's KV budget, with the target probability drawn as a rule. The first count
 * where a line drops under the rule is the smallest safe size for that precision pair.
 *
 * @example
 * ```ts
 * import { overflowData } from "./overflow_chart.ts";
 * import { deepEqual } from "node:assert/strict";
 * const c = (gpuCount: number, pOverflow: number) => ({
 *   gpu: "h100-sxm", gpuCount, kvPrecision: "fp8" as const, weightPrecision: "bf16" as const,
 *   pOverflow, fits: true,
 * });
 * const rows = overflowData({ configs: [c(2, 0.4), c(1, 1)] });
 * deepEqual(rows.map((r) => r.gpuCount), [1, 2]);
 * deepEqual(rows[0].series, "KV fp8 · weights bf16");
 * ```
 * @module
 */

import * as Plot from "@observablehq/plot";
import type { OverflowInput } from "./inputs.ts";
import type { PlotSpec } from "./plot_spec.ts";
import type { ChartSpec } from "./render.ts";
import { layeredStrokeWidth, LIMIT_COLOR, seriesColors } from "./theme.ts";

/** Options of `overflowChart`. */
export interface OverflowChartOptions {
  /** Replaces the default title. */
  title?: string;
  /** Replaces the default subtitle. */
  subtitle?: string;
}

/** One point of the overflow chart. */
export interface OverflowDatum {
  /** GPU id (the facet). */
  gpu: string;
  /** GPUs. */
  gpuCount: number;
  /** `KV fp8 · weights bf16`. */
  series: string;
  /** Share of trials that overflowed, 0–1. */
  pOverflow: number;
  /** False when the weights leave no KV pool. */
  fits: boolean;
}

/**
 * The legend name of a precision pair.
 * @param kvPrecision KV precision
 * @param weightPrecision weight precision
 * @returns `KV fp8 · weights bf16`
 */
export function precisionSeries(kvPrecision: string, weightPrecision: string): string {
  return `KV ${kvPrecision} · weights ${weightPrecision}`;
}

/**
 * The overflow chart's points, by GPU, series and count.
 * @param summary the summary's evaluated configurations
 * @returns one point per configuration, sorted by GPU count
 */
export function overflowData(
  summary: Pick<OverflowInput, "configs">,
): OverflowDatum[] {
  if (!Array.isArray(summary?.configs)) {
    throw new TypeError(`summary.configs: expected an array; received ${summary?.configs}`);
  }
  return summary.configs
    .map((c) => ({
      gpu: c.gpu,
      gpuCount: c.gpuCount,
      series: precisionSeries(c.kvPrecision, c.weightPrecision),
      pOverflow: c.pOverflow,
      fits: c.fits,
    }))
    .sort((a, b) => a.gpuCount - b.gpuCount);
}

/**
 * P(overflow) vs GPU count, a line per precision pair, a panel per GPU type.
 * @param summary the Monte Carlo summary (`configs`, `targetOverflowProbability`, `trials`)
 * @param options title and subtitle overrides
 * @returns Plot options for `renderSvg`
 * @throws {TypeError} a summary without configurations
 */
export function overflowChart(
  summary: OverflowInput,
  options: OverflowChartOptions = {},
): ChartSpec {
  const data = overflowData(summary);
  const series = [...new Set(data.map((d) => d.series))];
  const gpus = [...new Set(data.map((d) => d.gpu))];
  const counts = [...new Set(data.map((d) => d.gpuCount))].sort((a, b) => a - b);
  const target = summary.targetOverflowProbability;
  const ticks = counts.length > 12 ? undefined : counts;
  return {
    title: options.title ?? "Probability of running out of KV cache",
    subtitle: options.subtitle ??
      `Share of ${summary.trials} trials whose peak live KV exceeded the configuration's KV ` +
        `budget; the dashed line is the target (≤ ${target}). Lines that coincide are drawn ` +
        "wider underneath; hollow points: the weights leave no KV pool.",
    height: 360,
    marginLeft: 56,
    marginRight: 20,
    marginBottom: 44,
    fx: { domain: gpus, label: null, padding: 0.12 },
    x: {
      ticks,
      tickFormat: "d",
      label: "GPUs (count)",
      labelAnchor: "center",
      labelOffset: 36,
      inset: 8,
    },
    y: { domain: [0, 1], grid: true, label: "P(overflow) (probability)" },
    color: { domain: series, range: seriesColors(series.length), legend: true },
    marks: [
      Plot.frame({ stroke: "#ddd" }),
      Plot.ruleY([target], { stroke: LIMIT_COLOR, strokeDasharray: "6,4" }),
      Plot.lineY(data, {
        fx: "gpu",
        x: "gpuCount",
        y: "pOverflow",
        z: "series",
        stroke: "series",
        strokeWidth: (d: { series: string }) =>
          layeredStrokeWidth(series.indexOf(d.series), series.length),
      }),
      Plot.dot(data.filter((d) => d.fits), {
        fx: "gpu",
        x: "gpuCount",
        y: "pOverflow",
        fill: "series",
        r: 3,
      }),
      Plot.dot(data.filter((d) => !d.fits), {
        fx: "gpu",
        x: "gpuCount",
        y: "pOverflow",
        stroke: "series",
        fill: "white",
        r: 3.5,
      }),
      Plot.text([target], {
        y: (t: number) => t,
        text: (t: number) => `target ${t}`,
        frameAnchor: "right",
        textAnchor: "end",
        dx: -4,
        dy: -7,
        fill: LIMIT_COLOR,
        stroke: "white",
        strokeWidth: 3,
        paintOrder: "stroke",
      }),
    ],
  } satisfies PlotSpec;
}
