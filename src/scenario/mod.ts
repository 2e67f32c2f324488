/**
 * Scenario files: a JSON description of a capacity question — model, GPU grid, engine, workload,
 * Monte Carlo settings, SLAs — and the expectations its answer must meet. `parseScenario` and
 * `loadScenario` read one (every problem reported at once, with its path, in a `ScenarioError`);
 * `runScenario` simulates it, summarises it over the grid, plans every configuration and
 * evaluates its expectations into a `ScenarioResult`.
 *
 * The file format (`scenarios/scenario.schema.json` is generated from the schema; examples in
 * `scenarios/`):
 *
 * | key | what | default |
 * | --- | --- | --- |
 * | `$schema` | `"./scenario.schema.json"`, for editors | — |
 * | `name`, `description` | name; what is asked and why the thresholds | file name; — |
 * | `model` | catalog id or inline architecture | required |
 * | `gpus`, `gpuCounts` | GPU candidates (ids or inline specs) and counts | required |
 * | `kvPrecisions`, `weightPrecisions` | precisions to evaluate | `["bf16", "fp8"]`, `["bf16"]` |
 * | `engine` | `gpuMemoryUtilization`, `maxModelLen`, `maxNumBatchedTokens`, `maxNumSeqs`, `blockSize` | 0.9, model's, vLLM's, vLLM's, 16 |
 * | `nand` | `perGpuGb`, `bandwidthGBs` (plans only) | 0, 7 |
 * | `pricing` | `tier`, `overrides` by GPU id | `onDemand`, catalog prices |
 * | `workload` | `{ mix, arrivals, horizonS, warmupS, idleTimeoutS, classificationBasis }` or `{ static: { extreme, heavy, medium, light } }` | arrivals: the presets' rate; 3,600 s; 0; 3,600 s; cumulative |
 * | `monteCarlo` | `trials`, `seed`, `workers`, `samples`, `testTrials` | 200, `"capsim"`, cores, 120, 20 |
 * | `slas` | `ttftMs`, `tpotMs`, `overflowProbability` | none, none, 0.01 |
 * | `expect` | `{ metric, where?, percentile?, category?, stat?, from?, note?, <one comparator> }[]` | `[]` |
 *
 * A mix entry is `{ preset, weight }` (a preset's `shape` fields may be replaced) or
 * `{ name, weight, shape }` with all six distributions (then `arrivals` is required). A static
 * workload is a fixed population of concurrent sessions sized at the category midpoints clamped
 * to the model context: plans only, P(overflow) 0 or 1 (see `static_load.ts`).
 *
 * @example A static population (no simulation): the seed's 10 sessions on H100s at fp8 KV.
 * ```ts
 * import { parseScenario, runScenario } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const scenario = parseScenario(JSON.stringify({
 *   model: "llama-3.1-70b", gpus: ["h100-sxm"], gpuCounts: [4, 8], kvPrecisions: ["fp8"],
 *   workload: { static: { extreme: 1, heavy: 2, medium: 3, light: 4 } },
 *   expect: [
 *     { metric: "gpusNeeded", lessOrEqual: 8 },
 *     { metric: "hbmSlots", where: { gpuCount: 4 }, greaterOrEqual: 10 },
 *   ],
 * }));
 * const result = await runScenario(scenario);
 * equal(result.summary, null);
 * // 4 GPUs hold 9 of the 10 sessions (130 GiB of pool ÷ 14.09 GiB each), so 8 are needed
 * equal(result.expectations[0].observed, 8);
 * equal(result.expectations[1].observed, 9);
 * equal(result.expectations[1].passed, false);
 * ```
 * @module
 */

export { ScenarioError, type ScenarioIssue } from "./errors.ts";
export type {
  Expectation,
  ExpectationMetric,
  ExpectationWhere,
  Scenario,
  ScenarioEngine,
  ScenarioMixEntry,
  ScenarioMonteCarlo,
  ScenarioNand,
  ScenarioPrice,
  ScenarioPricing,
  ScenarioShape,
  ScenarioSlas,
  ScenarioWorkload,
  SimulatedWorkload,
  StaticWorkload,
} from "./types.ts";
export { isStaticWorkload } from "./types.ts";
export { loadScenario, parseScenario } from "./load.ts";
export { runScenario, type RunScenarioOptions, scenarioModel, scenarioWorkload } from "./run.ts";
export {
  describeExpectation,
  evaluateExpectations,
  holds,
  observe,
  type ObservedResult,
} from "./expect.ts";
export { staticGpusNeeded, staticLiveKvGiB, staticOverflow } from "./static_load.ts";
export type { ExpectationResult, ScenarioResult } from "./result.ts";
export { scenarioJsonSchema, scenarioJsonSchemaText } from "./json_schema.ts";
export { DEFAULT_SCENARIO_PATH, SCENARIO_SCHEMA_PATH, SCENARIOS_DIR } from "./paths.ts";

// The library types that scenario types mention (the same bindings the root `mod.ts` exports).
export type * from "../catalog/mod.ts";
export type * from "../capacity/mod.ts";
export type * from "../events/mod.ts";
export type * from "../random/mod.ts";
export type * from "../workload/mod.ts";
export type * from "../sim/mod.ts";
export type { ClassificationBasis } from "../profiler/profiler_config.ts";
