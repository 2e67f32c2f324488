/**
 * The architecture's direction: data flows scenario → workload → events → profiler → sim →
 * charts/report, and no module imports from a layer above its own (CONVENTIONS.md, "Layout").
 */
import { ok } from "node:assert/strict";

const RANK: Record<string, number> = {
  "units.ts": 0,
  "validate.ts": 0,
  stats: 0,
  catalog: 1,
  random: 1,
  capacity: 2,
  events: 3,
  traces: 3,
  profiler: 4,
  metrics: 5,
  workload: 5,
  sim: 6,
  scenario: 7,
  charts: 8,
  report: 9,
  cli: 10,
};

const src = new URL("../src/", import.meta.url);

function layerOf(path: string): string {
  return path.split("/")[0];
}

Deno.test("no module imports from a layer above its own", async () => {
  const violations: string[] = [];
  const walk = async (dir: URL, prefix: string) => {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isDirectory) await walk(new URL(`${entry.name}/`, dir), `${prefix}${entry.name}/`);
      else if (entry.name.endsWith(".ts")) {
        const from = `${prefix}${entry.name}`;
        const fromRank = RANK[layerOf(from)];
        ok(fromRank !== undefined, `${from}: its layer has no rank in this test`);
        const text = await Deno.readTextFile(new URL(entry.name, dir));
        for (const m of text.matchAll(/^(?:import|export)[^"]*?from\s+"(\.[^"]+)"/gm)) {
          const target = new URL(m[1], new URL(from, src)).pathname.split("/src/")[1];
          if (target === undefined) continue;
          const rank = RANK[layerOf(target)];
          if (rank > fromRank) violations.push(`${from} imports ${target}`);
        }
      }
    }
  };
  await walk(src, "");
  ok(violations.length === 0, violations.join("\n"));
});
