/**
 * Reads what the report needs from a parsed scenario (`ScenarioResult.scenario`, a plain JSON
 * object) without depending on the scenario schema's types: the settings as a flat table, the
 * presets used, the SLAs, the pricing tier and price overrides. Fields that are absent are
 * simply left out, so the report renders any scenario version.
 *
 * @example
 * ```ts
 * import { presetNames, settingsRows } from "./scenario_view.ts";
 * import { deepEqual } from "node:assert/strict";
 * const scenario = {
 *   name: "x", model: "llama-3.1-8b", gpuCounts: [1, 2],
 *   workload: { mix: [{ preset: "chat", weight: 1 }], horizonS: 3600 },
 * };
 * deepEqual(presetNames(scenario), ["chat"]);
 * deepEqual(settingsRows(scenario).slice(0, 2), [["model", "llama-3.1-8b"], ["gpuCounts", "1, 2"]]);
 * ```
 * @module
 */

/** Keys the settings table leaves out (shown elsewhere in the report). */
const SKIPPED = new Set(["$schema", "name", "description", "expect"]);

const MAX_VALUE_CHARS = 160;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function compact(value: unknown): string {
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== "object")) {
    return value.map((v) => String(v)).join(", ");
  }
  if (typeof value === "string") return value;
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

/**
 * The scenario's settings as `[path, value]` rows: nested objects flattened to dotted paths up
 * to four levels, arrays of plain values joined, deeper structures as compact JSON.
 * @param scenario the parsed scenario
 * @returns rows in the scenario's key order
 */
export function settingsRows(scenario: Record<string, unknown>): [string, string][] {
  const rows: [string, string][] = [];
  const walk = (value: unknown, path: string, depth: number) => {
    if (isRecord(value) && depth < 4 && Object.keys(value).length > 0) {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k, depth + 1);
    } else if (
      Array.isArray(value) && depth < 4 && value.length > 0 && value.length <= 8 &&
      value.every(isRecord)
    ) {
      value.forEach((v, i) => walk(v, `${path}[${i}]`, depth + 1));
    } else if (!(isRecord(value) && Object.keys(value).length === 0)) {
      rows.push([path, compact(value)]);
    }
  };
  for (const [k, v] of Object.entries(isRecord(scenario) ? scenario : {})) {
    if (!SKIPPED.has(k)) walk(v, k, 1);
  }
  return rows;
}

/**
 * The workload presets a scenario uses (`workload.mix[].preset`), in order, without repeats.
 * @param scenario the parsed scenario
 * @returns preset names
 */
export function presetNames(scenario: Record<string, unknown>): string[] {
  const workload = isRecord(scenario) ? scenario.workload : undefined;
  const mix = isRecord(workload) && Array.isArray(workload.mix) ? workload.mix : [];
  const names = mix.map((m) => (isRecord(m) ? m.preset : undefined))
    .filter((p): p is string => typeof p === "string");
  return [...new Set(names)];
}

/** SLAs as the scenario states them (absent ones undefined). */
export interface ScenarioSlaView {
  /** TTFT SLA, ms. */
  ttftMs?: number;
  /** TPOT SLA, ms. */
  tpotMs?: number;
  /** Largest acceptable P(overflow). */
  overflowProbability?: number;
}

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/**
 * The scenario's SLAs (`slas.ttftMs`, `slas.tpotMs`, `slas.overflowProbability`).
 * @param scenario the parsed scenario
 * @returns the SLAs found
 */
export function scenarioSlas(scenario: Record<string, unknown>): ScenarioSlaView {
  const slas = isRecord(scenario?.slas) ? scenario.slas : {};
  return {
    ttftMs: num(slas.ttftMs),
    tpotMs: num(slas.tpotMs),
    overflowProbability: num(slas.overflowProbability),
  };
}

/**
 * The pricing tier costs are quoted in (`pricing.tier`, default `onDemand`).
 * @param scenario the parsed scenario
 * @returns `onDemand`, `reserved` or `spot`
 */
export function pricingTier(scenario: Record<string, unknown>): string {
  const pricing = isRecord(scenario?.pricing) ? scenario.pricing : {};
  return typeof pricing.tier === "string" ? pricing.tier : "onDemand";
}

/**
 * Prices the scenario gives per GPU id (`pricing.overrides`).
 * @param scenario the parsed scenario
 * @returns overrides by GPU id (empty when none)
 */
export function priceOverrides(
  scenario: Record<string, unknown>,
): Record<string, Record<string, unknown>> {
  const pricing = isRecord(scenario?.pricing) ? scenario.pricing : {};
  const overrides = isRecord(pricing.overrides) ? pricing.overrides : {};
  const out: Record<string, Record<string, unknown>> = {};
  for (const [id, v] of Object.entries(overrides)) if (isRecord(v)) out[id] = v;
  return out;
}

/**
 * The scenario's description, when it has one.
 * @param scenario the parsed scenario
 * @returns the description or undefined
 */
export function scenarioDescription(scenario: Record<string, unknown>): string | undefined {
  return typeof scenario?.description === "string" ? scenario.description : undefined;
}
