/**
 * What the report recommends and which budgets it draws. With a Monte Carlo summary the
 * recommendation is the summary's own: per GPU type × KV precision × weight precision, the
 * smallest GPU count whose P(overflow) meets the target and whose TTFT/TPOT at the p99
 * concurrency meet the SLAs. For a static workload (no simulation) it comes from the plans: the
 * smallest count whose HBM slots hold every session of the mix and whose plan TTFT and TPOT meet
 * the scenario's SLAs (P(overflow) is then 0 or 1).
 *
 * @example 25 concurrent sessions of Llama-3.1-8B at fp8 KV need more than one H100.
 * ```ts
 * import { staticRecommendations } from "./recommend.ts";
 * import { sweepPlans } from "../capacity/sweep.ts";
 * import { ok } from "node:assert/strict";
 * const mix = { extreme: 0, heavy: 1, medium: 4, light: 20 };
 * const plans = sweepPlans({ model: "llama-3.1-8b", gpus: ["h100-sxm"], gpuCounts: [1, 2, 4],
 *   kvPrecisions: ["fp8"], weightPrecisions: ["bf16"], workload: mix });
 * const [rec] = staticRecommendations(plans, mix, {});
 * ok(plans[0].plan.hbmSlots < 25 && rec.gpuCount !== null && rec.gpuCount > 1);
 * ```
 * @module
 */

import type { Parallelism } from "../capacity/parallel.ts";
import type { KvPrecision } from "../capacity/precision.ts";
import type { WorkloadMix } from "../capacity/workload.ts";
import { staticGpusNeeded, staticOverflow } from "../scenario/static_load.ts";
import type { SweepRow } from "../capacity/sweep.ts";
import type { BudgetLine } from "../charts/live_kv_chart.ts";
import type { ConfigRisk, MonteCarloSummary } from "../sim/summarize.ts";
import type { ScenarioSlaView } from "./scenario_view.ts";

/** One line of the recommendation table. */
export interface RecommendationRow {
  /** GPU id. */
  gpu: string;
  /** KV precision. */
  kvPrecision: string;
  /** Weight precision. */
  weightPrecision: string;
  /** Smallest GPU count that qualifies; null when none in the grid does. */
  gpuCount: number | null;
  /** `TP4 × PP1 × 1 replica`, when a count qualifies. */
  layout: string | null;
  /** Monthly cost in the scenario's pricing tier, USD. */
  monthlyCostUsd: number | null;
  /** P(overflow) of that configuration. */
  pOverflow: number | null;
  /** KV budget, GiB at the KV precision. */
  budgetGiB: number | null;
  /** TTFT, ms (p99 concurrency for a simulation; the plan's for a static workload). */
  ttftMs: number | null;
  /** TPOT, ms. */
  tpotMs: number | null;
}

/**
 * A layout as text.
 * @param layout tensor/pipeline parallel sizes, replicas, idle GPUs
 * @returns e.g. `TP2 × PP1 × 2 replicas`
 */
export function layoutText(layout: Parallelism): string {
  const replicas = `${layout.replicas} ${layout.replicas === 1 ? "replica" : "replicas"}`;
  const idle = layout.idleGpus > 0 ? ` (+${layout.idleGpus} idle)` : "";
  return `TP${layout.tensorParallel} × PP${layout.pipelineParallel} × ${replicas}${idle}`;
}

/**
 * Recommendation rows from a Monte Carlo summary.
 * @param summary the summary
 * @returns one row per GPU type × KV precision × weight precision
 */
export function summaryRecommendations(summary: MonteCarloSummary): RecommendationRow[] {
  return summary.recommendations.map((r) => {
    const c = r.config;
    return {
      gpu: r.gpu,
      kvPrecision: r.kvPrecision,
      weightPrecision: r.weightPrecision,
      gpuCount: r.gpuCount,
      layout: c ? layoutText(c.layout) : null,
      monthlyCostUsd: c?.monthlyCostUsd ?? null,
      pOverflow: c?.pOverflow ?? null,
      budgetGiB: c?.budgetGiB ?? null,
      ttftMs: c?.ttftMs ?? null,
      tpotMs: c?.tpotMs ?? null,
    };
  });
}

/**
 * Recommendation rows from plans, for a static session population: per GPU type × KV precision
 * × weight precision, the count `staticGpusNeeded` (src/scenario/static_load.ts) picks — the rule
 * the scenario's `gpusNeeded` expectations use.
 * @param plans the sweep
 * @param population sessions per category (the static workload)
 * @param slas the scenario's TTFT/TPOT SLAs
 * @returns one row per GPU type × KV precision × weight precision, in sweep order
 */
export function staticRecommendations(
  plans: readonly SweepRow[],
  population: WorkloadMix,
  slas: ScenarioSlaView,
): RecommendationRow[] {
  const groups = new Map<string, SweepRow[]>();
  for (const r of plans) {
    const key = `${r.gpu}|${r.kvPrecision}|${r.weightPrecision}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((group) => {
    const count = staticGpusNeeded(group, population, slas);
    const p = group.find((r) => r.gpuCount === count)?.plan;
    return {
      gpu: group[0].gpu,
      kvPrecision: group[0].kvPrecision,
      weightPrecision: group[0].weightPrecision,
      gpuCount: count,
      layout: p ? layoutText(p.parallelism) : null,
      monthlyCostUsd: p?.monthlyGpuCostUsd ?? null,
      pOverflow: p ? staticOverflow(p, population) : null,
      budgetGiB: p?.freeHbmForKvGb ?? null,
      ttftMs: p?.ttftMs ?? null,
      tpotMs: p?.tpotMs ?? null,
    };
  });
}

/**
 * The cheapest qualifying row; ties (same monthly cost) go to fewer GPUs, then the lower
 * P(overflow), then the lower TPOT, then table order.
 * @param rows recommendation rows
 * @returns the row, or undefined when none qualifies
 */
export function cheapest(rows: readonly RecommendationRow[]): RecommendationRow | undefined {
  const key = (r: RecommendationRow) => [
    r.monthlyCostUsd ?? Infinity,
    r.gpuCount ?? Infinity,
    r.pOverflow ?? Infinity,
    r.tpotMs ?? Infinity,
  ];
  let best: RecommendationRow | undefined;
  for (const r of rows) {
    if (r.gpuCount === null || r.monthlyCostUsd === null) continue;
    if (best === undefined) {
      best = r;
      continue;
    }
    const [a, b] = [key(r), key(best)];
    const i = a.findIndex((v, k) => v !== b[k]);
    if (i >= 0 && a[i] < b[i]) best = r;
  }
  return best;
}

/** The budgets the live-KV and peak charts draw, and the KV precision they are drawn at. */
export interface ChartBudgets {
  /** KV precision of the charts. */
  kvPrecision: KvPrecision;
  /** The budgets, labelled. */
  budgets: BudgetLine[];
}

/**
 * Chooses the budgets to draw: at the KV precision of the cheapest recommendation (else the
 * grid's first), for each GPU type its recommended configuration and the next smaller GPU count
 * with the same precisions; a GPU type with no qualifying count shows its largest count.
 * @param summary the Monte Carlo summary
 * @returns the KV precision and the budgets (at most two per GPU type)
 */
export function chartBudgets(summary: MonteCarloSummary): ChartBudgets {
  const best = cheapest(summaryRecommendations(summary));
  const kvPrecision =
    (best?.kvPrecision ?? summary.configs[0]?.kvPrecision ?? "bf16") as ConfigRisk["kvPrecision"];
  const gpus = [...new Set(summary.configs.map((c) => c.gpu))];
  const budgets: BudgetLine[] = [];
  const label = (c: ConfigRisk, note: string) =>
    `${c.gpuCount} × ${c.gpu}, weights ${c.weightPrecision}${note}`;
  for (const gpu of gpus) {
    const recs = summary.recommendations
      .filter((r) => r.gpu === gpu && r.kvPrecision === kvPrecision && r.config)
      .sort((a, b) => a.config!.monthlyCostUsd - b.config!.monthlyCostUsd);
    const rec = recs[0]?.config;
    if (rec) {
      const smaller = summary.configs
        .filter((c) =>
          c.gpu === gpu && c.kvPrecision === kvPrecision &&
          c.weightPrecision === rec.weightPrecision && c.gpuCount < rec.gpuCount
        )
        .sort((a, b) => b.gpuCount - a.gpuCount)[0];
      budgets.push({ label: label(rec, " (recommended)"), budgetGiB: rec.budgetGiB });
      if (smaller) budgets.push({ label: label(smaller, ""), budgetGiB: smaller.budgetGiB });
    } else {
      const largest = summary.configs
        .filter((c) => c.gpu === gpu && c.kvPrecision === kvPrecision)
        .sort((a, b) => b.gpuCount - a.gpuCount || b.budgetGiB - a.budgetGiB)[0];
      if (largest) {
        budgets.push({
          label: label(largest, " (largest; not recommended)"),
          budgetGiB: largest.budgetGiB,
        });
      }
    }
  }
  return { kvPrecision, budgets };
}
