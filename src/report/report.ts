/**
 * The sizing report: one static HTML file that answers "how many GPUs, at which precision, at
 * what cost, and how sure are we?" for a scenario. It opens with the recommendation, then
 * shows the scenario as run, the simulated workload (category mix, live KV over time against
 * the candidate budgets, the per-trial peak, P(overflow) vs GPU count), every capacity plan of
 * the sweep, the expectations with their observed values, and where every number comes from.
 *
 * The file is self-contained: inline CSS, charts as inline SVG, no script, no web font, no
 * image or stylesheet from the network (links in the sources section are plain `<a href>`).
 * All text from the scenario is escaped.
 *
 * @example A static (plan-only) workload: the report shows the plans and no simulation charts.
 * ```ts
 * import { buildReport } from "./report.ts";
 * import { sweepPlans } from "../capacity/sweep.ts";
 * import { ok } from "node:assert/strict";
 * const mix = { extreme: 0, heavy: 1, medium: 2, light: 8 };
 * const plans = sweepPlans({ model: "llama-3.1-8b", gpus: ["h100-sxm"], gpuCounts: [1, 2],
 *   kvPrecisions: ["fp8"], weightPrecisions: ["bf16"], workload: mix });
 * const { html, charts } = buildReport({
 *   name: "static-demo", scenario: { name: "static-demo", workload: { static: mix } }, trials: 0,
 *   summary: null, plans, planMix: mix, expectations: [],
 * }, { generatedAt: "2026-01-01T00:00:00Z" });
 * ok(html.startsWith("<!DOCTYPE html>") && html.includes("id=\"recommendation\""));
 * ok(charts.every((c) => c.name.startsWith("plan-")));
 * ```
 * @module
 */

import { mixTotal } from "../capacity/workload.ts";
import { DEFAULT_GPU_SPECS } from "../catalog/gpus.ts";
import { lookupArchitecture } from "../catalog/lookup.ts";
import type { GpuSpec, ModelArchitecture } from "../catalog/types.ts";
import { categoryChart } from "../charts/category_chart.ts";
import { liveKvBandsChart } from "../charts/live_kv_chart.ts";
import { overflowChart } from "../charts/overflow_chart.ts";
import { peakKvChart } from "../charts/peak_kv_chart.ts";
import { planChart } from "../charts/plan_chart.ts";
import { type ChartSpec, renderFigureHtml, renderSvg } from "../charts/render.ts";
import type { ScenarioResult } from "../scenario/result.ts";
import { escapeHtml } from "./html.ts";
import {
  chartBudgets,
  type RecommendationRow,
  staticRecommendations,
  summaryRecommendations,
} from "./recommend.ts";
import { pricingTier, scenarioDescription, scenarioSlas, settingsRows } from "./scenario_view.ts";
import { expectationsTable, plansTable, recommendationSection, workloadTable } from "./sections.ts";
import { htmlTable } from "./html.ts";
import { sourcesSection } from "./sources.ts";
import { REPORT_CSS } from "./style.ts";

/** Options of `buildReport`. */
export interface ReportOptions {
  /** Timestamp printed in the report (default: now, ISO 8601). Fix it for reproducible files. */
  generatedAt?: string;
}

/** One chart of the report. */
export interface ReportChart {
  /** File-name-safe name (`live-kv`); `writeReport` writes `<name>.png`. */
  name: string;
  /** The chart's title. */
  title: string;
  /** Standalone SVG (with `xmlns`). */
  svg: string;
}

/** What `buildReport` returns. */
export interface Report {
  /** The whole HTML document. */
  html: string;
  /** Every chart in the order it appears. */
  charts: ReportChart[];
}

interface PlannedChart {
  name: string;
  section: "workload" | "live-kv" | "overflow" | "plans";
  spec: ChartSpec;
  caption?: string;
}

function checkResult(result: ScenarioResult): void {
  if (result === null || typeof result !== "object") {
    throw new TypeError(`result: expected a ScenarioResult object; received ${result}`);
  }
  if (typeof result.name !== "string") {
    throw new TypeError(`result.name: expected a string; received ${typeof result.name}`);
  }
  if (result.scenario === null || typeof result.scenario !== "object") {
    throw new TypeError(`result.scenario: expected an object; received ${result.scenario}`);
  }
  for (const field of ["plans", "expectations"] as const) {
    if (!Array.isArray(result[field])) {
      throw new TypeError(`result.${field}: expected an array; received ${typeof result[field]}`);
    }
  }
}

function modelOf(result: ScenarioResult): ModelArchitecture | null {
  const fromPlan = result.plans[0]?.plan.model;
  if (fromPlan) return fromPlan;
  const m = result.scenario.model;
  if (typeof m === "string") return lookupArchitecture(m) ?? null;
  return m && typeof m === "object" && "source" in m ? (m as ModelArchitecture) : null;
}

function gpusOf(result: ScenarioResult): Map<string, GpuSpec> {
  const gpus = new Map<string, GpuSpec>();
  for (const row of result.plans) gpus.set(row.gpu, row.plan.hardware.gpu);
  const listed = Array.isArray(result.scenario.gpus) ? result.scenario.gpus : [];
  for (const g of listed) {
    const spec = typeof g === "string" ? DEFAULT_GPU_SPECS[g] : g as GpuSpec;
    if (spec?.id && !gpus.has(spec.id)) gpus.set(spec.id, spec);
  }
  return gpus;
}

function plannedCharts(result: ScenarioResult): PlannedChart[] {
  const charts: PlannedChart[] = [];
  const s = result.summary;
  if (s) {
    const { kvPrecision, budgets } = chartBudgets(s);
    charts.push({ name: "category-shares", section: "workload", spec: categoryChart(s) });
    charts.push({
      name: "live-kv",
      section: "live-kv",
      spec: liveKvBandsChart(s, budgets, { kvPrecision }),
      caption: `Budgets at ${kvPrecision} KV (the cheapest recommendation's precision): each GPU ` +
        "type's recommended count and the next smaller count in the grid.",
    });
    charts.push({
      name: "peak-kv",
      section: "live-kv",
      spec: peakKvChart(s, budgets, { kvPrecision }),
    });
    charts.push({ name: "overflow", section: "overflow", spec: overflowChart(s) });
  }
  if (result.plans.length > 0) {
    charts.push({ name: "plan-hbm-slots", section: "plans", spec: planChart(result.plans) });
    charts.push({
      name: "plan-cost-per-slot",
      section: "plans",
      spec: planChart(result.plans, { metric: "costPerSlot" }),
    });
  }
  return charts;
}

function recommendationRows(result: ScenarioResult): RecommendationRow[] {
  if (result.summary) return summaryRecommendations(result.summary);
  return staticRecommendations(result.plans, result.planMix, scenarioSlas(result.scenario));
}

function section(id: string, title: string, body: string): string {
  return `<section id="${id}"><h2>${escapeHtml(title)}</h2>\n${body}\n</section>\n`;
}

/**
 * Builds the sizing report of a scenario result.
 * @param result what running the scenario produced
 * @param options the timestamp to print
 * @returns the HTML document and its charts as standalone SVG
 * @throws {TypeError} a result missing its name, scenario, plans or expectations
 */
export function buildReport(result: ScenarioResult, options: ReportOptions = {}): Report {
  checkResult(result);
  const generatedAt = options.generatedAt ?? new Date().toISOString();
  const scenario = result.scenario;
  const model = modelOf(result);
  const gpus = gpusOf(result);
  const slas = scenarioSlas(scenario);
  const staticSessions = result.summary ? undefined : mixTotal(result.planMix);
  const planned = plannedCharts(result);
  const charts = planned.map((c) => ({
    name: c.name,
    title: c.spec.title,
    svg: renderSvg(c.spec),
  }));
  const figures = (which: PlannedChart["section"]) =>
    planned.map((c, i) => ({ c, svg: charts[i].svg }))
      .filter(({ c }) => c.section === which)
      .map(({ c, svg }) => renderFigureHtml(svg, { id: `chart-${c.name}`, caption: c.caption }))
      .join("\n");
  const description = scenarioDescription(scenario);
  const target = result.summary?.targetOverflowProbability ?? slas.overflowProbability ?? 0.01;
  const parts: [string, string, string][] = [];
  parts.push([
    "recommendation",
    "Recommendation",
    recommendationSection(recommendationRows(result), {
      gpus,
      target,
      trials: result.summary?.trials ?? 0,
      tier: pricingTier(scenario),
      slas,
      staticSessions,
    }),
  ]);
  parts.push([
    "scenario",
    "Scenario",
    htmlTable(["setting", "value"], settingsRows(scenario)) +
    "<details><summary>The scenario as parsed (every default filled in)</summary>" +
    `<pre>${escapeHtml(JSON.stringify(scenario, null, 2))}</pre></details>`,
  ]);
  if (result.summary) {
    parts.push([
      "workload",
      "Simulated workload",
      workloadTable(result.summary, result.planMix) + figures("workload"),
    ]);
    parts.push(["live-kv", "Live KV cache against budgets", figures("live-kv")]);
    parts.push(["overflow", "Risk of running out of KV cache", figures("overflow")]);
  } else {
    parts.push([
      "workload",
      "Workload",
      "<p>A static population of concurrent sessions, each sized at its category midpoint " +
      "clamped to the model's context: no simulation, so no distributions. Sessions per " +
      `category: ${escapeHtml(JSON.stringify(result.planMix))}.</p>`,
    ]);
  }
  parts.push([
    "plans",
    "Capacity plans across GPU counts and precisions",
    figures("plans") +
    "<p><code>planCapacity</code> for every GPU type × count × KV precision × weight precision, " +
    "sized for the session mix above.</p>" + plansTable(result.plans),
  ]);
  if (result.expectations.length > 0) {
    parts.push(["expectations", "Expectations", expectationsTable(result.expectations)]);
  }
  parts.push([
    "sources",
    "Assumptions and sources",
    sourcesSection({ model, gpus: [...gpus.values()], scenario }),
  ]);
  const nav = parts.map(([id, title]) => `<a href="#${id}">${escapeHtml(title)}</a>`).join("");
  const meta = [
    model ? `model ${model.displayName}` : null,
    result.summary ? `${result.trials} Monte Carlo trials` : "static workload (plans only)",
    `generated ${generatedAt}`,
  ].filter(Boolean).join(" · ");
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>capsim sizing report: ${escapeHtml(result.name)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<header>
<h1>Sizing report: ${escapeHtml(result.name)}</h1>
<p class="meta">${escapeHtml(meta)}</p>
${description ? `<p class="description">${escapeHtml(description)}</p>` : ""}
<nav>${nav}</nav>
</header>
${parts.map(([id, title, body]) => section(id, title, body)).join("")}
<footer>Generated by capsim on ${escapeHtml(generatedAt)}. This file is self-contained: ` +
    `no scripts, fonts or images are loaded from anywhere.</footer>
</main>
</body>
</html>
`;
  return { html, charts };
}
