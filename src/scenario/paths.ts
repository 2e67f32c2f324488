/**
 * Where the bundled scenarios live: the folder, the default scenario (what `deno task sizing`
 * runs without a file) and the generated JSON Schema.
 *
 * @example
 * ```ts
 * import { DEFAULT_SCENARIO_PATH } from "./paths.ts";
 * import { ok } from "node:assert/strict";
 * ok(DEFAULT_SCENARIO_PATH.endsWith("scenarios/coding-agent-fleet.json"));
 * ```
 * @module
 */

function pathOf(relative: string): string {
  const url = new URL(relative, import.meta.url);
  return url.protocol === "file:" ? decodeURIComponent(url.pathname) : url.href;
}

/** The folder of the bundled example scenarios (`scenarios/`). */
export const SCENARIOS_DIR: string = pathOf("../../scenarios");

/** The default scenario: a fleet of coding agents (`scenarios/coding-agent-fleet.json`). */
export const DEFAULT_SCENARIO_PATH: string = pathOf("../../scenarios/coding-agent-fleet.json");

/** The generated JSON Schema of scenario files (`scenarios/scenario.schema.json`). */
export const SCENARIO_SCHEMA_PATH: string = pathOf("../../scenarios/scenario.schema.json");
