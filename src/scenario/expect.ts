/**
 * Evaluates a scenario's `expect` block against its results: each assertion's observed value,
 * a one-line description (`gpusNeeded where gpu=h100-sxm, kvPrecision=fp8 ≤ 8`) and whether it
 * holds. An observed value of `null` (no GPU count in the grid suffices, no NAND tier, no single
 * configuration matches) fails every comparison.
 *
 * Where the metrics come from:
 *
 * | metric | simulated workload | static workload |
 * | --- | --- | --- |
 * | `gpusNeeded` | the summary's recommendation (overflow target + SLAs) | smallest count holding the population (`staticGpusNeeded`) |
 * | `pOverflow` | the summary's configuration | 0 or 1 (`staticOverflow`) |
 * | `peakLiveKvGiB` | percentile of the per-trial peak, × KV precision bytes ÷ bf16's | the population's KV |
 * | `peakLiveSessions` | percentile of the per-trial peak | the population |
 * | `categoryShare` | the summary's share (`stat`, default mean) | the population's share |
 * | `tpotMs`, `ttftMs` | the plan's, or with `from: "simulation"` the summary's at p99 concurrency | the plan's |
 * | `hbmSlots` … `monthlyCostUsd` | the plan's (`monthlyCostUsd` = `monthlyGpuCostUsd`, in the scenario's tier) | the same |
 *
 * @example
 * ```ts
 * import { describeExpectation } from "./expect.ts";
 * import { equal } from "node:assert/strict";
 * equal(
 *   describeExpectation({ metric: "gpusNeeded", where: { gpu: "h100-sxm", kvPrecision: "fp8" }, lessOrEqual: 8 }),
 *   "gpusNeeded where gpu=h100-sxm, kvPrecision=fp8 ≤ 8",
 * );
 * ```
 * @module
 */

import type { SweepRow } from "../capacity/sweep.ts";
import { mixTotal } from "../capacity/workload.ts";
import { kvPrecisionScale } from "../sim/trial.ts";
import type { ExpectationResult, ScenarioResult } from "./result.ts";
import { staticGpusNeeded, staticLiveKvGiB, staticOverflow } from "./static_load.ts";
import type { Expectation, ExpectationWhere, Scenario } from "./types.ts";

/** What `evaluateExpectations` reads: a scenario result, with or without its expectations. */
export type ObservedResult = Omit<ScenarioResult, "expectations">;

const SYMBOLS = {
  lessOrEqual: "≤",
  greaterOrEqual: "≥",
  lessThan: "<",
  greaterThan: ">",
  equal: "=",
} as const;

/**
 * One line describing an assertion.
 * @param e the assertion
 * @returns e.g. `peakLiveKvGiB p99 where kvPrecision=fp8 < 150`
 */
export function describeExpectation(e: Expectation): string {
  const parts: string[] = [e.metric];
  if (e.percentile !== undefined) parts.push(`p${e.percentile}`);
  if (e.category !== undefined) parts.push(e.category, e.stat ?? "mean");
  if (e.from === "simulation") parts.push("(simulation)");
  const where = Object.entries(e.where ?? {}).map(([k, v]) => `${k}=${v}`);
  if (where.length > 0) parts.push(`where ${where.join(", ")}`);
  for (const [key, symbol] of Object.entries(SYMBOLS)) {
    const value = e[key as keyof typeof SYMBOLS];
    if (value !== undefined) parts.push(`${symbol} ${value}`);
  }
  if (e.between) parts.push(`between ${e.between[0]} and ${e.between[1]}`);
  return parts.join(" ");
}

function matches(row: Record<keyof ExpectationWhere, unknown>, where: ExpectationWhere): boolean {
  return (Object.keys(where) as (keyof ExpectationWhere)[])
    .every((k) => where[k] === undefined || row[k] === where[k]);
}

function single<T>(rows: T[]): T | null {
  return rows.length === 1 ? rows[0] : null;
}

function gpusNeeded(result: ObservedResult, where: ExpectationWhere): number | null {
  const slas = (result.scenario as Partial<Scenario>).slas ?? { overflowProbability: 0.01 };
  if (result.summary) {
    return single(
      result.summary.recommendations.filter((r) => matches({ ...r, gpuCount: undefined }, where)),
    )?.gpuCount ??
      null;
  }
  const rows = result.plans.filter((r) => matches(r, where));
  const groups = new Set(rows.map((r) => `${r.gpu}|${r.kvPrecision}|${r.weightPrecision}`));
  return groups.size === 1 ? staticGpusNeeded(rows, result.planMix, slas) : null;
}

const PLAN_FIELDS = {
  hbmSlots: (r: SweepRow) => r.plan.hbmSlots,
  nandSlots: (r: SweepRow) => r.plan.nandSlots,
  totalSessions: (r: SweepRow) => r.plan.totalSessions,
  restoreLatencyMs: (r: SweepRow) => r.plan.restoreLatencyMs,
  tpotMs: (r: SweepRow) => r.plan.tpotMs,
  ttftMs: (r: SweepRow) => r.plan.ttftMs,
  ttftBreachPoint: (r: SweepRow) => r.plan.ttftBreachPoint,
  monthlyCostUsd: (r: SweepRow) => r.plan.monthlyGpuCostUsd,
} as const;

/**
 * The observed value of one assertion's metric.
 * @param result the scenario's results
 * @param e the assertion
 * @returns the value, or null when there is none
 */
export function observe(result: ObservedResult, e: Expectation): number | null {
  const where = e.where ?? {};
  const summary = result.summary;
  const row = () => single(result.plans.filter((r) => matches(r, where)));
  const mix = result.planMix;
  switch (e.metric) {
    case "gpusNeeded":
      return gpusNeeded(result, where);
    case "pOverflow": {
      if (summary) {
        return single(summary.configs.filter((c) => matches(c, where)))?.pOverflow ?? null;
      }
      const r = row();
      return r ? staticOverflow(r.plan, mix) : null;
    }
    case "peakLiveKvGiB": {
      const scale = kvPrecisionScale(where.kvPrecision ?? "bf16");
      const key = `p${e.percentile ?? 99}` as "p50" | "p90" | "p95" | "p99";
      if (summary) return summary.peakLiveKvGiB[key] * scale;
      const any = result.plans[0];
      return any ? staticLiveKvGiB(any.plan, mix, where.kvPrecision) : null;
    }
    case "peakLiveSessions": {
      const key = `p${e.percentile ?? 99}` as "p50" | "p90" | "p95" | "p99";
      return summary ? summary.peakLiveSessions[key] : mixTotal(mix);
    }
    case "categoryShare": {
      const category = e.category ?? "extreme";
      if (summary) return summary.categoryShares[category][e.stat ?? "mean"];
      const total = mixTotal(mix);
      return total === 0 ? null : mix[category] / total;
    }
    default: {
      if ((e.metric === "tpotMs" || e.metric === "ttftMs") && e.from === "simulation") {
        const config = summary ? single(summary.configs.filter((c) => matches(c, where))) : null;
        return config ? config[e.metric] : null;
      }
      const r = row();
      return r ? PLAN_FIELDS[e.metric](r) : null;
    }
  }
}

/**
 * Whether an observed value satisfies an assertion's comparator (null never does).
 * @param e the assertion
 * @param observed the value
 * @returns true when it holds
 */
export function holds(e: Expectation, observed: number | null): boolean {
  if (observed === null || Number.isNaN(observed)) return false;
  if (e.lessOrEqual !== undefined) return observed <= e.lessOrEqual;
  if (e.greaterOrEqual !== undefined) return observed >= e.greaterOrEqual;
  if (e.lessThan !== undefined) return observed < e.lessThan;
  if (e.greaterThan !== undefined) return observed > e.greaterThan;
  if (e.equal !== undefined) return observed === e.equal;
  if (e.between !== undefined) return observed >= e.between[0] && observed <= e.between[1];
  return false;
}

const WHY_NULL: Record<string, string> = {
  gpusNeeded: "no GPU count in the grid meets the overflow target and the SLAs",
  restoreLatencyMs: "no NAND tier",
  default: "no single configuration of the grid matches",
};

/**
 * Evaluates assertions against a scenario's results.
 * @param result the results (summary, plans, plan mix; the scenario for its SLAs)
 * @param expect the assertions (default: the scenario's own `expect` block)
 * @returns one result per assertion, in order, each with its observed value
 */
export function evaluateExpectations(
  result: ObservedResult,
  expect: readonly Expectation[] = (result.scenario as Partial<Scenario>).expect ?? [],
): ExpectationResult[] {
  return expect.map((e, i) => {
    const observed = observe(result, e);
    const unmatched = observed === null
      ? ` (no value: ${WHY_NULL[e.metric] ?? WHY_NULL.default})`
      : "";
    return {
      expectation: { ...e } as Record<string, unknown>,
      path: `expect[${i}]`,
      description: describeExpectation(e) + unmatched,
      observed,
      passed: holds(e, observed),
    };
  });
}
