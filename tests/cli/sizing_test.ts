import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { parseSizingArgs } from "../../src/cli/args.ts";
import { progressLine } from "../../src/cli/progress.ts";
import { formatTable } from "../../src/cli/table.ts";

const root = new URL("../../", import.meta.url);
const script = new URL("src/cli/sizing.ts", root).pathname;

async function sizing(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", script, ...args],
    cwd: root.pathname,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}

Deno.test("sizing arguments parse, with errors that name the flag", () => {
  deepEqual(parseSizingArgs([]), { json: false, help: false });
  deepEqual(parseSizingArgs(["a.json", "--out=x", "--seed", "7", "--workers", "0"]), {
    scenario: "a.json",
    out: "x",
    seed: "7",
    workers: 0,
    json: false,
    help: false,
  });
  throws(() => parseSizingArgs(["--trials", "0"]), {
    name: "RangeError",
    message: /^--trials: expected an integer ≥ 1; received "0"$/,
  });
  throws(() => parseSizingArgs(["--trials", "2.5"]), {
    name: "RangeError",
    message: /^--trials: expected an integer ≥ 1/,
  });
  throws(() => parseSizingArgs(["--out"]), {
    name: "TypeError",
    message: /^--out: expected a value; received none$/,
  });
  throws(() => parseSizingArgs(["--fast"]), {
    name: "TypeError",
    message: /^--fast: unknown option/,
  });
  throws(() => parseSizingArgs(["a.json", "b.json"]), {
    name: "TypeError",
    message: /^b\.json: expected one scenario file/,
  });
});

Deno.test("the progress bar and tables format as expected", () => {
  equal(progressLine("trials", 0, 4, 4), "trials [----] 0/4");
  equal(progressLine("trials", 4, 4, 4), "trials [####] 4/4");
  equal(formatTable(["a", "n"], [["x", 10]]), "a  n\n-  --\nx  10");
});

Deno.test("sizing --json prints the result and writes the report, the same for any worker count", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = "scenarios/small-model-consumer-gpus.json";
    const a = await sizing(file, "--json", "--trials", "4", "--workers", "0", "--out", `${dir}/a`);
    const b = await sizing(file, "--json", "--trials", "4", "--workers", "2", "--out", `${dir}/b`);
    equal(a.code, 0, a.stderr);
    equal(a.stdout, b.stdout);
    const result = JSON.parse(a.stdout);
    equal(result.name, "small-model-consumer-gpus");
    equal(result.trials, 4);
    for (const name of ["report.html", "summary.json"]) {
      ok((await Deno.stat(`${dir}/a/${name}`)).size > 0);
    }
    const pngs = [...Deno.readDirSync(`${dir}/a`)].filter((e) => e.name.endsWith(".png"));
    ok(pngs.length >= 4, `${pngs.length} PNGs`);
    deepEqual(JSON.parse(await Deno.readTextFile(`${dir}/a/summary.json`)), result);
    ok(/trials in .* s; report: /.test(a.stderr));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("sizing prints a summary table for a static scenario", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const r = await sizing("scenarios/seed-example.json", "--out", dir);
    equal(r.code, 0, r.stderr);
    ok(r.stdout.includes("capsim sizing — seed-example"));
    ok(r.stdout.includes("static workload (plans only)"));
    ok(/expectations: (\d+) of \1 hold/.test(r.stdout));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an unwritable --out is an error before any work starts", async () => {
  const started = performance.now();
  const r = await sizing("--out", "/proc/capsim-cannot-write");
  equal(r.code, 2);
  ok(r.stderr.includes('error: --out: cannot write to "/proc/capsim-cannot-write"'), r.stderr);
  ok(!r.stderr.includes("trials in"));
  ok(performance.now() - started < 15_000);
});

Deno.test("a bad scenario file exits 2 and lists its problems", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const bad = `${dir}/bad.json`;
    await Deno.writeTextFile(
      bad,
      JSON.stringify({ model: "llama-3.1-70", gpus: ["h100-sxm"], gpuCounts: [0] }),
    );
    const r = await sizing(bad);
    equal(r.code, 2);
    ok(r.stderr.includes("bad.json"), r.stderr);
    ok(r.stderr.includes("model"), r.stderr);
    ok(r.stderr.includes("gpuCounts[0]"), r.stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("sizing --help prints the usage", async () => {
  const r = await sizing("--help");
  equal(r.code, 0);
  ok(r.stdout.startsWith("Usage: deno task sizing"));
});
