import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { EventBus } from "../../src/events/event_bus.ts";
import { generateTrial, type GeneratorOptions } from "../../src/workload/session_generator.ts";
import { compileSessionShape, type SessionShapeSpec } from "../../src/workload/session_shape.ts";

const fixed = (value: number) => ({ kind: "fixed" as const, value });
const base: SessionShapeSpec = {
  turns: fixed(3),
  firstInputTokens: fixed(1000),
  newInputTokens: fixed(100),
  outputTokens: fixed(50),
  thinkTimeS: fixed(2),
  modelTimeS: fixed(1),
};
const ln = (median: number, p90: number) => ({ kind: "lognormal" as const, median, p90 });
const varied: SessionShapeSpec = {
  turns: ln(8, 30),
  firstInputTokens: ln(3000, 20000),
  newInputTokens: ln(300, 3000),
  outputTokens: ln(200, 800),
  thinkTimeS: ln(5, 60),
  modelTimeS: ln(3, 12),
};

function options(shape: SessionShapeSpec, extra: Partial<GeneratorOptions> = {}): GeneratorOptions {
  return {
    shapes: [{ name: "s", shape: compileSessionShape(shape), weight: 1 }],
    arrivals: { kind: "poisson", ratePerS: 1 },
    horizonMs: 600_000,
    maxContext: 131_072,
    seed: "test",
    trialIndex: 0,
    ...extra,
  };
}

type Recorded = [string, Record<string, unknown>];
function record(bus: EventBus, withStarts = false): Recorded[] {
  const events: Recorded[] = [];
  for (
    const name of ["run.complete", "session.end", ...(withStarts ? ["run.start"] : [])] as const
  ) {
    bus.on(name, (e) => events.push([name, e as unknown as Record<string, unknown>]));
  }
  return events;
}

Deno.test("a session's prompt grows by the previous output and the new input, and the history is cached", () => {
  const bus = new EventBus();
  const events = record(bus, true);
  const counts = generateTrial(bus, options(base, { arrivals: { kind: "trace", timesS: [10] } }));
  const runs = events.filter(([n]) => n === "run.complete").map(([, e]) => e);
  deepEqual(runs.map((e) => e.usage), [
    { promptTokens: 1000, completionTokens: 50, totalTokens: 1050, cachedTokens: 0 },
    { promptTokens: 1150, completionTokens: 50, totalTokens: 1200, cachedTokens: 1050 },
    { promptTokens: 1300, completionTokens: 50, totalTokens: 1350, cachedTokens: 1200 },
  ]);
  // Starts at 10 s, 13 s, 16 s; each run takes 1 s, then 2 s of thinking.
  deepEqual(events.map(([n, e]) => `${n}@${e.at}`), [
    "run.start@10000",
    "run.complete@11000",
    "run.start@13000",
    "run.complete@14000",
    "run.start@16000",
    "run.complete@17000",
    "session.end@17000",
  ]);
  equal(counts.runs, 3);
  equal(counts.endedSessions, 1);
  equal(counts.promptTokens, 3450);
  equal(counts.uncachedPromptTokens, 3450 - 2250);
});

Deno.test("events come in time order across concurrent sessions", () => {
  const bus = new EventBus();
  const events = record(bus, true);
  generateTrial(bus, options(varied, { arrivals: { kind: "poisson", ratePerS: 5 } }));
  ok(events.length > 10_000);
  for (let i = 1; i < events.length; i++) {
    ok(
      (events[i][1].at as number) >= (events[i - 1][1].at as number),
      `event ${i} goes back in time`,
    );
  }
});

Deno.test("compaction summarises the history when a prompt nears the context limit", () => {
  const bus = new EventBus();
  const events = record(bus);
  const shape = {
    ...base,
    turns: fixed(6),
    newInputTokens: fixed(3000),
    compaction: { atFraction: 0.8, toFraction: 0.25 },
  };
  const counts = generateTrial(
    bus,
    options(shape, { maxContext: 10_000, arrivals: { kind: "trace", timesS: [0] } }),
  );
  const prompts = events.filter(([n]) => n === "run.complete").map(([, e]) =>
    (e.usage as { promptTokens: number }).promptTokens
  );
  // 1000 → 4050 → 7100 (+50 output = 7150 ≤ 8000) → 10150 would exceed 8000: compact to 2500 + 3000.
  deepEqual(prompts.slice(0, 4), [1000, 4050, 7100, 5500]);
  ok(counts.compactions >= 1);
});

Deno.test("without compaction a prompt is truncated to fit the context", () => {
  const bus = new EventBus();
  const events = record(bus);
  const shape = { ...base, turns: fixed(5), newInputTokens: fixed(4000) };
  const counts = generateTrial(
    bus,
    options(shape, { maxContext: 10_000, arrivals: { kind: "trace", timesS: [0] } }),
  );
  for (const [n, e] of events) {
    if (n === "run.complete") ok((e.usage as { totalTokens: number }).totalTokens <= 10_000);
  }
  ok(counts.truncatedRuns >= 1);
});

Deno.test("the same seed and trial give the same events; another trial others", () => {
  const run = (trialIndex: number) => {
    const bus = new EventBus();
    const events = record(bus);
    generateTrial(bus, options(varied, { trialIndex }));
    return JSON.stringify(events);
  };
  equal(run(3), run(3));
  ok(run(3) !== run(4));
});

Deno.test("listening to run.start does not change what is generated", () => {
  const withStarts = new EventBus();
  const a = record(withStarts, true);
  const without = new EventBus();
  const b = record(without, false);
  generateTrial(withStarts, options(varied));
  generateTrial(without, options(varied));
  equal(JSON.stringify(a.filter(([n]) => n !== "run.start")), JSON.stringify(b));
});

Deno.test("maxSessions caps the sessions of a trial", () => {
  const counts = generateTrial(new EventBus(), options(varied, { maxSessions: 25 }));
  equal(counts.sessions, 25);
  equal(counts.sessionsCapped, true);
});

Deno.test("samples land on the grid after the events at or before each grid time, with runs in flight", () => {
  const samples: [number, number][] = [];
  generateTrial(
    new EventBus(),
    options(base, { arrivals: { kind: "trace", timesS: [10] }, horizonMs: 20_000 }),
    { sampleEveryMs: 500, onSample: (t, inFlight) => samples.push([t, inFlight]) },
  );
  equal(samples.length, 40);
  equal(samples[0][0], 500);
  equal(samples.at(-1)![0], 20_000);
  // Runs occupy [10 s, 11 s), [13 s, 14 s), [16 s, 17 s).
  const busy = samples.filter(([, n]) => n > 0).map(([t]) => t / 1000);
  deepEqual(busy, [10, 10.5, 13, 13.5, 16, 16.5]);
});

Deno.test("a mix picks shapes by weight", () => {
  const counts = generateTrial(new EventBus(), {
    ...options(base),
    shapes: [
      { name: "a", shape: compileSessionShape(base), weight: 1 },
      { name: "b", shape: compileSessionShape(base), weight: 3 },
    ],
    arrivals: { kind: "poisson", ratePerS: 50 },
  });
  const share = counts.sessionsByShape.b / counts.sessions;
  ok(Math.abs(share - 0.75) < 0.02, `share ${share}`);
});

Deno.test("bad generator options and shapes throw errors that name the field", () => {
  throws(() => generateTrial(new EventBus(), options(base, { horizonMs: 0 })), {
    name: "RangeError",
    message: /^horizonMs: expected a positive number; received 0$/,
  });
  throws(() => generateTrial(new EventBus(), options(base, { maxSessions: 1.5 })), {
    name: "RangeError",
    message: /^maxSessions: expected a positive integer; received 1.5$/,
  });
  throws(
    () =>
      compileSessionShape({ ...base, outputTokens: { kind: "lognormal", median: 100, p90: 50 } }),
    {
      name: "RangeError",
      message: /^shape\.outputTokens\.p90: /,
    },
  );
  throws(() => compileSessionShape({ ...base, thinkTimeS: { kind: "normal", mu: 1, sigma: 1 } }), {
    name: "RangeError",
    message: /^shape\.thinkTimeS: expected a distribution of values ≥ 0/,
  });
  throws(() => compileSessionShape({ ...base, turn: fixed(1) } as never), {
    name: "TypeError",
    message: /^shape: expected only the keys .* \(did you mean "turns"\?\); received "turn"$/,
  });
  throws(() => compileSessionShape({ ...base, compaction: { atFraction: 0.5, toFraction: 0.6 } }), {
    name: "RangeError",
    message: /^shape\.compaction\.toFraction: expected < atFraction \(0.5\); received 0.6$/,
  });
  const { turns: _turns, ...noTurns } = base;
  throws(() => compileSessionShape(noTurns as never), {
    name: "TypeError",
    message: /^shape\.turns: expected a distribution spec; received undefined$/,
  });
});

Deno.test("compaction thresholds in tokens and fractions: the smaller wins", async (t) => {
  const { compactionTokens } = await import("../../src/workload/session_shape.ts");
  await t.step(
    "a 300K-token threshold holds on a 1M model, 90 % of the context on a 131K one",
    () => {
      const c = { atTokens: 300_000, atFraction: 0.9, toTokens: 31_600, toFraction: 0.25 };
      deepEqual(compactionTokens(c, 1_000_000), { at: 300_000, to: 31_600 });
      // 0.9 × 131,072 = 117,964.8 → 117,964; 0.25 × 131,072 = 32,768 > 31,600.
      deepEqual(compactionTokens(c, 131_072), { at: 117_964, to: 31_600 });
      deepEqual(compactionTokens(c, 100_000), { at: 90_000, to: 25_000 });
    },
  );
  await t.step("a compaction needs a threshold and a target", () => {
    throws(() => compileSessionShape({ ...base, compaction: { toTokens: 100 } }), {
      name: "TypeError",
      message: /^shape\.compaction: expected atFraction or atTokens/,
    });
    throws(() => compileSessionShape({ ...base, compaction: { atTokens: 100, toTokens: 200 } }), {
      name: "RangeError",
      message: /^shape\.compaction\.toTokens: expected < atTokens \(100\); received 200$/,
    });
  });
});
