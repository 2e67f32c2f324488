import { deepEqual, equal, match, ok, throws } from "node:assert/strict";
import { parseScenario, ScenarioError, type ScenarioIssue } from "../../src/scenario/mod.ts";

/** A valid simulated scenario; tests change one thing at a time. */
function base(): Record<string, unknown> {
  return {
    model: "llama-3.1-8b",
    gpus: ["l4"],
    gpuCounts: [1, 2],
    workload: { mix: [{ preset: "chat" }], horizonS: 600 },
  };
}

function issuesOf(scenario: unknown, file = "test.json"): ScenarioIssue[] {
  const text = typeof scenario === "string" ? scenario : JSON.stringify(scenario, null, 2);
  try {
    parseScenario(text, file);
  } catch (error) {
    ok(error instanceof ScenarioError, `expected a ScenarioError, got ${error}`);
    equal(error.file, file);
    return error.issues;
  }
  throw new Error("expected the scenario to be rejected");
}

function only(issues: ScenarioIssue[]): ScenarioIssue {
  equal(issues.length, 1, JSON.stringify(issues));
  return issues[0];
}

const fixed = (value: number) => ({ kind: "fixed", value });
const shape = {
  turns: fixed(2),
  firstInputTokens: fixed(1000),
  newInputTokens: fixed(100),
  outputTokens: fixed(200),
  thinkTimeS: fixed(5),
  modelTimeS: fixed(2),
};

Deno.test("parseScenario() fills every default", () => {
  const s = parseScenario(JSON.stringify(base()), "scenarios/my-fleet.json");
  equal(s.name, "my-fleet");
  deepEqual(s.kvPrecisions, ["bf16", "fp8"]);
  deepEqual(s.weightPrecisions, ["bf16"]);
  deepEqual(s.engine, { gpuMemoryUtilization: 0.9, blockSize: 16 });
  deepEqual(s.nand, { perGpuGb: 0, bandwidthGBs: 7 });
  deepEqual(s.pricing, { tier: "onDemand", overrides: {} });
  deepEqual(s.monteCarlo, { trials: 200, seed: "capsim", samples: 120, testTrials: 20 });
  deepEqual(s.slas, { overflowProbability: 0.01 });
  deepEqual(s.expect, []);
  deepEqual(s.workload, {
    mix: [{ preset: "chat", weight: 1 }],
    horizonS: 600,
    warmupS: 0,
    idleTimeoutS: 3600,
    classificationBasis: "cumulative",
  });
});

Deno.test("parseScenario() accepts $schema and keeps a name the file gives", () => {
  const s = parseScenario(
    JSON.stringify({ $schema: "./scenario.schema.json", name: "fleet", ...base() }),
    "other.json",
  );
  equal(s.$schema, "./scenario.schema.json");
  equal(s.name, "fleet");
});

Deno.test("parseScenario() fills a static population's missing categories with 0", () => {
  const s = parseScenario(JSON.stringify({ ...base(), workload: { static: { heavy: 2 } } }));
  deepEqual(s.workload, { static: { extreme: 0, heavy: 2, medium: 0, light: 0 } });
  equal(s.name, "scenario");
});

Deno.test("a wrong type names the path, what was expected and what was received", () => {
  const issue = only(issuesOf({ ...base(), gpuCounts: [1, "2"] }));
  deepEqual(issue, {
    path: "gpuCounts[1]",
    message: 'expected an integer ≥ 1; received "2"',
    expected: "an integer ≥ 1",
    received: '"2"',
  });
});

Deno.test("an out-of-range value names its range", () => {
  const issue = only(issuesOf({ ...base(), engine: { gpuMemoryUtilization: 1.5 } }));
  equal(issue.path, "engine.gpuMemoryUtilization");
  equal(issue.expected, "a number in (0, 1]");
  equal(issue.received, "1.5");
  const weight = only(
    issuesOf({ ...base(), workload: { mix: [{ preset: "chat", weight: -1 }] } }),
  );
  equal(weight.path, "workload.mix[0].weight");
  equal(weight.message, "expected a number > 0; received -1");
});

Deno.test("a missing field is received as nothing", () => {
  const { gpus: _, ...rest } = base();
  deepEqual(only(issuesOf(rest)), {
    path: "gpus",
    message: "expected a non-empty array; received nothing",
    expected: "a non-empty array",
    received: "nothing",
  });
});

Deno.test("an unknown key is rejected with the closest known key", () => {
  const top = only(issuesOf({ ...base(), gpuCount: [4] }));
  equal(top.path, "gpuCount");
  equal(top.message, 'unknown key (did you mean "gpuCounts"?)');
  equal(top.received, '"gpuCount"');
  match(top.expected!, /one of the keys .*gpuCounts/);
  const deep = only(issuesOf({ ...base(), monteCarlo: { trails: 10 } }));
  equal(deep.path, "monteCarlo.trails");
  equal(deep.message, 'unknown key (did you mean "trials"?)');
  const inDist = issuesOf({
    ...base(),
    workload: {
      mix: [{ preset: "chat", shape: { outputTokens: { kind: "lognormal", median: 5, p09: 9 } } }],
    },
  });
  deepEqual(inDist.map((i) => `${i.path}: ${i.message}`), [
    'workload.mix[0].shape.outputTokens.p09: unknown key (did you mean "p90"?)',
    "workload.mix[0].shape.outputTokens.p90: expected a number > 0; received nothing",
  ]);
});

Deno.test("an unknown model, GPU or preset id is rejected with close matches", () => {
  const issues = issuesOf({
    ...base(),
    model: "llama-3.1-7b",
    gpus: ["h100"],
    workload: { mix: [{ preset: "coding" }] },
  });
  deepEqual(issues.map((i) => i.path), ["model", "gpus[0]", "workload.mix[0].preset"]);
  match(issues[0].message, /^unknown model "llama-3.1-7b" \(did you mean "llama-3.1-70b"/);
  match(
    issues[1].message,
    /^unknown GPU "h100" \(did you mean "h100-pcie", "h100-sxm", "h200"\?\)/,
  );
  equal(issues[2].message, 'unknown preset "coding" (did you mean "coding-agent"?)');
  equal(issues[2].received, '"coding"');
});

Deno.test("a bad distribution parameter deep in a mixture is reported at its path", () => {
  const turns = {
    kind: "mixture",
    components: [
      { weight: 1, dist: fixed(3) },
      {
        weight: 1,
        dist: { kind: "truncated", min: 1, dist: { kind: "lognormal", median: 100, p90: 50 } },
      },
    ],
  };
  const issue = only(issuesOf({
    ...base(),
    workload: {
      mix: [{ name: "agent", shape: { ...shape, turns } }],
      arrivals: { kind: "poisson", ratePerS: 1 },
    },
  }));
  equal(issue.path, "workload.mix[0].shape.turns.components[1].dist.dist.p90");
  match(issue.expected!, /^a number > .*median \(100\)$/);
  equal(issue.received, "50");
});

Deno.test("an unknown distribution kind lists the kinds", () => {
  const issue = only(issuesOf({
    ...base(),
    workload: { mix: [{ preset: "chat", shape: { turns: { kind: "gama", shape: 1, scale: 2 } } }] },
  }));
  equal(issue.path, "workload.mix[0].shape.turns.kind");
  match(issue.expected!, /^one of "fixed", "uniform", .*"gamma"/);
  equal(issue.received, '"gama"');
});

Deno.test("an explicit shape needs all six distributions and an arrival process", () => {
  const { modelTimeS: _, ...five } = shape;
  const issues = issuesOf({ ...base(), workload: { mix: [{ name: "x", shape: five }] } });
  deepEqual(issues.map((i) => i.path), ["workload.mix[0].shape.modelTimeS", "workload.arrivals"]);
  equal(issues[0].received, "nothing");
});

Deno.test("bad compaction and arrivals are reported by the library's own checks", () => {
  const issues = issuesOf({
    ...base(),
    workload: {
      mix: [{ preset: "chat", shape: { compaction: { atFraction: 0.5, toFraction: 0.7 } } }],
      arrivals: { kind: "trace", timesS: [5, 1] },
    },
  });
  deepEqual(issues.map((i) => i.path), [
    "workload.mix[0].shape.compaction.toFraction",
    "workload.arrivals.timesS[1]",
  ]);
  equal(issues[0].message, "expected < atFraction (0.5); received 0.7");
});

Deno.test("an inline model that contradicts itself is reported", () => {
  const model = {
    id: "mine",
    totalParams: 8e9,
    activeParams: 9e9,
    layers: 32,
    attentionHeads: 32,
    kvHeads: 8,
    headDim: 128,
    hiddenDim: 4096,
    ffnDim: 14336,
    vocabSize: 128256,
    maxContext: 8192,
    attentionType: "gqa",
  };
  const issue = only(issuesOf({ ...base(), model }));
  equal(issue.path, "model.activeParams");
  equal(issue.expected, "≤ totalParams (8000000000)");
  const mha = only(
    issuesOf({ ...base(), model: { ...model, activeParams: 8e9, attentionType: "mha" } }),
  );
  equal(mha.path, "model.kvHeads");
  equal(mha.expected, "attentionHeads (32) for mha");
  parseScenario(JSON.stringify({ ...base(), model: { ...model, activeParams: 8e9 } }));
});

Deno.test("duplicated grid values and a max model length beyond the model are reported", () => {
  const issues = issuesOf({ ...base(), gpuCounts: [1, 1], engine: { maxModelLen: 200_000 } });
  deepEqual(issues.map((i) => i.path), ["gpuCounts[1]", "engine.maxModelLen"]);
  equal(issues[1].expected, "an integer ≤ the model's maximum context (131072)");
});

Deno.test("a GPU with no price in the chosen tier needs an override", () => {
  const gpu = {
    id: "my-gpu",
    memoryGiB: 47.5,
    bandwidthTBs: 0.96,
    bf16Tflops: 181,
    nvlinkBwGBs: 64,
  };
  const issue = only(issuesOf({ ...base(), gpus: [gpu] }));
  equal(issue.path, 'pricing.overrides["my-gpu"]');
  match(issue.expected!, /perHourOnDemand price for "my-gpu"/);
  parseScenario(JSON.stringify({
    ...base(),
    gpus: [gpu],
    pricing: { overrides: { "my-gpu": { perHourOnDemand: 1.2 } } },
  }));
  const typo = issuesOf({ ...base(), pricing: { overrides: { l40: { perHourOnDemand: 1 } } } });
  equal(only(typo).path, "pricing.overrides.l40");
});

Deno.test("a static workload needs at least one session", () => {
  const issue = only(issuesOf({ ...base(), workload: { static: {} } }));
  equal(issue.path, "workload.static");
  equal(issue.expected, "at least one session");
});

Deno.test("an expectation needs exactly one comparator and an ordered between", () => {
  const issues = issuesOf({
    ...base(),
    gpuCounts: [1],
    expect: [
      { metric: "gpusNeeded" },
      { metric: "gpusNeeded", lessThan: 3, greaterThan: 1 },
      { metric: "gpusNeeded", between: [5, 1] },
    ],
  });
  deepEqual(issues.map((i) => i.path), ["expect[0]", "expect[1]", "expect[2].between"]);
  equal(issues[0].received, "none");
  equal(issues[1].received, "lessThan, greaterThan");
  equal(issues[2].received, "[5,1]");
});

Deno.test("an expectation whose where names nothing in the grid is reported at load time", () => {
  const issues = issuesOf({
    ...base(),
    expect: [
      {
        metric: "pOverflow",
        where: { gpu: "h100-sxm", gpuCount: 3, kvPrecision: "fp8" },
        lessOrEqual: 0.01,
      },
      { metric: "hbmSlots", where: { gpuCount: 1 }, greaterOrEqual: 1 },
      { metric: "peakLiveKvGiB", where: { gpu: "l4" }, lessOrEqual: 1 },
      { metric: "categoryShare", lessOrEqual: 1 },
    ],
  });
  deepEqual(issues.map((i) => `${i.path}: ${i.message}`), [
    'expect[0].where.gpu: expected one of "l4" (the grid\'s values); received "h100-sxm"',
    "expect[0].where.gpuCount: expected one of 1, 2 (the grid's values); received 3",
    'expect[1].where.kvPrecision: expected one of "bf16", "fp8" (the grid has several); received nothing',
    'expect[2].where.gpu: expected no gpu (peakLiveKvGiB uses only kvPrecision); received "l4"',
    "expect[2].percentile: expected one of 50, 90, 95, 99; received nothing",
    'expect[3].category: expected one of "light", "medium", "heavy", "extreme"; received nothing',
  ]);
});

Deno.test("invalid JSON is one issue with its line and column", () => {
  const issue = only(issuesOf('{\n  "model": "llama-3.1-8b",\n  "gpus": ["l4",]\n}'));
  deepEqual(issue, {
    path: "",
    message: "invalid JSON: expected a value; found ']'",
    line: 3,
    column: 17,
  });
  throws(() => parseScenario('{ "a": 1,\n}', "broken.json"), ScenarioError);
  throws(
    () => parseScenario("", "empty.json"),
    /empty\.json: 1 problem\n {2}line 1, column 1: invalid JSON/,
  );
});

Deno.test("several mistakes at once are all reported, in file order", () => {
  const issues = issuesOf({
    model: 70,
    gpus: ["h100-sxm", "a100"],
    gpuCounts: [0],
    kvPrecisions: ["fp9"],
    workload: {
      mix: [{ preset: "rag", weight: 0 }, { preset: "chatt" }],
      horizonS: "1h",
    },
    slas: { overflowProbability: 2 },
    expect: [{ metric: "gpuNeeded", lessOrEqual: 4 }],
  });
  deepEqual(issues.map((i) => i.path), [
    "model",
    "gpus[1]",
    "gpuCounts[0]",
    "kvPrecisions[0]",
    "workload.mix[0].weight",
    "workload.mix[1].preset",
    "workload.horizonS",
    "slas.overflowProbability",
    "expect[0].metric",
  ]);
  equal(issues[0].message, "expected a non-empty string or an object; received 70");
  match(issues[8].expected!, /^one of "gpusNeeded", "pOverflow"/);
});

Deno.test("ScenarioError's message lists the file and every issue", () => {
  throws(
    () =>
      parseScenario(
        JSON.stringify({ ...base(), gpuCounts: [0], nand: { perGpuGb: -1 } }),
        "f.json",
      ),
    (e: unknown) => {
      ok(e instanceof ScenarioError);
      equal(e.name, "ScenarioError");
      equal(
        e.message,
        "f.json: 2 problems\n  gpuCounts[0]: expected an integer ≥ 1; received 0\n" +
          "  nand.perGpuGb: expected a number ≥ 0; received -1",
      );
      return true;
    },
  );
});

Deno.test("a file that is not an object, and union fields of the wrong type, say what they accept", () => {
  deepEqual(only(issuesOf("[1, 2]")), {
    path: "",
    message: "expected an object; received [1,2]",
    expected: "an object",
    received: "[1,2]",
  });
  const issues = issuesOf({
    ...base(),
    workload: { mix: [{ preset: "chat" }], arrivals: { kind: "poison", ratePerS: 1 } },
    monteCarlo: { seed: true },
    expect: [{ metric: "peakLiveSessions", percentile: 75, lessThan: 3 }, "x"],
  });
  deepEqual(issues.map((i) => `${i.path}: ${i.message}`), [
    'workload.arrivals.kind: expected one of "poisson", "piecewise", "bursty", "trace"; received "poison"',
    "monteCarlo.seed: expected a string or a number; received true",
    "expect[0].percentile: expected one of 50, 90, 95, 99; received 75",
    'expect[1]: expected an object; received "x"',
  ]);
});
