import { equal, ok } from "node:assert/strict";
import {
  loadScenario,
  SCENARIO_SCHEMA_PATH,
  scenarioJsonSchemaText,
  SCENARIOS_DIR,
} from "../../src/scenario/mod.ts";

async function exampleFiles(): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(SCENARIOS_DIR)) {
    if (entry.isFile && entry.name.endsWith(".json") && entry.name !== "scenario.schema.json") {
      files.push(entry.name);
    }
  }
  return files.sort();
}

Deno.test("scenarios/scenario.schema.json is current (regenerate with `deno task scenario-schema`)", async () => {
  const onDisk = await Deno.readTextFile(SCENARIO_SCHEMA_PATH);
  ok(
    onDisk === scenarioJsonSchemaText(),
    "scenarios/scenario.schema.json is stale: run `deno task scenario-schema`",
  );
});

Deno.test("the JSON Schema offers the catalog ids and the defaults to editors", () => {
  const schema = JSON.parse(scenarioJsonSchemaText());
  const model = schema.properties.model.anyOf[0];
  ok(model.examples.includes("llama-3.1-70b"));
  equal(schema.properties.engine.properties.gpuMemoryUtilization.default, 0.9);
  equal(schema.properties.slas.properties.overflowProbability.default, 0.01);
  equal(schema.additionalProperties, false);
  ok(schema.$defs.distribution.anyOf.length >= 11);
});

Deno.test("every example scenario validates and references the JSON Schema", async () => {
  const files = await exampleFiles();
  for (
    const name of [
      "seed-example.json",
      "coding-agent-fleet.json",
      "chat-product.json",
      "rag-service.json",
      "research-agent-nand.json",
      "small-model-consumer-gpus.json",
    ]
  ) ok(files.includes(name), `scenarios/${name} is missing`);
  for (const name of files) {
    const scenario = await loadScenario(`${SCENARIOS_DIR}/${name}`);
    equal(scenario.$schema, "./scenario.schema.json", name);
    equal(scenario.name, name.replace(/\.json$/, ""));
    ok((scenario.description ?? "").length > 100, `${name} explains its thresholds`);
    ok(scenario.expect.length > 0, `${name} has expectations`);
  }
});
