import { deepEqual, equal, ok, throws } from "node:assert/strict";
import fc from "fast-check";
import {
  categoryChart,
  liveKvBandsChart,
  overflowChart,
  peakKvChart,
  planChart,
  planChartData,
  renderSvg,
} from "../../src/charts/mod.ts";
import type { MonteCarloSummary } from "../../src/sim/summarize.ts";
import { fixtureResult } from "../report/fixture.ts";
import { badNumbers, markShapes, parseSvg } from "./svg_query.ts";

const interval = (p50: number, p5 = p50, p95 = p50) => ({ mean: p50, p5, p50, p95 });

Deno.test("categoryChart() draws four bars, light → extreme, each with a 90 % whisker", () => {
  const svg = renderSvg(categoryChart({
    trials: 10,
    categoryShares: {
      light: interval(0.8, 0.75, 0.85),
      medium: interval(0.15, 0.1, 0.2),
      heavy: interval(0.04, 0.02, 0.06),
      extreme: interval(0.01, 0, 0.02),
    },
  }));
  const doc = parseSvg(svg);
  equal(markShapes(doc, "bar", "rect").length, 4);
  equal(markShapes(doc, "rule", "line").length, 5); // four whiskers and the zero line
  equal(markShapes(doc, "tick", "line").length, 8); // whisker caps at p5 and p95
  deepEqual(doc.texts('g[aria-label="x-axis tick label"] text'), [
    "light (≤ 50K)",
    "medium (50K–200K)",
    "heavy (200K–500K)",
    "extreme (> 500K)",
  ]);
  ok(doc.texts('g[aria-label="y-axis label"] text')[0].includes("Share of sessions (%)"));
  ok(doc.texts('g[aria-label="x-axis label"] text')[0].includes("cumulative tokens"));
  // Labels are the median shares: 80 % → "80.0 %", 1 % → "1.0 %".
  deepEqual(markShapes(doc, "text", "text").map((t) => t.textContent), [
    "80.0 %",
    "15.0 %",
    "4.0 %",
    "1.0 %",
  ]);
  // The y axis is in percent: the top tick is at least the largest p95 (85 %).
  const ticks = doc.texts('g[aria-label="y-axis tick label"] text').map(Number);
  ok(Math.max(...ticks) >= 85 && Math.max(...ticks) <= 100);
  deepEqual(badNumbers(svg), []);
});

Deno.test("categoryChart() names a missing category", () => {
  throws(
    () => categoryChart({ trials: 1, categoryShares: {} as MonteCarloSummary["categoryShares"] }),
    (e: Error) => e instanceof TypeError && e.message.includes("summary.categoryShares.light"),
  );
});

const bandsSummary = {
  trials: 4,
  timesS: [900, 1800, 2700, 3600],
  liveKvGiB: {
    p50: [100, 110, 120, 130],
    p90: [120, 130, 140, 150],
    p95: [125, 135, 145, 155],
    p99: [130, 140, 150, 160],
  },
};

Deno.test("liveKvBandsChart() draws p50/p90/p99 lines, two bands and one rule per budget", () => {
  const budgets = [{ label: "2 × h100-sxm", budgetGiB: 60 }, {
    label: "4 × h100-sxm",
    budgetGiB: 90,
  }];
  const svg = renderSvg(liveKvBandsChart(bandsSummary, budgets, { kvPrecision: "fp8" }));
  const doc = parseSvg(svg);
  equal(markShapes(doc, "line", "path").length, 3);
  equal(markShapes(doc, "area", "path").length, 2);
  equal(markShapes(doc, "rule", "line").length, 3); // two budgets and the zero line
  const labels = markShapes(doc, "text", "text").map((t) => t.textContent);
  deepEqual(labels.sort(), ["2 × h100-sxm: 60 GiB", "4 × h100-sxm: 90 GiB"]);
  ok(doc.texts('g[aria-label="y-axis label"] text')[0].includes("GiB, fp8"));
  ok(doc.texts('g[aria-label="x-axis label"] text')[0].includes("hours"));
  // fp8 halves the bf16 values: the p99 peaks at 80 GiB, the top budget is 90 GiB, so the axis
  // ends between 90 and 90 × 1.12 ≈ 101 GiB with ticks up to 100 at most.
  const ticks = doc.texts('g[aria-label="y-axis tick label"] text').map(Number);
  ok(Math.max(...ticks) >= 90 && Math.max(...ticks) <= 100, `ticks ${ticks}`);
  // The x axis is in hours: 0.25 h … 1 h.
  const hours = doc.texts('g[aria-label="x-axis tick label"] text').map(Number);
  ok(Math.min(...hours) >= 0.25 && Math.max(...hours) <= 1, `ticks ${hours}`);
  ok(svg.includes("median (p50)") && svg.includes(">p99<"));
  deepEqual(badNumbers(svg), []);
});

Deno.test("liveKvBandsChart() rejects a bad budget or precision, naming the field", () => {
  throws(
    () =>
      liveKvBandsChart(bandsSummary, [{ label: "x", budgetGiB: 1 }, {
        label: "y",
        budgetGiB: NaN,
      }]),
    (e: Error) => e instanceof RangeError && e.message.includes("budgets[1].budgetGiB"),
  );
  throws(
    // @ts-expect-error: an unknown precision
    () => liveKvBandsChart(bandsSummary, [], { kvPrecision: "fp4" }),
    (e: Error) => e instanceof TypeError && e.message.includes("options.kvPrecision"),
  );
});

Deno.test("liveKvBandsChart() never writes NaN, whatever the bands (property)", () => {
  const series = fc.array(fc.float({ min: 0, max: 1e5, noNaN: true }), {
    minLength: 0,
    maxLength: 12,
  });
  fc.assert(
    fc.property(
      series,
      fc.array(fc.float({ min: 0, max: 1e5, noNaN: true }), { maxLength: 3 }),
      (values, budgets) => {
        const timesS = values.map((_, i) => (i + 1) * 60);
        const svg = renderSvg(liveKvBandsChart(
          { trials: 1, timesS, liveKvGiB: { p50: values, p90: values, p99: values } },
          budgets.map((b, i) => ({ label: `b${i}`, budgetGiB: b })),
        ));
        return badNumbers(svg).length === 0 && !svg.includes("NaN");
      },
    ),
    { numRuns: 25 },
  );
});

Deno.test("overflowChart() draws one line per precision pair in one panel per GPU type", async () => {
  const { summary } = await fixtureResult();
  const svg = renderSvg(overflowChart(summary!));
  const doc = parseSvg(svg);
  // 2 GPU types × 4 precision pairs.
  equal(markShapes(doc, "line", "path").length, 8);
  deepEqual(doc.texts('g[aria-label="fx-axis tick label"] text'), ["h100-sxm", "l40s"]);
  equal(
    markShapes(doc, "dot", "circle").length,
    summary!.configs.length,
  );
  ok(doc.texts('g[aria-label="y-axis label"] text')[0].includes("probability"));
  ok(doc.texts('g[aria-label="x-axis label"] text')[0].includes("GPUs (count)"));
  ok(svg.includes("target 0.05"));
  for (const series of ["KV bf16 · weights bf16", "KV fp8 · weights fp8"]) ok(svg.includes(series));
  deepEqual(badNumbers(svg), []);
});

Deno.test("peakKvChart() draws five peak percentiles and one bar per budget", async () => {
  const { summary } = await fixtureResult();
  const budgets = [{ label: "2 × h100-sxm", budgetGiB: 117 }];
  const doc = parseSvg(renderSvg(peakKvChart(summary!, budgets, { kvPrecision: "fp8" })));
  equal(markShapes(doc, "bar", "rect").length, 6);
  deepEqual(doc.texts('g[aria-label="y-axis tick label"] text'), [
    "peak p50",
    "peak p90",
    "peak p95",
    "peak p99",
    "peak, largest trial",
    "2 × h100-sxm",
  ]);
  ok(doc.texts('g[aria-label="x-axis label"] text')[0].includes("GiB, fp8"));
});

Deno.test("planChart() draws HBM slots per precision pair and GPU type", async () => {
  const { plans } = await fixtureResult();
  const svg = renderSvg(planChart(plans));
  const doc = parseSvg(svg);
  equal(markShapes(doc, "line", "path").length, 8);
  equal(markShapes(doc, "dot", "circle").length, plans.length);
  ok(doc.texts('g[aria-label="y-axis label"] text')[0].includes("HBM session slots (sessions)"));
  deepEqual(badNumbers(svg), []);
});

Deno.test("planChartData() spreads the monthly cost over HBM slots and drops zero-slot plans", () => {
  const row = (gpuCount: number, hbmSlots: number) => ({
    gpu: "l40s",
    gpuCount,
    kvPrecision: "fp8" as const,
    weightPrecision: "fp8" as const,
    plan: {
      hbmSlots,
      fits: hbmSlots > 0,
      ttftBreachPoint: 1,
      monthlyGpuCostUsd: 1357.8 * gpuCount,
    },
  });
  // 2 × $1,357.80 ÷ 20 slots = $135.78 per slot.
  const data = planChartData([row(2, 20), row(1, 0)], "costPerSlot");
  equal(data[1].value, 135.78);
  equal(data[0].value, null);
  const doc = parseSvg(renderSvg(planChart([row(2, 20), row(1, 0)], { metric: "costPerSlot" })));
  equal(markShapes(doc, "dot", "circle").length, 1);
  throws(
    // @ts-expect-error: an unknown metric
    () => planChartData([], "slots"),
    (e: Error) => e instanceof TypeError && e.message.includes("options.metric"),
  );
});
