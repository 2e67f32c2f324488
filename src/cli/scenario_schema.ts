/**
 * `deno task scenario-schema`: regenerates `scenarios/scenario.schema.json` from the zod schema.
 *
 * @module
 */

import { scenarioJsonSchemaText } from "../scenario/json_schema.ts";
import { SCENARIO_SCHEMA_PATH } from "../scenario/paths.ts";

if (import.meta.main) {
  const text = scenarioJsonSchemaText();
  let old = "";
  try {
    old = await Deno.readTextFile(SCENARIO_SCHEMA_PATH);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  if (old === text) {
    console.log(`${SCENARIO_SCHEMA_PATH} is up to date`);
  } else {
    await Deno.writeTextFile(SCENARIO_SCHEMA_PATH, text);
    console.log(`wrote ${SCENARIO_SCHEMA_PATH}`);
  }
}
