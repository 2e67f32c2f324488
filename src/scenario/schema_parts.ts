/**
 * Building blocks of the scenario schema: numbers whose error says what was expected, strict
 * objects that remember their keys (for "did you mean" on unknown keys), and the zod forms of
 * distributions, arrival processes, session shapes, inline models and inline GPUs.
 *
 * Ranges that are easy to state live here (so the generated JSON Schema shows them to editors);
 * the relations between fields (p90 > median, increasing histogram edges, compaction below its
 * threshold) are checked after parsing by the library's own validators (`semantic.ts`).
 *
 * @module
 */

import { z } from "zod";
import type { GpuSpec, ModelArchitecture } from "../catalog/types.ts";
import type { DistributionSpec } from "../random/distributions.ts";
import type { ArrivalSpec } from "../workload/arrivals.ts";
import type { CompactionSpec } from "../workload/session_shape.ts";
import type { ScenarioShape } from "./types.ts";

const expected = (what: string) => ({ error: `expected ${what}` });

/**
 * A number with a range, whose every failure reads `expected <what>`.
 * @param what the expectation, e.g. `a number > 0`
 * @param range bounds: gt, gte, lt, lte
 * @returns the schema
 */
export function num(
  what: string,
  range: { gt?: number; gte?: number; lt?: number; lte?: number } = {},
): z.ZodNumber {
  let s = z.number(expected(what));
  if (range.gt !== undefined) s = s.gt(range.gt, expected(what));
  if (range.gte !== undefined) s = s.gte(range.gte, expected(what));
  if (range.lt !== undefined) s = s.lt(range.lt, expected(what));
  if (range.lte !== undefined) s = s.lte(range.lte, expected(what));
  return s;
}

/**
 * An integer ≥ `min`, whose every failure reads `expected an integer ≥ min`.
 * @param min the smallest value (default 1)
 * @returns the schema
 */
export function int(min = 1): z.ZodNumber {
  const what = `an integer ≥ ${min}`;
  return z.number(expected(what)).int(expected(what)).gte(min, expected(what));
}

/** A number > 0. */
export const positive = (): z.ZodNumber => num("a number > 0", { gt: 0 });
/** A number ≥ 0. */
export const nonNegative = (): z.ZodNumber => num("a number ≥ 0", { gte: 0 });
/** Any finite number. */
export const finite = (): z.ZodNumber => num("a number");
/** A non-empty string. */
export const text = (): z.ZodString =>
  z.string(expected("a non-empty string")).min(1, expected("a non-empty string"));

const KNOWN_KEYS = new WeakMap<object, readonly string[]>();

/**
 * A strict object: unknown keys are issues. The keys it knows are remembered against zod's
 * issue (its `keys` array), so the error can suggest the closest known key.
 * @param shape the fields
 * @returns the schema
 */
export function strict<T extends z.ZodRawShape>(shape: T): z.ZodObject<T, z.core.$strict> {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === "unrecognized_keys") {
        KNOWN_KEYS.set(issue.keys, known);
        return "unknown key";
      }
      if (issue.code === "invalid_type") return "expected an object";
      return undefined;
    },
  });
}

/**
 * The keys the object that raised an `unrecognized_keys` issue knows.
 * @param keys the issue's `keys` array
 * @returns the known keys, or an empty list
 */
export function knownKeys(keys: object): readonly string[] {
  return KNOWN_KEYS.get(keys) ?? [];
}

/**
 * An array of at least `min` items, whose length failure says so.
 * @param item the item schema
 * @param min the fewest items (default 1)
 * @returns the schema
 */
export function list<T extends z.ZodType>(item: T, min = 1): z.ZodArray<T> {
  const what = min === 1 ? "a non-empty array" : `an array of at least ${min} items`;
  return z.array(item, expected(what)).min(min, expected(what));
}

const kind = <K extends string>(k: K) => z.literal(k);

/** Every distribution form (`kind` plus its parameters); recursive through truncated and mixture. */
export const distribution: z.ZodType<DistributionSpec> = z.lazy(() =>
  z.union([
    strict({ kind: kind("fixed"), value: finite() }),
    strict({ kind: kind("uniform"), min: finite(), max: finite() }),
    strict({ kind: kind("normal"), mu: finite(), sigma: positive() }),
    strict({ kind: kind("exponential"), rate: positive() }),
    strict({ kind: kind("exponential"), mean: positive() }),
    strict({ kind: kind("lognormal"), mu: finite(), sigma: positive() }),
    strict({ kind: kind("lognormal"), median: positive(), p90: positive() }),
    strict({ kind: kind("gamma"), shape: positive(), scale: positive() }),
    strict({ kind: kind("pareto"), xm: positive(), alpha: positive() }),
    strict({ kind: kind("empirical"), samples: list(finite()) }),
    strict({ kind: kind("histogram"), edges: list(finite(), 2), counts: list(nonNegative()) }),
    strict({
      kind: kind("truncated"),
      dist: distribution,
      min: finite().optional(),
      max: finite().optional(),
    }),
    strict({
      kind: kind("mixture"),
      components: list(strict({ weight: nonNegative(), dist: distribution })),
    }),
  ])
).meta({
  id: "distribution",
  description: "A distribution: fixed, uniform, normal, exponential, lognormal (mu/sigma or " +
    "median/p90), gamma, pareto, empirical, histogram, truncated or mixture.",
});

/** An arrival process. */
export const arrivals: z.ZodType<ArrivalSpec> = z.union([
  strict({ kind: kind("poisson"), ratePerS: positive() }),
  strict({ kind: kind("piecewise"), ratesPerS: list(nonNegative()), segmentS: positive() }),
  strict({
    kind: kind("bursty"),
    ratePerS: positive(),
    burstFactor: num("a number ≥ 1", { gte: 1 }),
  }),
  strict({ kind: kind("trace"), timesS: z.array(nonNegative(), expected("an array")) }),
]).meta({
  id: "arrivals",
  description:
    "Session arrivals: poisson, piecewise (rates per segment, cycling), bursty or trace.",
});

const fraction = () => num("a number in (0, 1]", { gt: 0, lte: 1 });

/** Context compaction. */
export const compaction: z.ZodType<CompactionSpec> = strict({
  atFraction: fraction().optional(),
  atTokens: int().optional(),
  toFraction: fraction().optional(),
  toTokens: int().optional(),
});

/** A session shape; every field optional (a preset fills the rest). */
export const shape: z.ZodType<ScenarioShape> = strict({
  turns: distribution.optional().describe("Runs per session."),
  firstInputTokens: distribution.optional().describe("Prompt tokens of the first run."),
  newInputTokens: distribution.optional().describe(
    "Tokens each later run adds beyond the history.",
  ),
  outputTokens: distribution.optional().describe("Output tokens per run."),
  thinkTimeS: distribution.optional().describe("Seconds between a run's end and the next start."),
  modelTimeS: distribution.optional().describe("Seconds a run takes."),
  compaction: compaction.optional().describe("Summarise the history near the context limit."),
});

/** An inline model architecture (the catalog's fields; informative ones defaulted). */
export const inlineModel: z.ZodType<ModelArchitecture> = strict({
  id: text(),
  displayName: text().default("custom model"),
  family: text().default("custom"),
  params: z.string(expected("a string")).default(""),
  totalParams: positive(),
  activeParams: positive(),
  layers: int(),
  attentionHeads: int(),
  kvHeads: int(),
  headDim: int(),
  hiddenDim: int(),
  ffnDim: int(0),
  vocabSize: int(),
  tiedEmbeddings: z.boolean(expected("true or false")).default(false),
  maxContext: int(),
  attentionType: z.enum(["mha", "gqa", "mqa", "mla", "hybrid"]),
  mla: strict({
    kvLoraRank: int(),
    qkRopeHeadDim: int(),
    qkNopeHeadDim: int(),
    vHeadDim: int(),
    qLoraRank: int().optional(),
  }).optional(),
  slidingWindow: strict({ window: int(), layers: int() }).optional(),
  moe: strict({
    experts: int(),
    activeExperts: int(),
    expertFfnDim: int(),
    sharedExperts: int(0),
    denseLayers: int(0),
  }).optional(),
  source: z.string(expected("a string")).default("scenario file"),
});

/** An inline GPU spec (datasheet figures; informative ones defaulted). */
export const inlineGpu: z.ZodType<GpuSpec> = strict({
  id: text(),
  name: text().default("custom GPU"),
  hbmGb: nonNegative().default(0),
  memoryGiB: positive(),
  bandwidthTBs: positive(),
  bf16Tflops: positive(),
  fp8Tflops: positive().nullable().default(null),
  int8Tops: positive().nullable().default(null),
  nvlinkBwGBs: nonNegative(),
  source: z.string(expected("a string")).default("scenario file"),
});
