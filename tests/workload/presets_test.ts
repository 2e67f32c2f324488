/**
 * Self-contained checks of the workload presets (no trace files needed): each one compiles, its
 * arrivals and context are valid, its recorded source statistics are sane and agree with the
 * parameters fitted directly to them, lookups fail with the names listed, and generating a
 * preset is deterministic for a seed.
 */
import { deepEqual, equal, notDeepEqual, ok, throws } from "node:assert/strict";
import { EventBus } from "../../src/events/event_bus.ts";
import {
  distributionFromSpec,
  type DistributionSpec,
  type HistogramSpec,
} from "../../src/random/distributions.ts";
import { createPrng } from "../../src/random/prng.ts";
import { checkArrivals, meanArrivalRate } from "../../src/workload/arrivals.ts";
import {
  lookupPreset,
  PRESET_NAMES,
  type PresetName,
  presetShape,
  type Quantiles,
  WORKLOAD_PRESETS,
} from "../../src/workload/presets.ts";
import { generateTrial, type TrialCounts } from "../../src/workload/session_generator.ts";
import { compileSessionShape } from "../../src/workload/session_shape.ts";

const entries = PRESET_NAMES.map((name) => [name, WORKLOAD_PRESETS[name]] as const);

/** The `{ p50, p90 }` pairs among a preset's recorded statistics, by name. */
function quantilePairs(fitted: Record<string, unknown>): [string, Quantiles][] {
  return Object.entries(fitted).filter((entry): entry is [string, Quantiles] => {
    const v = entry[1] as Partial<Quantiles> | null;
    return typeof v === "object" && v !== null && typeof v.p50 === "number" &&
      typeof v.p90 === "number";
  });
}

/** The lognormal `{ median, p90 }` of a spec, looking through a truncation. */
function lognormalOf(spec: DistributionSpec): { median: number; p90: number } {
  const inner = spec.kind === "truncated" ? spec.dist : spec;
  if (inner.kind !== "lognormal" || !("median" in inner)) {
    throw new TypeError(`expected a lognormal { median, p90 }; received ${JSON.stringify(spec)}`);
  }
  return inner;
}

Deno.test("PRESET_NAMES lists every preset, and each preset carries its own name", () => {
  deepEqual(Object.keys(WORKLOAD_PRESETS), [...PRESET_NAMES]);
  deepEqual([...PRESET_NAMES], ["chat", "rag", "coding-agent", "research-agent"]);
  for (const [name, preset] of entries) equal(preset.name, name);
});

Deno.test("every preset's shape compiles, and its arrivals and context are valid", () => {
  for (const [name, preset] of entries) {
    const shape = compileSessionShape(presetShape(name), `presets.${name}.shape`);
    ok(shape.turns.support.min >= 0.5, `${name}: at least one turn`);
    checkArrivals(preset.arrivals, `presets.${name}.arrivals`);
    ok(meanArrivalRate(preset.arrivals) > 0, `${name}: a positive arrival rate`);
    ok(Number.isInteger(preset.contextTokens) && preset.contextTokens >= 32_768, name);
    ok(preset.description.length > 20 && preset.description.endsWith("."), name);
  }
});

Deno.test("every recorded source statistic is positive with p90 ≥ p50", () => {
  for (const [name, preset] of entries) {
    const pairs = quantilePairs(preset.fitted);
    const keys = pairs.map(([key]) => key);
    for (const required of ["inputTokensPerRun", "outputTokensPerRun", "turnsPerSession"]) {
      ok(keys.includes(required), `${name}: fitted.${required} recorded`);
    }
    for (const [key, q] of pairs) {
      ok(q.p50 > 0 && Number.isFinite(q.p90), `${name}.fitted.${key}: positive p50`);
      ok(q.p90 >= q.p50, `${name}.fitted.${key}: p90 ${q.p90} ≥ p50 ${q.p50}`);
    }
  }
});

Deno.test("every source is an https URL with a licence and the rows it was fitted on", () => {
  for (const [name, preset] of entries) {
    const url = new URL(preset.source.url);
    equal(url.protocol, "https:", name);
    ok(["Apache-2.0", "MIT", "CC-BY-4.0"].includes(preset.source.licence), name);
    ok(/fit rows of canonical\/\w+\.csv/.test(preset.source.fittedOn), name);
    ok(preset.source.dataset.length > 0, name);
  }
});

Deno.test("directly fitted parameters are the recorded statistics", () => {
  for (const [name, preset] of entries) {
    const { shape, fitted } = preset;
    // Output: a lognormal through the source's per-run p50 and p90.
    deepEqual(
      lognormalOf(shape.outputTokens),
      {
        kind: "lognormal",
        median: fitted.outputTokensPerRun.p50,
        p90: fitted.outputTokensPerRun.p90,
      },
      name,
    );
    // Turns: a histogram of the source's sessions, so its counts sum to the session count.
    const turns = shape.turns as HistogramSpec;
    equal(turns.kind, "histogram", name);
    equal(turns.counts.reduce((a, b) => a + b, 0), fitted.sessions, name);
    // First input, where a histogram: weighted by turns, so its counts sum to the run count.
    if (shape.firstInputTokens.kind === "histogram") {
      equal(shape.firstInputTokens.counts.reduce((a, b) => a + b, 0), fitted.runs, name);
    }
    // New input: centred on the source's median of new tokens beyond the history.
    const newInput = shape.newInputTokens;
    const median = newInput.kind === "fixed" ? newInput.value : lognormalOf(newInput).median;
    equal(median, (fitted.newInputTokens as Quantiles).p50, name);
  }
});

Deno.test("model time is Weka's api_time_s or the output at 30 tokens/s", () => {
  for (const name of ["coding-agent", "research-agent"] as const) {
    const { shape, fitted } = WORKLOAD_PRESETS[name];
    const model = fitted.modelTimeS as Quantiles;
    deepEqual(shape.modelTimeS, { kind: "lognormal", median: model.p50, p90: model.p90 });
  }
  for (const name of ["chat", "rag"] as const) {
    const { shape, fitted } = WORKLOAD_PRESETS[name];
    const model = lognormalOf(shape.modelTimeS);
    ok(Math.abs(model.median - fitted.outputTokensPerRun.p50 / 30) < 1e-9, name);
    ok(Math.abs(model.p90 - fitted.outputTokensPerRun.p90 / 30) < 1e-9, name);
  }
});

Deno.test("model time + think time has the source's gap p50 and p90 (within 2 %)", () => {
  // The generator's gap between run starts is an independent model time plus think time.
  const n = 200_000;
  for (const [name, preset] of entries) {
    const model = distributionFromSpec(preset.shape.modelTimeS);
    const think = distributionFromSpec(preset.shape.thinkTimeS);
    const prng = createPrng(`gap/${name}`);
    const gaps = Float64Array.from({ length: n }, () => model.sample(prng) + think.sample(prng));
    gaps.sort();
    const source = preset.fitted.gapS as Quantiles;
    for (const [p, q] of [[0.5, source.p50], [0.9, source.p90]]) {
      const got = gaps[Math.floor(p * (n - 1))];
      ok(Math.abs(got / q - 1) < 0.02, `${name}: gap q${p * 100} ${got} vs ${q}`);
    }
  }
});

Deno.test("the RAG arrivals are the recorded hourly session counts over 7 days", () => {
  const { arrivals, fitted } = WORKLOAD_PRESETS.rag;
  if (arrivals.kind !== "piecewise") throw new TypeError("expected piecewise RAG arrivals");
  const byHour = fitted.sessionsByHourOfDay as number[];
  equal(arrivals.segmentS, 3600);
  equal(arrivals.ratesPerS.length, 24);
  arrivals.ratesPerS.forEach((rate, h) => ok(Math.abs(rate * 7 * 3600 - byHour[h]) < 1e-9));
  // every session of the week starts in some hour: 3,265
  equal(byHour.reduce((a, b) => a + b, 0), fitted.sessions);
  // 3,265 sessions / 168 h = 19.43 sessions per hour on average
  ok(Math.abs(meanArrivalRate(arrivals) * 3600 - 3265 / 168) < 1e-9);
});

Deno.test("the agents' default rates keep about 100 sessions live (Little's law)", () => {
  for (const name of ["coding-agent", "research-agent"] as const) {
    const { arrivals, fitted } = WORKLOAD_PRESETS[name];
    const live = meanArrivalRate(arrivals) * (fitted.sessionDurationMeanS as number);
    ok(Math.abs(live - 100) < 0.5, `${name}: ${live} live sessions`);
  }
});

Deno.test("lookupPreset() and presetShape() reject unknown names, listing the presets", () => {
  for (const lookup of [lookupPreset, presetShape]) {
    throws(() => lookup("coding"), (error: Error) => {
      ok(error instanceof RangeError);
      ok(error.message.startsWith("preset: "), error.message);
      for (const name of PRESET_NAMES) ok(error.message.includes(name), error.message);
      ok(error.message.includes('"coding"'), error.message);
      return true;
    });
    throws(() => lookup(42 as unknown as string), (error: Error) => {
      ok(error instanceof TypeError);
      ok(error.message.startsWith("preset: "), error.message);
      return true;
    });
  }
  throws(() => lookupPreset("constructor"), RangeError); // no inherited keys
});

Deno.test("presets are frozen, and presetShape() returns a copy the caller may change", () => {
  ok(Object.isFrozen(WORKLOAD_PRESETS));
  ok(Object.isFrozen(WORKLOAD_PRESETS.chat.shape.turns));
  throws(() => {
    (WORKLOAD_PRESETS.chat.fitted as Record<string, unknown>).sessions = 0;
  }, TypeError);
  const copy = presetShape("chat");
  copy.outputTokens = { kind: "fixed", value: 1 };
  deepEqual(WORKLOAD_PRESETS.chat.shape.outputTokens, { kind: "lognormal", median: 353, p90: 599 });
  deepEqual(presetShape("rag"), WORKLOAD_PRESETS.rag.shape);
});

function generate(name: PresetName, seed: number): { counts: TrialCounts; promptSum: number } {
  const preset = lookupPreset(name);
  const bus = new EventBus();
  let promptSum = 0;
  bus.on("run.complete", (e) => promptSum += (e.usage as { promptTokens: number }).promptTokens);
  const counts = generateTrial(bus, {
    shapes: [{ name, shape: compileSessionShape(presetShape(name)), weight: 1 }],
    arrivals: preset.arrivals,
    horizonMs: 6 * 3600_000,
    maxContext: preset.contextTokens,
    maxSessions: 300,
    seed,
    trialIndex: 0,
  });
  return { counts, promptSum };
}

Deno.test("generating a preset is deterministic: same seed, same counts and tokens", () => {
  for (const name of PRESET_NAMES) {
    const a = generate(name, 11);
    deepEqual(generate(name, 11), a, name);
    ok(a.counts.runs > 0 && a.promptSum > 0, name);
    notDeepEqual(generate(name, 12), a, name);
  }
});
