/**
 * The report's tables: the recommendation (with a one-sentence headline), the simulated
 * workload's statistics, every capacity plan of the sweep, and the scenario's expectations
 * with their observed values. Each returns escaped HTML.
 *
 * @example
 * ```ts
 * import { expectationsTable } from "./sections.ts";
 * import { ok } from "node:assert/strict";
 * const html = expectationsTable([{
 *   expectation: { metric: "gpusNeeded" }, path: "expect[0]",
 *   description: "gpusNeeded ≤ 8", observed: 4, passed: true,
 * }]);
 * ok(html.includes("PASS") && html.includes("1 of 1"));
 * ```
 * @module
 */

import type { SweepRow } from "../capacity/sweep.ts";
import type { GpuSpec } from "../catalog/types.ts";
import { formatGiB, formatPercent } from "../charts/theme.ts";
import type { ExpectationResult } from "../scenario/result.ts";
import type { MonteCarloSummary } from "../sim/summarize.ts";
import {
  escapeHtml,
  formatMs,
  formatNumber,
  formatProbability,
  formatUsd,
  htmlTable,
} from "./html.ts";
import { cheapest, type RecommendationRow } from "./recommend.ts";

const TIER_NAMES: Record<string, string> = {
  onDemand: "on demand",
  reserved: "reserved",
  spot: "spot",
};

/** What the recommendation section needs besides its rows. */
export interface RecommendationContext {
  /** GPU specs by id (for product names). */
  gpus: ReadonlyMap<string, GpuSpec>;
  /** The overflow target. */
  target: number;
  /** Trials behind the P(overflow) figures (0 for a static workload). */
  trials: number;
  /** Pricing tier of the costs. */
  tier: string;
  /** The TTFT and TPOT SLAs, ms. */
  slas: { ttftMs?: number; tpotMs?: number };
  /** Sessions of a static workload (undefined for a simulation). */
  staticSessions?: number;
}

function slaText(slas: RecommendationContext["slas"]): string {
  const parts = [
    slas.ttftMs === undefined ? null : `TTFT ≤ ${formatNumber(slas.ttftMs)} ms`,
    slas.tpotMs === undefined ? null : `TPOT ≤ ${formatNumber(slas.tpotMs)} ms`,
  ].filter(Boolean);
  return parts.length ? parts.join(" and ") : "no latency SLA";
}

/**
 * The recommendation headline and table.
 * @param rows one row per GPU type × KV precision × weight precision
 * @param context names, target, trials, tier, SLAs
 * @returns HTML
 */
export function recommendationSection(
  rows: readonly RecommendationRow[],
  context: RecommendationContext,
): string {
  const best = cheapest(rows);
  const tier = TIER_NAMES[context.tier] ?? context.tier;
  const name = (id: string) => context.gpus.get(id)?.name ?? id;
  const rule = context.staticSessions === undefined
    ? `the smallest GPU count whose probability of running out of KV cache is at most ` +
      `${formatProbability(context.target)} over ${context.trials} trials and that meets ` +
      `${slaText(context.slas)} at the p99 concurrency`
    : `the smallest GPU count whose HBM holds all ${formatNumber(context.staticSessions)} ` +
      `sessions of the static mix and whose plan meets ${slaText(context.slas)}`;
  const headline = best
    ? `<p class="headline"><strong>Cheapest: ${best.gpuCount} × ${escapeHtml(name(best.gpu))}` +
      `</strong> with ${escapeHtml(best.kvPrecision)} KV cache and ${
        escapeHtml(best.weightPrecision)
      } weights (${escapeHtml(best.layout ?? "")}) — <strong>${
        formatUsd(best.monthlyCostUsd)
      } a month</strong> ${escapeHtml(tier)}, P(overflow) ${formatProbability(best.pOverflow)}, ` +
      `KV budget ${formatGiB(best.budgetGiB ?? 0)}, TTFT ${formatMs(best.ttftMs)} ms, TPOT ${
        formatMs(best.tpotMs)
      } ms.</p>`
    : `<p class="headline"><strong>No configuration in the grid qualifies.</strong> Add larger ` +
      "GPU counts, lower precisions or relax the targets.</p>";
  const table = htmlTable(
    [
      "GPU",
      "KV",
      "weights",
      "GPUs needed",
      "layout",
      `$/month (${tier})`,
      "P(overflow)",
      "KV budget",
      "TTFT ms",
      "TPOT ms",
    ],
    rows.map((r) => [
      name(r.gpu),
      r.kvPrecision,
      r.weightPrecision,
      r.gpuCount ?? "none in grid",
      r.layout,
      formatUsd(r.monthlyCostUsd),
      formatProbability(r.pOverflow),
      r.budgetGiB === null ? null : formatGiB(r.budgetGiB),
      formatMs(r.ttftMs),
      formatMs(r.tpotMs),
    ]),
    {
      className: "recommendations",
      numeric: [3, 5, 6, 7, 8, 9],
      rowClass: (i) => rows[i] === best ? "best" : rows[i].gpuCount === null ? "none" : undefined,
    },
  );
  return `${headline}<p>For each GPU type and precision pair: ${rule}. The headline is the ` +
    "cheapest of these (ties: fewer GPUs, then lower P(overflow), then lower TPOT).</p>" + table;
}

/**
 * Statistics of the simulated workload, and the mix the plans were sized for.
 * @param summary the Monte Carlo summary
 * @param planMix sessions per category the plans use
 * @returns HTML
 */
export function workloadTable(
  summary: MonteCarloSummary,
  planMix: Record<string, number>,
): string {
  const iv = (i: { mean: number; p5: number; p95: number }, digits = 0) =>
    `${formatNumber(i.mean, digits)} (${formatNumber(i.p5, digits)}–${
      formatNumber(i.p95, digits)
    })`;
  const t = summary.tokensPerRun;
  const mix = Object.entries(planMix).map(([k, v]) => `${k} ${formatNumber(v, 1)}`).join(", ");
  return htmlTable(["quantity", "value"], [
    ["trials", summary.trials],
    ["sessions per trial, mean (90 % interval)", iv(summary.sessionsPerTrial)],
    ["runs per trial, mean (90 % interval)", iv(summary.runsPerTrial)],
    [
      "tokens per run: prompt / uncached prompt / output",
      `${formatNumber(t.prompt)} / ${formatNumber(t.uncachedPrompt)} / ${formatNumber(t.output)}`,
    ],
    [
      "peak live sessions per trial: p50 / p99",
      `${formatNumber(summary.peakLiveSessions.p50)} / ${
        formatNumber(summary.peakLiveSessions.p99)
      }`,
    ],
    [
      "peak live KV per trial at bf16: p50 / p99",
      `${formatGiB(summary.peakLiveKvGiB.p50)} / ${formatGiB(summary.peakLiveKvGiB.p99)}`,
    ],
    [
      "runs in flight: mean / p99",
      `${formatNumber(summary.runsInFlight.mean, 1)} / ${
        formatNumber(summary.runsInFlight.p99, 1)
      }`,
    ],
    [
      "category shares, mean",
      (["light", "medium", "heavy", "extreme"] as const)
        .map((c) => `${c} ${formatPercent(summary.categoryShares[c].mean)}`).join(", "),
    ],
    ["mix the plans are sized for (sessions per category)", mix],
  ]);
}

function shortLayout(l: SweepRow["plan"]["parallelism"]): string {
  const replicas = l.replicas > 1 ? ` ×${l.replicas}` : "";
  return `TP${l.tensorParallel} PP${l.pipelineParallel}${replicas}${
    l.idleGpus ? ` +${l.idleGpus} idle` : ""
  }`;
}

/**
 * Every plan of the sweep as a table, with a sentence that defines its columns.
 * @param plans sweep rows
 * @returns HTML
 */
export function plansTable(plans: readonly SweepRow[]): string {
  const sla = plans[0]?.plan.ttftSlaMs;
  const legend = '<p class="note">Layout: tensor-parallel (TP) and pipeline-parallel (PP) ' +
    "sizes, then ×replicas. KV pool: the engine's KV memory over all GPUs. TTFT: mean time to " +
    "first token with every session of the mix arriving at once; TPOT: time per output token " +
    "with them decoding together (capped at the HBM slots); breach point: the largest number of " +
    `concurrent requests whose mean TTFT meets ${
      sla === undefined ? "the SLA" : `${formatNumber(sla)} ms`
    }. Cost: on demand, per month.</p>`;
  return legend + htmlTable(
    [
      "GPU",
      "GPUs",
      "layout",
      "KV",
      "weights",
      "KV pool GiB",
      "HBM slots",
      "NAND slots",
      "TTFT ms",
      "TPOT ms",
      "breach point",
      "$/month",
      "fits",
    ],
    plans.map(({ gpu, gpuCount, kvPrecision, weightPrecision, plan }) => [
      gpu,
      gpuCount,
      shortLayout(plan.parallelism),
      kvPrecision,
      weightPrecision,
      formatNumber(Math.max(0, plan.freeHbmForKvGb), 1),
      formatNumber(plan.hbmSlots),
      formatNumber(plan.nandSlots),
      plan.fits ? formatMs(plan.ttftMs) : null,
      plan.fits ? formatMs(plan.tpotMs) : null,
      formatNumber(plan.ttftBreachPoint),
      formatUsd(plan.monthlyCostUsd.onDemand),
      plan.fits ? (plan.contextClamped ? "yes (context clamped)" : "yes") : `no: ${plan.reason}`,
    ]),
    {
      className: "plans",
      numeric: [1, 5, 6, 7, 8, 9, 10, 11],
      rowClass: (i) => (plans[i].plan.fits ? undefined : "nofit"),
    },
  );
}

/**
 * The expectations with observed values and pass/fail.
 * @param expectations the scenario's evaluated `expect` block
 * @returns HTML
 */
export function expectationsTable(expectations: readonly ExpectationResult[]): string {
  const passed = expectations.filter((e) => e.passed).length;
  const rows = expectations.map((e) => {
    const note = e.expectation?.note;
    return [
      e.path,
      e.description,
      typeof note === "string" ? note : null,
      e.observed === null
        ? "none"
        : Number.isInteger(e.observed)
        ? formatNumber(e.observed)
        : String(Number(e.observed.toPrecision(4))),
      e.passed ? "PASS" : "FAIL",
    ];
  });
  return `<p><strong class="${
    passed === expectations.length ? "pass" : "fail"
  }">${passed} of ${expectations.length} expectations hold.</strong></p>` +
    htmlTable(["path", "expectation", "note", "observed", "result"], rows, {
      numeric: [3],
      rowClass: (i) => (expectations[i].passed ? "pass" : "fail"),
    });
}
