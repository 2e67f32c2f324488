/**
 * Capacity plans across GPU counts: one panel per GPU type, one line per KV × weight precision
 * pair, for a chosen plan metric — sessions that fit in HBM (default), the TTFT breach point,
 * or the monthly cost per HBM session slot.
 *
 * @example
 * ```ts
 * import { planChartData } from "./plan_chart.ts";
 * import { equal } from "node:assert/strict";
 * const row = (gpuCount: number, hbmSlots: number) => ({
 *   gpu: "h100-sxm", gpuCount, kvPrecision: "fp8" as const, weightPrecision: "bf16" as const,
 *   plan: { hbmSlots, fits: true, ttftBreachPoint: 3, monthlyGpuCostUsd: 5000 * gpuCount },
 * });
 * const data = planChartData([row(2, 20), row(1, 8)], "costPerSlot");
 * equal(data[0].gpuCount, 1);
 * equal(data[0].value, 625); // $5,000 ÷ 8 slots
 * ```
 * @module
 */

import * as Plot from "@observablehq/plot";
import { oneOf } from "../validate.ts";
import { precisionSeries } from "./overflow_chart.ts";
import type { PlanChartRow } from "./inputs.ts";
import type { PlotSpec } from "./plot_spec.ts";
import type { ChartSpec } from "./render.ts";
import { layeredStrokeWidth, seriesColors } from "./theme.ts";

/** What a plan chart plots. */
export type PlanMetric = "hbmSlots" | "ttftBreachPoint" | "costPerSlot";

/** Every plan metric. */
export const PLAN_METRICS: readonly PlanMetric[] = ["hbmSlots", "ttftBreachPoint", "costPerSlot"];

/** Options of `planChart`. */
export interface PlanChartOptions {
  /** The metric (default `hbmSlots`). */
  metric?: PlanMetric;
  /** Replaces the default title. */
  title?: string;
  /** Replaces the default subtitle. */
  subtitle?: string;
}

/** One point of a plan chart. */
export interface PlanDatum {
  /** GPU id (the facet). */
  gpu: string;
  /** GPUs. */
  gpuCount: number;
  /** `KV fp8 · weights bf16`. */
  series: string;
  /** The metric; null where undefined (no slot to spread the cost over). */
  value: number | null;
}

const METRIC_TEXT: Record<PlanMetric, { title: string; axis: string; subtitle: string }> = {
  hbmSlots: {
    title: "Sessions that fit in HBM",
    axis: "HBM session slots (sessions)",
    subtitle:
      "planCapacity's HBM slots: the engine's KV pool ÷ the mean KV of one session of the " +
      "planned mix. Zero where the weights do not fit.",
  },
  ttftBreachPoint: {
    title: "TTFT SLA breach point",
    axis: "Concurrent requests within the TTFT SLA (requests)",
    subtitle: "The largest number of requests arriving together whose mean time to first token " +
      "still meets the SLA.",
  },
  costPerSlot: {
    title: "Monthly cost per HBM session slot",
    axis: "Cost per HBM slot (USD per month)",
    subtitle: "Monthly GPU cost (on demand unless the scenario says otherwise) ÷ HBM session " +
      "slots. Configurations that hold no session are left out.",
  },
};

/**
 * The points of a plan chart.
 * @param plans sweep rows (`sweepPlans`)
 * @param metric what to plot
 * @returns one point per row, sorted by GPU count
 * @throws {TypeError} an unknown metric
 */
export function planChartData(
  plans: readonly PlanChartRow[],
  metric: PlanMetric = "hbmSlots",
): PlanDatum[] {
  oneOf("options.metric", metric, PLAN_METRICS);
  if (!Array.isArray(plans)) throw new TypeError(`plans: expected an array; received ${plans}`);
  return plans
    .map((r) => {
      const p = r.plan;
      const value = metric === "hbmSlots"
        ? p.hbmSlots
        : metric === "ttftBreachPoint"
        ? p.ttftBreachPoint
        : p.hbmSlots > 0
        ? p.monthlyGpuCostUsd / p.hbmSlots
        : null;
      return {
        gpu: r.gpu,
        gpuCount: r.gpuCount,
        series: precisionSeries(r.kvPrecision, r.weightPrecision),
        value,
      };
    })
    .sort((a, b) => a.gpuCount - b.gpuCount);
}

/**
 * A plan metric vs GPU count, a line per precision pair, a panel per GPU type.
 * @param plans sweep rows (`ScenarioResult.plans`)
 * @param options metric, title, subtitle
 * @returns Plot options for `renderSvg`
 * @throws {TypeError} an unknown metric; plans that are not an array
 */
export function planChart(
  plans: readonly PlanChartRow[],
  options: PlanChartOptions = {},
): ChartSpec {
  const metric = options.metric ?? "hbmSlots";
  const data = planChartData(plans, metric).filter((d) => d.value !== null);
  const series = [...new Set(data.map((d) => d.series))];
  const gpus = [...new Set(data.map((d) => d.gpu))];
  const counts = [...new Set(data.map((d) => d.gpuCount))].sort((a, b) => a - b);
  const text = METRIC_TEXT[metric];
  return {
    title: options.title ?? text.title,
    subtitle: options.subtitle ?? text.subtitle,
    height: 360,
    marginLeft: 64,
    marginRight: 20,
    marginBottom: 44,
    fx: { domain: gpus, label: null, padding: 0.12 },
    x: {
      ticks: counts.length > 12 ? undefined : counts,
      tickFormat: "d",
      label: "GPUs (count)",
      labelAnchor: "center",
      labelOffset: 36,
      inset: 8,
    },
    y: {
      grid: true,
      zero: true,
      label: text.axis,
      tickFormat: metric === "costPerSlot" ? "$,.0f" : ",~f",
    },
    color: { domain: series, range: seriesColors(series.length), legend: true },
    marks: [
      Plot.frame({ stroke: "#ddd" }),
      Plot.lineY(data, {
        fx: "gpu",
        x: "gpuCount",
        y: "value",
        z: "series",
        stroke: "series",
        strokeWidth: (d: { series: string }) =>
          layeredStrokeWidth(series.indexOf(d.series), series.length),
      }),
      Plot.dot(data, { fx: "gpu", x: "gpuCount", y: "value", fill: "series", r: 2.5 }),
    ],
  } satisfies PlotSpec;
}
