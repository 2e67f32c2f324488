/**
 * Every scenario in `scenarios/` meets its `expect` block, run with its `monteCarlo.testTrials`
 * trials (capped at `trials`). A failure lists each failed expectation with its observed value.
 */
import { loadScenario, runScenario, SCENARIOS_DIR } from "../../src/scenario/mod.ts";

const files: string[] = [];
for await (const entry of Deno.readDir(SCENARIOS_DIR)) {
  if (entry.isFile && entry.name.endsWith(".json") && entry.name !== "scenario.schema.json") {
    files.push(entry.name);
  }
}
files.sort();

for (const file of files) {
  const name = file.replace(/\.json$/, "");
  Deno.test(`scenario ${name} meets its expectations`, async () => {
    const scenario = await loadScenario(`${SCENARIOS_DIR}/${file}`);
    const mc = scenario.monteCarlo;
    const trials = Math.min(mc.testTrials, mc.trials);
    const result = await runScenario(scenario, { trials, workers: 2 });
    const failed = result.expectations.filter((e) => !e.passed);
    if (failed.length > 0) {
      const lines = failed.map((e) => `  ${e.path}: ${e.description}; observed ${e.observed}`);
      throw new Error(
        `scenarios/${file}: ${failed.length} of ${result.expectations.length} expectations ` +
          `failed (${result.trials} trials)\n${lines.join("\n")}`,
      );
    }
  });
}
