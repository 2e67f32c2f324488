import { equal, ok } from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { locateTraces, tracePath } from "../../src/traces/traces_dir.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

Deno.test("locateTraces() defaults to ../shared/data/traces from the repository root", () => {
  const where = locateTraces({ env: "" });
  equal(where.fromEnv, false);
  equal(where.path, resolve(ROOT, "../shared/data/traces"));
});

Deno.test("locateTraces() takes CAPSIM_TRACES, a relative value from the repository root", () => {
  equal(locateTraces({ env: "/abs/traces" }).path, "/abs/traces");
  const relative = locateTraces({ env: "data/t" });
  ok(relative.fromEnv);
  equal(relative.path, resolve(ROOT, "data/t"));
  equal(relative.exists, false);
});

Deno.test("locateTraces() reports whether the folder exists", () => {
  const dir = Deno.makeTempDirSync();
  try {
    ok(locateTraces({ env: dir }).exists);
    equal(tracePath(locateTraces({ env: dir }), "canonical", "x.csv"), `${dir}/canonical/x.csv`);
  } finally {
    Deno.removeSync(dir);
  }
});
