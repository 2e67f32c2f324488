/**
 * The zod schema of a scenario file: structure, types, ranges and defaults. It is the single
 * source of `scenarios/scenario.schema.json` (see `json_schema.ts`); what zod cannot say (ids
 * that must exist in the catalog, relations between fields) is checked in `semantic.ts`.
 *
 * The schema's output type is asserted at compile time to be the hand-written `Scenario` of
 * `types.ts`, so the public API exposes plain interfaces and never a zod type.
 *
 * @module
 */

import { z } from "zod";
import { DEFAULT_ARCHITECTURES } from "../catalog/models.ts";
import { DEFAULT_GPU_SPECS } from "../catalog/gpus.ts";
import { KV_PRECISIONS, WEIGHT_PRECISIONS } from "../capacity/precision.ts";
import { SESSION_CATEGORIES } from "../capacity/workload.ts";
import { CLASSIFICATION_BASES } from "../profiler/profiler_config.ts";
import { PRESET_NAMES } from "../workload/presets.ts";
import {
  arrivals,
  finite,
  inlineGpu,
  inlineModel,
  int,
  list,
  nonNegative,
  num,
  positive,
  shape,
  strict,
  text,
} from "./schema_parts.ts";
import type { Expectation, ExpectationMetric, Scenario } from "./types.ts";

/** Every metric an expectation can name. */
export const EXPECTATION_METRICS: readonly ExpectationMetric[] = [
  "gpusNeeded",
  "pOverflow",
  "peakLiveKvGiB",
  "peakLiveSessions",
  "categoryShare",
  "hbmSlots",
  "nandSlots",
  "totalSessions",
  "restoreLatencyMs",
  "tpotMs",
  "ttftMs",
  "ttftBreachPoint",
  "monthlyCostUsd",
];

/** The comparators of an expectation; exactly one per assertion. */
export const COMPARATORS = [
  "lessOrEqual",
  "greaterOrEqual",
  "lessThan",
  "greaterThan",
  "equal",
  "between",
] as const;

const kvPrecision = z.enum(KV_PRECISIONS as [string, ...string[]]) as z.ZodType<
  Scenario["kvPrecisions"][number]
>;
const weightPrecision = z.enum(WEIGHT_PRECISIONS as [string, ...string[]]) as z.ZodType<
  Scenario["weightPrecisions"][number]
>;

const expectationBase = strict({
  metric: z.enum(EXPECTATION_METRICS as [ExpectationMetric, ...ExpectationMetric[]])
    .describe("What is measured."),
  where: strict({
    gpu: text().optional(),
    gpuCount: int().optional(),
    kvPrecision: kvPrecision.optional(),
    weightPrecision: weightPrecision.optional(),
  }).optional().describe(
    "The configuration read; a dimension with one value in the grid may be left out.",
  ),
  percentile: z.literal([50, 90, 95, 99]).optional()
    .describe("Percentile of the per-trial peak (peakLiveKvGiB, peakLiveSessions)."),
  category: z.enum(SESSION_CATEGORIES as ["light", "medium", "heavy", "extreme"]).optional()
    .describe("Session category (categoryShare)."),
  stat: z.enum(["mean", "p5", "p50", "p95"]).optional()
    .describe("Statistic across trials (categoryShare; default mean)."),
  from: z.enum(["plan", "simulation"]).optional()
    .describe("tpotMs/ttftMs from the plan (default) or the simulation's p99 concurrency."),
  note: z.string().optional().describe("Why this threshold (observed value, margin)."),
  lessOrEqual: finite().optional(),
  greaterOrEqual: finite().optional(),
  lessThan: finite().optional(),
  greaterThan: finite().optional(),
  equal: finite().optional(),
  between: z.tuple([finite(), finite()]).optional(),
});

/** One `expect` assertion: exactly one comparator, `between` ordered. */
export const expectation: z.ZodType<Expectation> = expectationBase.superRefine((e, ctx) => {
  const given = COMPARATORS.filter((c) => e[c] !== undefined);
  if (given.length !== 1) {
    ctx.addIssue({
      code: "custom",
      message: `expected exactly one comparator (${COMPARATORS.join(", ")})`,
      params: {
        expected: `exactly one of ${COMPARATORS.join(", ")}`,
        received: given.length === 0 ? "none" : given.join(", "),
      },
    });
  }
  if (e.between && e.between[0] > e.between[1]) {
    ctx.addIssue({
      code: "custom",
      path: ["between"],
      message: "expected [lo, hi] with lo ≤ hi",
      params: { expected: "[lo, hi] with lo ≤ hi", received: JSON.stringify(e.between) },
    });
  }
}).meta({
  id: "expectation",
  description: "An assertion on the results: a metric, selectors, and exactly one comparator.",
  oneOf: COMPARATORS.map((c) => ({ required: [c] })),
});

/** One component of a simulated workload's mix. */
const mixEntry = strict({
  preset: z.string().meta({ examples: [...PRESET_NAMES] }).optional()
    .describe("A workload preset fitted to a public trace."),
  name: text().optional().describe("Component name (default: the preset's)."),
  weight: positive().default(1).describe("Relative weight."),
  shape: shape.optional().describe(
    "The session shape: all six distributions, or the preset fields to replace.",
  ),
});

const simulated = strict({
  mix: list(mixEntry).describe("Session shapes and their weights."),
  arrivals: arrivals.optional().describe(
    "Arrivals (default: Poisson at the presets' weighted mean rate).",
  ),
  horizonS: positive().default(3600).describe("Simulated time observed after the warm-up, s."),
  warmupS: nonNegative().default(0).describe("Simulated time before observation starts, s."),
  idleTimeoutS: positive().default(3600).describe(
    "Idle time after which a session is not live, s.",
  ),
  classificationBasis: z.enum(CLASSIFICATION_BASES as ["cumulative", "peakContext", "newTokens"])
    .default("cumulative").describe("What classifies sessions into light…extreme."),
  maxSessionsPerTrial: int().optional().describe("Most sessions arriving in one trial."),
});

const population = strict({
  extreme: int(0).default(0),
  heavy: int(0).default(0),
  medium: int(0).default(0),
  light: int(0).default(0),
});

const staticWorkload = strict({
  static: population.describe(
    "A fixed population of concurrent sessions per category, sized at the category midpoints " +
      "clamped to the model context; plans only, no simulation.",
  ),
});

const price = strict({
  perHourOnDemand: nonNegative(),
  perHourReserved: nonNegative().optional(),
  perHourSpot: nonNegative().optional(),
  name: text().optional(),
  asOf: z.string().optional(),
  source: z.string().optional(),
});

/** The whole scenario file. */
export const scenarioSchema = strict({
  $schema: z.string().optional().describe("The JSON Schema: ./scenario.schema.json."),
  name: text().optional().describe("Name (default: the file name)."),
  description: z.string().optional().describe("What this scenario asks, and why its thresholds."),
  model: z.union([
    text().meta({ examples: Object.keys(DEFAULT_ARCHITECTURES) }),
    inlineModel,
  ]).describe("A catalog model id, or an inline architecture."),
  gpus: list(z.union([text().meta({ examples: Object.keys(DEFAULT_GPU_SPECS) }), inlineGpu]))
    .describe("GPU candidates: catalog ids or inline specs."),
  gpuCounts: list(int()).describe("GPU counts to evaluate."),
  kvPrecisions: list(kvPrecision).default(["bf16", "fp8"]).describe("KV cache precisions."),
  weightPrecisions: list(weightPrecision).default(["bf16"]).describe("Weight precisions."),
  engine: strict({
    gpuMemoryUtilization: num("a number in (0, 1]", { gt: 0, lte: 1 }).default(0.9)
      .describe("Fraction of total device memory the engine may use."),
    maxModelLen: int().optional().describe("Longest context served (≤ the model's maximum)."),
    maxNumBatchedTokens: int().optional().describe("Default: vLLM's for the GPU."),
    maxNumSeqs: int().optional().describe("Default: vLLM's for the GPU."),
    blockSize: int().default(16).describe("KV block size, tokens."),
  }).prefault({}).describe("Engine settings (vLLM's, in camel case)."),
  nand: strict({
    perGpuGb: nonNegative().default(0).describe("SSD per GPU, decimal GB (0: none)."),
    bandwidthGBs: positive().default(7).describe("SSD read bandwidth per GPU, GB/s."),
  }).prefault({}).describe("NAND tier sessions can be parked on (plans only)."),
  pricing: strict({
    tier: z.enum(["onDemand", "reserved", "spot"]).default("onDemand")
      .describe("Price tier of every cost."),
    overrides: z.record(z.string(), price).default({}).describe("Prices by GPU id."),
  }).prefault({}).describe("GPU prices (default: the catalog's, on demand)."),
  workload: z.union([simulated, staticWorkload]).describe(
    "A simulated workload (mix, arrivals, horizon) or { static: population }.",
  ),
  monteCarlo: strict({
    trials: int().default(200).describe("Trials."),
    seed: z.union([z.string(), z.number()]).default("capsim").describe("Master seed."),
    workers: int(0).optional().describe("Web Workers (default: the cores; 0: inline)."),
    samples: int().default(120).describe("Grid points per trial over the horizon."),
    testTrials: int().default(20).describe("Trials `deno test` runs (capped at trials)."),
  }).prefault({}).describe("Monte Carlo settings (ignored for a static workload)."),
  slas: strict({
    ttftMs: positive().optional().describe("Time to first token SLA, ms."),
    tpotMs: positive().optional().describe("Time per output token SLA, ms."),
    overflowProbability: num("a probability in [0, 1]", { gte: 0, lte: 1 }).default(0.01)
      .describe("Largest acceptable P(live KV > HBM budget)."),
  }).prefault({}).describe("Service levels and the overflow target."),
  expect: z.array(expectation).default([]).describe("Assertions `deno test` checks."),
}).meta({
  title: "capsim scenario",
  description: "A capacity-planning scenario: model, GPU grid, engine, workload, Monte Carlo " +
    "settings, SLAs and the expectations `deno test` checks.",
});

/** What the schema produces: `Scenario` before the name is filled in from the file. */
export type ParsedScenario = z.output<typeof scenarioSchema>;

// Compile-time check: the schema's output is the hand-written `Scenario` (name still optional).
type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Expected = Omit<Scenario, "name"> & { name?: string };
const schemaMatchesTypes: MutuallyAssignable<ParsedScenario, Expected> = true;
void schemaMatchesTypes;
