/**
 * The checks zod cannot make: ids that must exist in the catalogs (with close matches), an
 * inline model that contradicts itself, distribution parameters and compaction (run through the
 * library's own `distributionFromSpec`, `compileSessionShape` and `checkArrivals`), duplicated
 * grid values, prices for every GPU in the chosen tier, and expectations whose selectors name
 * nothing in the grid. Every problem becomes an issue with its path; none is thrown alone.
 *
 * They run on whatever parsed cleanly, so a file with a wrong type in one section still has its
 * other sections checked.
 *
 * @module
 */

import { DEFAULT_ARCHITECTURES } from "../catalog/models.ts";
import { DEFAULT_GPU_SPECS } from "../catalog/gpus.ts";
import { DEFAULT_GPU_PRICING } from "../catalog/pricing.ts";
import type { ModelArchitecture } from "../catalog/types.ts";
import { resolveGpu, resolveModel } from "../capacity/resolve.ts";
import { closeMatches, describe } from "../validate.ts";
import { issueFromError, jsonPath, type ScenarioIssue } from "./errors.ts";
import { checkExpectations } from "./semantic_expect.ts";
import { checkWorkload } from "./semantic_workload.ts";
import type { ParsedScenario } from "./schema.ts";

/** Collects issues; `attempt` runs a library check and records what it throws. */
export class IssueList {
  /** The issues so far. */
  readonly issues: ScenarioIssue[] = [];

  /**
   * Adds an issue whose message is `expected …; received …`.
   * @param path JSON path
   * @param expected what the field must be
   * @param received what it is (already rendered)
   * @param message a message to use instead of the default
   */
  add(path: string, expected: string, received: string, message?: string): void {
    this.issues.push({
      path,
      message: message ?? `expected ${expected}; received ${received}`,
      expected,
      received,
    });
  }

  /**
   * Runs a check; an error it throws becomes an issue.
   * @param path the path to use when the error names none
   * @param check the check
   * @returns the check's result, or undefined when it threw
   */
  attempt<T>(path: string, check: () => T): T | undefined {
    try {
      return check();
    } catch (error) {
      if (!(error instanceof TypeError || error instanceof RangeError)) throw error;
      this.issues.push(issueFromError(error, path));
      return undefined;
    }
  }

  /**
   * Reports an unknown catalog id with its closest matches.
   * @param path JSON path
   * @param what the kind of id (`model`, `GPU`, `preset`)
   * @param id the id given
   * @param known the known ids
   */
  unknownId(path: string, what: string, id: string, known: readonly string[]): void {
    const near = closeMatches(id, known);
    const hint = near.length > 0 ? ` (did you mean ${near.map((n) => `"${n}"`).join(", ")}?)` : "";
    this.issues.push({
      path,
      message: `unknown ${what} ${describe(id)}${hint}`,
      expected: `a known ${what} id: ${known.join(", ")}`,
      received: describe(id),
    });
  }

  /**
   * Reports repeated values in a list.
   * @param path the list's path
   * @param values the list
   */
  duplicates(path: string, values: readonly unknown[]): void {
    const seen = new Set<string>();
    values.forEach((v, i) => {
      const key = JSON.stringify(v);
      if (seen.has(key)) this.add(`${path}[${i}]`, "a value not already listed", describe(v));
      seen.add(key);
    });
  }
}

const ATTENTION_HEADS_RULE: Record<string, (m: ModelArchitecture) => string | null> = {
  mha: (
    m,
  ) => (m.kvHeads === m.attentionHeads ? null : `attentionHeads (${m.attentionHeads}) for mha`),
  mqa: (m) => (m.kvHeads === 1 ? null : "1 for mqa"),
  gqa: (
    m,
  ) => (m.attentionHeads % m.kvHeads === 0
    ? null
    : `a divisor of attentionHeads (${m.attentionHeads}) for gqa`),
};

/**
 * The scenario's model, resolved, or undefined with issues recorded.
 * @param model the model field
 * @param list where issues go
 * @returns the architecture
 */
export function checkModel(
  model: string | ModelArchitecture,
  list: IssueList,
): ModelArchitecture | undefined {
  if (typeof model === "string") {
    if (Object.hasOwn(DEFAULT_ARCHITECTURES, model)) return DEFAULT_ARCHITECTURES[model];
    list.unknownId("model", "model", model, Object.keys(DEFAULT_ARCHITECTURES));
    return undefined;
  }
  const arch = list.attempt("model", () => resolveModel(model, "model"));
  const rule = arch && ATTENTION_HEADS_RULE[arch.attentionType];
  const broken = arch && rule ? rule(arch) : null;
  if (broken) list.add("model.kvHeads", broken, describe(model.kvHeads));
  return broken ? undefined : arch;
}

function checkGrid(s: Partial<ParsedScenario>, list: IssueList, model?: ModelArchitecture): void {
  const gpuIds: string[] = [];
  s.gpus?.forEach((gpu, i) => {
    if (typeof gpu === "string") {
      if (Object.hasOwn(DEFAULT_GPU_SPECS, gpu)) gpuIds.push(gpu);
      else list.unknownId(`gpus[${i}]`, "GPU", gpu, Object.keys(DEFAULT_GPU_SPECS));
    } else if (list.attempt(`gpus[${i}]`, () => resolveGpu(gpu, `gpus[${i}]`))) gpuIds.push(gpu.id);
  });
  if (s.gpus) list.duplicates("gpus", s.gpus.map((g) => (typeof g === "string" ? g : g.id)));
  if (s.gpuCounts) list.duplicates("gpuCounts", s.gpuCounts);
  if (s.kvPrecisions) list.duplicates("kvPrecisions", s.kvPrecisions);
  if (s.weightPrecisions) list.duplicates("weightPrecisions", s.weightPrecisions);
  const maxLen = s.engine?.maxModelLen;
  if (model && maxLen !== undefined && maxLen > model.maxContext) {
    list.add(
      "engine.maxModelLen",
      `an integer ≤ the model's maximum context (${model.maxContext})`,
      String(maxLen),
    );
  }
  if (s.pricing && s.gpus) checkPricing(s.pricing, gpuIds, s.gpus.length === gpuIds.length, list);
}

function checkPricing(
  pricing: ParsedScenario["pricing"],
  gpuIds: string[],
  allKnown: boolean,
  list: IssueList,
): void {
  for (const id of Object.keys(pricing.overrides)) {
    if (allKnown && !gpuIds.includes(id)) {
      list.unknownId(jsonPath(["pricing", "overrides", id]), "GPU in gpus", id, gpuIds);
    }
  }
  const field = {
    onDemand: "perHourOnDemand",
    reserved: "perHourReserved",
    spot: "perHourSpot",
  } as const;
  for (const id of gpuIds) {
    const price = pricing.overrides[id] ?? DEFAULT_GPU_PRICING[id];
    if (price?.[field[pricing.tier]] === undefined) {
      list.add(
        jsonPath(["pricing", "overrides", id]),
        `a ${field[pricing.tier]} price for "${id}" (the catalog has ${
          price ? "no such tier" : "no price"
        } for it)`,
        "none",
      );
    }
  }
}

/**
 * Every semantic issue of a (possibly partially) parsed scenario.
 * @param s the sections that parsed
 * @param raw the file's JSON, for sections that did not parse as a whole
 * @returns the issues
 */
export function semanticIssues(s: Partial<ParsedScenario>, raw: unknown): ScenarioIssue[] {
  const list = new IssueList();
  const model = s.model === undefined ? undefined : checkModel(s.model, list);
  checkGrid(s, list, model);
  checkWorkload(s.workload, (raw as { workload?: unknown } | null)?.workload, list);
  checkExpectations(s, (raw as { expect?: unknown } | null)?.expect, list);
  return list.issues;
}
