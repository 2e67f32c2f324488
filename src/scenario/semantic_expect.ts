/**
 * Semantic checks of the `expect` block: each metric's own fields (a percentile for the peaks,
 * a category for shares), `where` keys the metric uses, and selectors that name a configuration
 * of the grid — or may be left out because that dimension has a single value. What can be known
 * at load time is an issue here; the rest (no GPU count suffices) is a failed expectation later.
 *
 * @module
 */

import { KV_PRECISIONS } from "../capacity/precision.ts";
import { describe } from "../validate.ts";
import { expectation, type ParsedScenario } from "./schema.ts";
import type { IssueList } from "./semantic.ts";
import {
  type Expectation,
  type ExpectationMetric,
  type ExpectationWhere,
  isStaticWorkload,
} from "./types.ts";

type WhereKey = keyof ExpectationWhere;

const CONFIG: WhereKey[] = ["gpu", "gpuCount", "kvPrecision", "weightPrecision"];

/** The `where` keys each metric reads. */
export const WHERE_KEYS: Readonly<Record<ExpectationMetric, readonly WhereKey[]>> = {
  gpusNeeded: ["gpu", "kvPrecision", "weightPrecision"],
  pOverflow: CONFIG,
  peakLiveKvGiB: ["kvPrecision"],
  peakLiveSessions: [],
  categoryShare: [],
  hbmSlots: CONFIG,
  nandSlots: CONFIG,
  totalSessions: CONFIG,
  restoreLatencyMs: CONFIG,
  tpotMs: CONFIG,
  ttftMs: CONFIG,
  ttftBreachPoint: CONFIG,
  monthlyCostUsd: CONFIG,
};

const FIELD_METRICS: Record<"percentile" | "category" | "stat" | "from", ExpectationMetric[]> = {
  percentile: ["peakLiveKvGiB", "peakLiveSessions"],
  category: ["categoryShare"],
  stat: ["categoryShare"],
  from: ["tpotMs", "ttftMs"],
};

/** The grid's values per selector dimension. */
export function gridValues(s: Partial<ParsedScenario>): Partial<Record<WhereKey, unknown[]>> {
  return {
    gpu: s.gpus?.map((g) => (typeof g === "string" ? g : g.id)),
    gpuCount: s.gpuCounts,
    kvPrecision: s.kvPrecisions,
    weightPrecision: s.weightPrecisions,
  };
}

function checkFields(e: Expectation, at: string, staticLoad: boolean, list: IssueList): void {
  for (const [field, metrics] of Object.entries(FIELD_METRICS)) {
    const value = e[field as keyof typeof FIELD_METRICS];
    if (value !== undefined && !metrics.includes(e.metric)) {
      list.add(
        `${at}.${field}`,
        `no ${field} (only ${metrics.join(", ")} take one)`,
        describe(value),
      );
    }
  }
  if (e.percentile === undefined && FIELD_METRICS.percentile.includes(e.metric)) {
    list.add(`${at}.percentile`, "one of 50, 90, 95, 99", "nothing");
  }
  if (e.category === undefined && e.metric === "categoryShare") {
    list.add(`${at}.category`, `one of "light", "medium", "heavy", "extreme"`, "nothing");
  }
  if (e.from === "simulation" && staticLoad) {
    list.add(`${at}.from`, `"plan" (a static workload is not simulated)`, `"simulation"`);
  }
}

function checkWhere(
  e: Expectation,
  at: string,
  grid: Partial<Record<WhereKey, unknown[]>>,
  list: IssueList,
): void {
  const allowed = WHERE_KEYS[e.metric];
  const where = e.where ?? {};
  for (const key of Object.keys(where) as WhereKey[]) {
    if (!allowed.includes(key)) {
      const uses = allowed.length === 0 ? "no where" : `only ${allowed.join(", ")}`;
      list.add(`${at}.where.${key}`, `no ${key} (${e.metric} uses ${uses})`, describe(where[key]));
    }
  }
  for (const key of allowed) {
    const values: readonly unknown[] | undefined =
      key === "kvPrecision" && e.metric === "peakLiveKvGiB" ? KV_PRECISIONS : grid[key];
    if (values === undefined) continue; // that grid section has its own issue
    const value = where[key];
    const options = values.map((v) => describe(v)).join(", ");
    if (value === undefined) {
      if (values.length > 1 && e.metric !== "peakLiveKvGiB") {
        list.add(`${at}.where.${key}`, `one of ${options} (the grid has several)`, "nothing");
      }
    } else if (!values.includes(value)) {
      list.add(`${at}.where.${key}`, `one of ${options} (the grid's values)`, describe(value));
    }
  }
}

/**
 * Checks every expectation that parsed against its metric's rules and the scenario's grid.
 * @param s the parsed sections (for the grid and the workload)
 * @param raw the `expect` block as written (each assertion is parsed on its own)
 * @param list where issues go
 */
export function checkExpectations(s: Partial<ParsedScenario>, raw: unknown, list: IssueList): void {
  if (!Array.isArray(raw)) return;
  const grid = gridValues(s);
  const staticLoad = s.workload !== undefined && isStaticWorkload(s.workload);
  raw.forEach((item, i) => {
    const parsed = expectation.safeParse(item);
    if (!parsed.success) return;
    checkFields(parsed.data, `expect[${i}]`, staticLoad, list);
    checkWhere(parsed.data, `expect[${i}]`, grid, list);
  });
}
