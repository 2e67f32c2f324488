/**
 * The JSON Schema of scenario files, generated from the zod schema with `z.toJSONSchema` (input
 * side: fields with defaults are optional). `deno task scenario-schema` writes it to
 * `scenarios/scenario.schema.json`; a test fails when the file is stale. Example files point at
 * it with `"$schema": "./scenario.schema.json"`, so editors complete and check their fields.
 *
 * Ids (models, GPUs, presets) are offered as `examples` rather than an `enum`, so an unknown id
 * is reported by capsim with its close matches, not as a bare schema violation.
 *
 * @example
 * ```ts
 * import { scenarioJsonSchema } from "./json_schema.ts";
 * import { ok } from "node:assert/strict";
 * const schema = scenarioJsonSchema();
 * ok((schema.required as string[]).includes("model"));
 * ```
 * @module
 */

import { z } from "zod";
import { scenarioSchema } from "./schema.ts";

/**
 * The scenario JSON Schema (draft 2020-12).
 * @returns the schema as a plain object
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioSchema, { io: "input", target: "draft-2020-12" }) as Record<
    string,
    unknown
  >;
}

/**
 * The scenario JSON Schema as the text of `scenarios/scenario.schema.json`.
 * @returns two-space-indented JSON with a final newline
 */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
