import { ok } from "node:assert/strict";
import { accuracyMarkdown } from "../src/capacity/accuracy.ts";
import { replaceAccuracySection } from "../src/cli/accuracy.ts";

const readme = await Deno.readTextFile(new URL("../README.md", import.meta.url));

Deno.test("the README shows the two set-up commands", () => {
  ok(readme.includes("npx -y deno@2.9.6 task sizing"));
  ok(readme.includes("npx -y deno@2.9.6 task test"));
});

Deno.test("the README's accuracy tables are current (regenerate with `deno task accuracy --readme`)", () => {
  ok(readme === replaceAccuracySection(readme, accuracyMarkdown()));
});

Deno.test("the README's scenario example is a valid scenario", async () => {
  const { parseScenario } = await import("../src/scenario/load.ts");
  const blocks = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);
  ok(blocks.length >= 1);
  for (const block of blocks) parseScenario(block, "README.md");
});
