import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { EventEmitter } from "node:events";
import fc from "fast-check";
import { EventBus } from "../../src/events/event_bus.ts";
import type {
  CapacityWarningEvent,
  RawUsage,
  RunRejectedEvent,
  SessionClassifiedEvent,
} from "../../src/events/event_types.ts";
import { SessionProfiler, type SessionProfilerConfig } from "../../src/profiler/mod.ts";
import { DEFAULT_ARCHITECTURES } from "../../src/catalog/models.ts";
import { kvLayout, layoutBytesForContext } from "../../src/capacity/kv.ts";
import { classifyTokens } from "../../src/capacity/workload.ts";

const GiB = 2 ** 30;
// Hand-computed KV bytes per token (2 × layers × kvHeads × headDim × bytes):
const LLAMA_8B_BF16 = 2 * 32 * 8 * 128 * 2; // 131,072: 8,192 tokens = 1 GiB
const LLAMA_70B_BF16 = 2 * 80 * 8 * 128 * 2; // 327,680
const LLAMA_70B_FP8 = 2 * 80 * 8 * 128 * 1; // 163,840

function setup(config: SessionProfilerConfig = {}) {
  const bus = new EventBus();
  const profiler = new SessionProfiler(config);
  profiler.attach(bus);
  return { bus, profiler };
}

/** Emits one run.complete in the reference's usage shape. */
function run(
  bus: EventBus,
  sessionId: string,
  inputTokens: number,
  outputTokens: number,
  at?: number,
  cachedTokens?: number,
): void {
  const usage: RawUsage = { promptTokens: inputTokens, completionTokens: outputTokens };
  if (cachedTokens !== undefined) usage.cachedTokens = cachedTokens;
  bus.emit("run.complete", { runId: `${sessionId}@${at}`, sessionId, at, usage });
}

function collect<T>(
  bus: EventBus,
  event: "capacity.session.classified" | "capacity.warning" | "capacity.run.rejected",
): T[] {
  const seen: T[] = [];
  bus.on(event, (e) => seen.push(e as T));
  return seen;
}

// ---- construction ---------------------------------------------------------------------------

Deno.test("new SessionProfiler() fills in the documented defaults", () => {
  const c = new SessionProfiler().config;
  equal(c.arch, undefined);
  equal(c.kvPrecision, "bf16");
  equal(c.classificationBasis, "cumulative");
  equal(c.idleTimeoutMs, 30 * 60 * 1000);
  equal(c.hysteresis, 0.1);
  equal(c.maxTrackedSessions, 1_000_000);
  equal(c.sessionLimit, Infinity);
  equal(c.kvWarningThresholdGiB, undefined);
  equal(c.clock, Date.now);
});

Deno.test("modelArch may be a catalog id or an architecture object", () => {
  const byId = new SessionProfiler({ modelArch: "llama-3.1-70b" });
  const byObject = new SessionProfiler({ modelArch: DEFAULT_ARCHITECTURES["llama-3.1-70b"] });
  equal(byId.config.kvBytesPerToken, LLAMA_70B_BF16);
  equal(byObject.config.kvBytesPerToken, LLAMA_70B_BF16);
  equal(
    new SessionProfiler({ modelArch: "llama-3.1-70b", kvPrecision: "fp8" }).config.kvBytesPerToken,
    LLAMA_70B_FP8,
  );
});

Deno.test("each bad option throws an error naming the option, the expectation and the value", () => {
  const cases: [SessionProfilerConfig, string, string | RegExp][] = [
    [
      { kvWarningThresholdGb: -1 },
      "RangeError",
      "kvWarningThresholdGb: expected a positive number; received -1",
    ],
    [
      { kvWarningThresholdGb: 0 },
      "RangeError",
      "kvWarningThresholdGb: expected a positive number; received 0",
    ],
    [
      { kvWarningThresholdGb: Number.NaN },
      "RangeError",
      "kvWarningThresholdGb: expected a positive number; received NaN",
    ],
    [
      { kvWarningThresholdGb: "100" as unknown as number },
      "TypeError",
      'kvWarningThresholdGb: expected a positive number; received "100"',
    ],
    [
      { kvPrecision: "fp16" as "bf16" },
      "TypeError",
      'kvPrecision: expected one of "bf16", "fp8", "int8", "int4"; received "fp16"',
    ],
    [
      { classificationBasis: "total" as "cumulative" },
      "TypeError",
      'classificationBasis: expected one of "cumulative", "peakContext", "newTokens"; received "total"',
    ],
    [{ idleTimeoutMs: 0 }, "RangeError", "idleTimeoutMs: expected a positive number; received 0"],
    [{ idleTimeoutMs: -5 }, "RangeError", "idleTimeoutMs: expected a positive number; received -5"],
    [
      { idleTimeoutMs: "60000" as unknown as number },
      "TypeError",
      'idleTimeoutMs: expected a positive number; received "60000"',
    ],
    [{ sessionLimit: 0 }, "RangeError", "sessionLimit: expected a positive integer; received 0"],
    [
      { sessionLimit: 2.5 },
      "RangeError",
      "sessionLimit: expected a positive integer; received 2.5",
    ],
    [{ hysteresis: 1 }, "RangeError", "hysteresis: expected a number in [0, 1); received 1"],
    [{ hysteresis: -0.1 }, "RangeError", "hysteresis: expected a number in [0, 1); received -0.1"],
    [
      { hysteresis: Number.NaN },
      "RangeError",
      "hysteresis: expected a number in [0, 1); received NaN",
    ],
    [
      { hysteresis: "0.1" as unknown as number },
      "TypeError",
      'hysteresis: expected a number in [0, 1); received "0.1"',
    ],
    [
      { maxTrackedSessions: 0 },
      "RangeError",
      "maxTrackedSessions: expected a positive integer; received 0",
    ],
    [
      { maxTrackedSessions: 1.5 },
      "RangeError",
      "maxTrackedSessions: expected a positive integer; received 1.5",
    ],
    [
      { clock: 5 as unknown as () => number },
      "TypeError",
      "clock: expected a function returning ms; received 5",
    ],
    [
      { modelArch: "llama-3.1-7b" },
      "RangeError",
      /^modelArch: expected a known id \(did you mean .*"llama-3.1-70b".*\); received "llama-3.1-7b"/,
    ],
    [
      { modelArch: { ...DEFAULT_ARCHITECTURES["llama-3.1-8b"], layers: 0 } },
      "RangeError",
      "modelArch.layers: expected a positive integer; received 0",
    ],
    [
      { kvWarningThresholdGB: 100 } as SessionProfilerConfig,
      "TypeError",
      /^kvWarningThresholdGB: expected a known SessionProfiler option \(did you mean "kvWarningThresholdGb"\?\); received 100\. Known: /,
    ],
    [
      null as unknown as SessionProfilerConfig,
      "TypeError",
      "config: expected an object; received null",
    ],
  ];
  for (const [config, name, message] of cases) {
    throws(() => new SessionProfiler(config), { name, message }, JSON.stringify(config));
  }
});

Deno.test("idleTimeoutMs: Infinity disables idle expiry", () => {
  const { bus, profiler } = setup({ idleTimeoutMs: Infinity });
  run(bus, "a", 10, 10, 0);
  run(bus, "b", 10, 10, 1e15);
  equal(profiler.getSessionStats().liveSessions, 2);
});

// ---- attach / detach ------------------------------------------------------------------------

Deno.test("attach() twice on the same bus does not double count", () => {
  const bus = new EventBus();
  const profiler = new SessionProfiler();
  profiler.attach(bus);
  profiler.attach(bus);
  run(bus, "s1", 100, 20);
  equal(profiler.getSessionStats().totalTokens, 120);
  equal(profiler.getSessionStats().runs, 1);
  equal(bus.listenerCount("run.complete"), 1);
});

Deno.test("detach() stops counting; detaching from one bus leaves the others attached", () => {
  const a = new EventBus(), b = new EventBus();
  const profiler = new SessionProfiler();
  profiler.attach(a);
  profiler.attach(b);
  run(a, "s1", 100, 0);
  run(b, "s2", 10, 0);
  profiler.detach(a);
  profiler.detach(a); // again: ignored
  profiler.detach(new EventBus()); // never attached: ignored
  run(a, "s3", 1000, 0);
  run(b, "s4", 1, 0);
  const stats = profiler.getSessionStats();
  equal(stats.totalTokens, 111);
  equal(stats.trackedSessions, 3);
  equal(a.listenerCount("run.complete"), 0);
  equal(a.listenerCount("session.end"), 0);
  equal(b.listenerCount("run.complete"), 1);
  profiler.attach(a); // re-attaching works
  run(a, "s5", 5, 0);
  equal(profiler.getSessionStats().totalTokens, 116);
});

Deno.test("the profiler emits on the bus the run came from", () => {
  const a = new EventBus(), b = new EventBus();
  const profiler = new SessionProfiler();
  profiler.attach(a);
  profiler.attach(b);
  const onA = collect<SessionClassifiedEvent>(a, "capacity.session.classified");
  const onB = collect<SessionClassifiedEvent>(b, "capacity.session.classified");
  run(a, "from-a", 10, 0);
  run(b, "from-b", 10, 0);
  deepEqual(onA.map((e) => e.sessionId), ["from-a"]);
  deepEqual(onB.map((e) => e.sessionId), ["from-b"]);
});

Deno.test("attach() accepts any emitter with on/off/emit, such as Node's EventEmitter", () => {
  const emitter = new EventEmitter();
  const profiler = new SessionProfiler({ modelArch: "llama-3.1-70b" });
  profiler.attach(emitter);
  const classified: SessionClassifiedEvent[] = [];
  emitter.on("capacity.session.classified", (e) => classified.push(e));
  emitter.emit("run.complete", {
    runId: "r1",
    sessionId: "s1",
    usage: { input_tokens: 100, output_tokens: 50 },
  });
  equal(profiler.getSessionStats().totalTokens, 150);
  equal(classified.length, 1);
  profiler.detach(emitter);
  equal(emitter.listenerCount("run.complete"), 0);
});

Deno.test("attach() rejects something that is not a bus", () => {
  const profiler = new SessionProfiler();
  throws(() => profiler.attach({ on() {} } as never), {
    name: "TypeError",
    message: "bus: expected an event bus with on, off and emit methods; received {}",
  });
  throws(() => profiler.attach(null as never), /bus: expected an event bus .*; received null/);
});

// ---- classification --------------------------------------------------------------------------

Deno.test("classify() uses the reference's inclusive bounds", () => {
  const p = new SessionProfiler();
  equal(p.classify(0), "light");
  equal(p.classify(50_000), "light");
  equal(p.classify(50_001), "medium");
  equal(p.classify(200_000), "medium");
  equal(p.classify(200_001), "heavy");
  equal(p.classify(500_000), "heavy");
  equal(p.classify(500_001), "extreme");
  throws(() => p.classify(-1), {
    name: "RangeError",
    message: "tokens: expected a number ≥ 0; received -1",
  });
});

Deno.test("sessions are classified by cumulative billed tokens by default (history re-counted)", () => {
  const { bus, profiler } = setup();
  run(bus, "s", 30_000, 5_000); // 35,000
  equal(profiler.getSession("s")!.category, "light");
  run(bus, "s", 36_000, 5_000); // + 41,000 = 76,000
  equal(profiler.getSession("s")!.category, "medium");
  equal(profiler.getSession("s")!.cumulativeTokens, 76_000);
});

/** Five runs of a growing conversation: the prompt grows 2,000 per run, the previous prompt is cached. */
function growingConversation(bus: EventBus): void {
  for (let i = 0; i < 5; i++) {
    const input = 40_000 + 2_000 * i;
    const cached = i === 0 ? 0 : 40_000 + 2_000 * (i - 1);
    run(bus, "s", input, 1_000, i, cached);
  }
}

Deno.test("classificationBasis changes the category: cumulative, peakContext, newTokens", () => {
  // Per-run totals 41K, 43K, 45K, 47K, 49K.
  // cumulative = 225,000 → heavy; peakContext = 49,000 → light;
  // newTokens = 41,000 + 4 × (2,000 new + 1,000 out) = 53,000 → medium.
  // The last classified event carries the basis value at the last change: for peakContext that
  // is the first sighting (41,000, light, never changes).
  const expected = {
    cumulative: ["heavy", 225_000],
    peakContext: ["light", 41_000],
    newTokens: ["medium", 53_000],
  } as const;
  for (const [basis, [category, tokens]] of Object.entries(expected)) {
    const { bus, profiler } = setup({ classificationBasis: basis as "cumulative" });
    const classified = collect<SessionClassifiedEvent>(bus, "capacity.session.classified");
    growingConversation(bus);
    const s = profiler.getSession("s")!;
    equal(s.category, category, basis);
    equal(s.cumulativeTokens, 225_000);
    equal(s.peakContextTokens, 49_000);
    equal(s.newTokens, 53_000);
    equal(classified.at(-1)!.totalTokens, tokens, basis); // the event reports the basis value
    equal(profiler.getSessionStats().totalTokens, 225_000); // totals stay billed tokens
  }
});

Deno.test("first-sighting rule: classified fires on first sighting and on every later change", () => {
  const { bus } = setup();
  const classified = collect<SessionClassifiedEvent>(bus, "capacity.session.classified");
  run(bus, "s", 10_000, 0); // first sighting: light
  run(bus, "s", 10_000, 0); // 20,000: still light, no event
  run(bus, "s", 40_000, 0); // 60,000: medium
  run(bus, "s", 400_000, 0); // 460,000: heavy (skips nothing)
  run(bus, "t", 600_000, 0); // first sighting straight into extreme: one event
  deepEqual(classified, [
    { sessionId: "s", category: "light", totalTokens: 10_000, previousCategory: undefined },
    { sessionId: "s", category: "medium", totalTokens: 60_000, previousCategory: "light" },
    { sessionId: "s", category: "heavy", totalTokens: 460_000, previousCategory: "medium" },
    { sessionId: "t", category: "extreme", totalTokens: 600_000, previousCategory: undefined },
  ]);
});

Deno.test("a jump over a category gives one classified event from the old to the new category", () => {
  const { bus } = setup();
  const classified = collect<SessionClassifiedEvent>(bus, "capacity.session.classified");
  run(bus, "s", 1, 0);
  run(bus, "s", 499_999, 0); // 500,000: light → heavy
  deepEqual(classified.map((e) => [e.previousCategory, e.category]), [[undefined, "light"], [
    "light",
    "heavy",
  ]]);
});

// ---- sessions and usage -----------------------------------------------------------------------

Deno.test("the session id falls back to output.sessionId, then runId (the reference's rule)", () => {
  const { bus, profiler } = setup();
  bus.emit("run.complete", {
    runId: "r1",
    sessionId: "top",
    output: { sessionId: "nested", usage: { promptTokens: 1, completionTokens: 0 } },
  });
  bus.emit("run.complete", {
    runId: "r2",
    output: { sessionId: "nested", usage: { promptTokens: 2, completionTokens: 0 } },
  });
  bus.emit("run.complete", { runId: "r3", usage: { promptTokens: 3, completionTokens: 0 } });
  equal(profiler.getSession("top")!.cumulativeTokens, 1);
  equal(profiler.getSession("nested")!.cumulativeTokens, 2);
  equal(profiler.getSession("r3")!.cumulativeTokens, 3);
});

Deno.test("top-level usage wins over output.usage; every accepted shape is read", () => {
  const { bus, profiler } = setup();
  bus.emit("run.complete", {
    runId: "r",
    sessionId: "s",
    usage: { prompt_tokens: 7, completion_tokens: 3 },
    output: { usage: { promptTokens: 1000, completionTokens: 0 } },
  });
  bus.emit("run.complete", {
    runId: "r",
    sessionId: "s",
    usage: { input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 85 },
  });
  equal(profiler.getSession("s")!.cumulativeTokens, 10 + 100);
  equal(profiler.getSession("s")!.newTokens, 10 + 15);
});

Deno.test("totalTokens sums every run; avgTokensPerSession rounds and is 0 without sessions", () => {
  const { bus, profiler } = setup();
  equal(profiler.getSessionStats().avgTokensPerSession, 0);
  equal(profiler.getSessionStats().totalTokens, 0);
  run(bus, "a", 1, 0);
  run(bus, "b", 1, 0);
  run(bus, "c", 1, 1);
  const stats = profiler.getSessionStats();
  equal(stats.totalTokens, 4);
  equal(stats.avgTokensPerSession, 1); // round(4 / 3)
  run(bus, "c", 1, 0);
  equal(profiler.getSessionStats().avgTokensPerSession, 2); // round(5 / 3) = round(1.67)
});

Deno.test("resident context is the latest run's input + output, not the sum over runs", () => {
  const { bus, profiler } = setup({ modelArch: "llama-3.1-8b" });
  run(bus, "s", 4_000, 96); // 4,096
  run(bus, "s", 8_000, 192); // 8,192 = exactly 1 GiB at bf16
  const s = profiler.getSession("s")!;
  equal(s.residentContextTokens, 8_192);
  equal(s.cumulativeTokens, 12_288);
  equal(s.residentKvGiB, 1);
  equal(profiler.getSessionStats().liveKvGiB, 1);
  run(bus, "s", 4_000, 96); // a shorter run (history trimmed): resident shrinks
  equal(profiler.getSessionStats().liveKvGiB, 0.5);
});

Deno.test("resident context is clamped to the model's maximum context", () => {
  const { bus, profiler } = setup({ modelArch: "llama-3.1-8b" });
  run(bus, "s", 200_000, 0); // 131,072 max → 131,072 × 131,072 B = 16 GiB
  equal(profiler.getSession("s")!.residentContextTokens, 131_072);
  equal(profiler.getSession("s")!.peakContextTokens, 200_000);
  equal(profiler.getSessionStats().liveKvGiB, 16);
});

Deno.test("live KV uses the configured precision; estimatedKvGb stays the reference's bf16 figure", () => {
  const { bus, profiler } = setup({ modelArch: "llama-3.1-70b", kvPrecision: "fp8" });
  run(bus, "s", 10_000, 0);
  run(bus, "s", 20_000, 0);
  const stats = profiler.getSessionStats();
  equal(stats.liveKvGiB, (20_000 * LLAMA_70B_FP8) / GiB);
  equal(stats.estimatedKvGb, (30_000 * LLAMA_70B_BF16) / GiB);
  const int4 = setup({ modelArch: "llama-3.1-8b", kvPrecision: "int4" });
  run(int4.bus, "s", 8_192, 0);
  equal(int4.profiler.getSessionStats().liveKvGiB, 0.25); // 0.5 byte per element
});

Deno.test("sliding-window layers hold at most their window (gpt-oss-20b)", () => {
  // gpt-oss-20b: 24 layers (12 slide over 128 tokens), 8 KV heads × 64, bf16:
  // 2 × 8 × 64 × 2 = 2,048 B per token per layer; 1,000 tokens →
  // 2,048 × (12 × 1,000 + 12 × 128) = 27,721,728 B.
  const { bus, profiler } = setup({ modelArch: "gpt-oss-20b" });
  run(bus, "s", 900, 100);
  equal(profiler.getSessionStats().liveKvGiB, 27_721_728 / GiB);
  equal(profiler.getSession("s")!.residentKvGiB, 27_721_728 / GiB);
});

Deno.test("estimatedKvGb never decays; live KV drops when sessions end", () => {
  const { bus, profiler } = setup({ modelArch: "llama-3.1-70b" });
  run(bus, "s", 1_000, 0, 0);
  bus.emit("session.end", { sessionId: "s", at: 1 });
  const stats = profiler.getSessionStats();
  equal(stats.liveKvGiB, 0);
  equal(stats.estimatedKvGb, (1_000 * LLAMA_70B_BF16) / GiB);
  equal(stats.peakLiveKvGiB, (1_000 * LLAMA_70B_BF16) / GiB);
});

Deno.test("without modelArch every KV figure is 0 and kv_pressure never fires", () => {
  const { bus, profiler } = setup({ kvWarningThresholdGb: 0.001, sessionLimit: 1 });
  const warnings = collect<CapacityWarningEvent>(bus, "capacity.warning");
  run(bus, "a", 100_000, 0);
  run(bus, "b", 100_000, 0);
  const stats = profiler.getSessionStats();
  equal(stats.estimatedKvGb, 0);
  equal(stats.liveKvGiB, 0);
  equal(stats.peakLiveKvGiB, 0);
  equal(profiler.getSession("a")!.residentKvGiB, 0);
  deepEqual(warnings.map((w) => w.type), ["session_limit"]); // session limits still work
});

Deno.test("residentContextTokens gives nearest-rank percentiles over live sessions", () => {
  const { bus, profiler } = setup();
  deepEqual(profiler.getSessionStats().residentContextTokens, { p50: 0, p90: 0, p99: 0 });
  for (let k = 1; k <= 100; k++) run(bus, `s${k}`, 100 * k, 0, 0);
  deepEqual(profiler.getSessionStats().residentContextTokens, {
    p50: 5_000,
    p90: 9_000,
    p99: 9_900,
  });
  bus.emit("session.end", { sessionId: "s100", at: 0 }); // 99 left: ranks ceil(49.5), ceil(89.1), ceil(98.01)
  deepEqual(profiler.getSessionStats().residentContextTokens, {
    p50: 5_000,
    p90: 9_000,
    p99: 9_900,
  });
});

// ---- time, idle expiry, session.end, run.error ------------------------------------------------

Deno.test("a session idle longer than idleTimeoutMs stops being live, and a new run revives it", () => {
  const { bus, profiler } = setup({ modelArch: "llama-3.1-8b", idleTimeoutMs: 1_000 });
  run(bus, "a", 8_192, 0, 0);
  run(bus, "b", 8_192, 0, 500);
  run(bus, "c", 8_192, 0, 1_000); // a: 0 + 1,000 < 1,000 is false: still live
  equal(profiler.getSessionStats().liveSessions, 3);
  run(bus, "c", 8_192, 0, 1_001); // a: 1,000 < 1,001: expired
  let stats = profiler.getSessionStats();
  equal(stats.liveSessions, 2);
  equal(stats.expiredSessions, 1);
  equal(stats.trackedSessions, 3);
  equal(stats.liveKvGiB, 2);
  equal(profiler.getSession("a")!.state, "expired");
  equal(stats.byCategory.light, 3); // expired sessions keep their category
  run(bus, "a", 8_192, 0, 1_200);
  stats = profiler.getSessionStats();
  equal(stats.liveSessions, 3);
  equal(stats.expiredSessions, 0);
  equal(profiler.getSession("a")!.state, "live");
});

Deno.test("expireIdle() lets time pass without events", () => {
  const { bus, profiler } = setup({ idleTimeoutMs: 1_000 });
  run(bus, "a", 1, 0, 0);
  run(bus, "b", 1, 0, 600);
  equal(profiler.expireIdle(1_500), 1);
  equal(profiler.expireIdle(1_500), 0);
  equal(profiler.expireIdle(100), 0); // time never goes back
  equal(profiler.expireIdle(1_601), 1);
  equal(profiler.getSessionStats().liveSessions, 0);
  throws(() => profiler.expireIdle(Number.NaN), {
    name: "RangeError",
    message: "nowMs: expected a finite number of ms; received NaN",
  });
  throws(() => profiler.expireIdle("5" as unknown as number), { name: "TypeError" });
});

Deno.test("expireIdle() without an argument reads the clock", () => {
  let now = 0;
  const { bus, profiler } = setup({ idleTimeoutMs: 1_000, clock: () => now });
  run(bus, "a", 1, 0); // no `at`: the clock says 0
  now = 5_000;
  equal(profiler.expireIdle(), 1);
});

Deno.test("an event's `at` wins over the clock, and out-of-order `at` never moves time back", () => {
  let now = 1_000;
  const { bus, profiler } = setup({ clock: () => now });
  run(bus, "a", 1, 0); // clock: 1,000
  equal(profiler.getSession("a")!.firstSeenMs, 1_000);
  run(bus, "b", 1, 0, 5_000); // at: 5,000
  equal(profiler.getSession("b")!.lastSeenMs, 5_000);
  run(bus, "a", 1, 0, 2_000); // late event: "now" stays 5,000
  equal(profiler.getSession("a")!.lastSeenMs, 5_000);
  now = 3_000;
  run(bus, "c", 1, 0); // a clock reading behind "now" does not move it back either
  equal(profiler.getSession("c")!.firstSeenMs, 5_000);
});

Deno.test("session.end removes a session from the live set at once; it stays tracked", () => {
  const { bus, profiler } = setup({ modelArch: "llama-3.1-8b" });
  run(bus, "a", 8_192, 0, 0);
  run(bus, "b", 8_192, 0, 0);
  bus.emit("session.end", { sessionId: "a", at: 1 });
  const stats = profiler.getSessionStats();
  equal(stats.liveSessions, 1);
  equal(stats.endedSessions, 1);
  equal(stats.trackedSessions, 2);
  equal(stats.liveKvGiB, 1);
  equal(stats.byCategory.light, 2);
  deepEqual(profiler.getWorkloadMix(), { extreme: 0, heavy: 0, medium: 0, light: 2 });
  equal(profiler.getSession("a")!.state, "ended");
  equal(profiler.getSession("a")!.lastSeenMs, 1);
  bus.emit("session.end", { sessionId: "a", at: 2 }); // again: stays ended, counted once
  equal(profiler.getSessionStats().endedSessions, 1);
  run(bus, "a", 100, 0, 3); // a new run makes it live again
  equal(profiler.getSession("a")!.state, "live");
  equal(profiler.getSessionStats().endedSessions, 0);
  equal(profiler.getSession("a")!.cumulativeTokens, 8_292);
});

Deno.test("session.end of an expired session turns it ended", () => {
  const { bus, profiler } = setup({ idleTimeoutMs: 10 });
  run(bus, "a", 1, 0, 0);
  profiler.expireIdle(100);
  bus.emit("session.end", { sessionId: "a", at: 100 });
  const stats = profiler.getSessionStats();
  equal(stats.expiredSessions, 0);
  equal(stats.endedSessions, 1);
});

Deno.test("session.end for an unknown session, or a malformed one, is ignored and counted", () => {
  const { bus, profiler } = setup();
  run(bus, "a", 1, 0, 0);
  bus.emit("session.end", { sessionId: "nobody", at: 1 });
  bus.emit("session.end", { sessionId: 42 as unknown as string });
  bus.emit("session.end", null as never);
  bus.emit("session.end", { sessionId: "a", at: "later" as unknown as number });
  const stats = profiler.getSessionStats();
  equal(stats.ignoredEvents, 4);
  equal(stats.liveSessions, 1);
});

Deno.test("run.error is counted and keeps a live session from expiring, but does not revive one", () => {
  const { bus, profiler } = setup({ idleTimeoutMs: 1_000 });
  run(bus, "a", 1, 0, 0);
  run(bus, "b", 1, 0, 0);
  bus.emit("run.error", { runId: "r", sessionId: "a", at: 900, error: new Error("rate limited") });
  run(bus, "c", 1, 0, 1_500); // b expires (0 + 1,000 < 1,500); a was seen at 900
  equal(profiler.getSession("a")!.state, "live");
  equal(profiler.getSession("a")!.lastSeenMs, 900);
  equal(profiler.getSession("b")!.state, "expired");
  bus.emit("run.error", { runId: "r2", sessionId: "b", at: 1_600, error: "again" });
  equal(profiler.getSession("b")!.state, "expired");
  equal(profiler.getSession("b")!.lastSeenMs, 1_600);
  bus.emit("run.error", { runId: "unknown-session", error: "x" }); // falls back to runId: unknown
  const stats = profiler.getSessionStats();
  equal(stats.runErrors, 3);
  equal(stats.runs, 3);
  equal(stats.totalTokens, 3);
});

// ---- warnings ----------------------------------------------------------------------------------

Deno.test("kv_pressure fires on upward crossing only, and re-arms below threshold × (1 − hysteresis)", () => {
  // llama-3.1-8b at bf16: 8,192 tokens = 1 GiB. Threshold 1 GiB, hysteresis 0.1 → re-arm < 0.9 GiB.
  const { bus, profiler } = setup({ modelArch: "llama-3.1-8b", kvWarningThresholdGb: 1 });
  const warnings = collect<CapacityWarningEvent>(bus, "capacity.warning");
  run(bus, "a", 8_192, 0, 0); // exactly 1 GiB: not above
  equal(warnings.length, 0);
  run(bus, "b", 1, 0, 0); // above: fires
  equal(warnings.length, 1);
  run(bus, "c", 1, 0, 0); // still above: no repeat
  bus.emit("session.end", { sessionId: "b", at: 0 });
  bus.emit("session.end", { sessionId: "c", at: 0 }); // 1 GiB: not below 0.9 GiB, still disarmed
  run(bus, "d", 1, 0, 0); // above again, but not re-armed
  equal(warnings.length, 1);
  bus.emit("session.end", { sessionId: "a", at: 0 }); // 1 token: re-armed
  run(bus, "a", 8_192, 0, 0); // above again: fires
  equal(warnings.length, 2);
  const w = warnings[1];
  equal(w.type, "kv_pressure");
  equal(w.threshold, 1);
  equal(w.liveKvGiB, (8_192 + 1) * LLAMA_8B_BF16 / GiB);
  equal(w.liveSessions, 2);
  equal(w.sessionCount, 4);
  equal(w.estimatedKvGb, (2 * 8_192 + 3) * LLAMA_8B_BF16 / GiB);
  equal(
    w.message,
    "Live KV cache 1.00 GiB exceeds the 1 GiB warning threshold (2 live sessions, llama-3.1-8b at bf16)",
  );
  equal(profiler.getSessionStats().peakLiveKvGiB, (8_192 + 2) * LLAMA_8B_BF16 / GiB);
});

Deno.test("with hysteresis 0, kv_pressure re-arms as soon as live KV is below the threshold", () => {
  const { bus } = setup({ modelArch: "llama-3.1-8b", kvWarningThresholdGb: 1, hysteresis: 0 });
  const warnings = collect<CapacityWarningEvent>(bus, "capacity.warning");
  run(bus, "a", 8_193, 0, 0);
  run(bus, "a", 8_191, 0, 0); // shrinks below: re-armed
  run(bus, "a", 8_193, 0, 0);
  equal(warnings.length, 2);
});

Deno.test("idle expiry re-arms warnings too", () => {
  const { bus } = setup({ modelArch: "llama-3.1-8b", kvWarningThresholdGb: 1, idleTimeoutMs: 100 });
  const warnings = collect<CapacityWarningEvent>(bus, "capacity.warning");
  run(bus, "a", 8_193, 0, 0);
  run(bus, "b", 8_193, 0, 1_000); // a expired first (re-armed), then b crosses
  equal(warnings.length, 2);
});

Deno.test("session_limit fires when live sessions exceed the limit, with the same hysteresis", () => {
  // limit 4, hysteresis 0.5 → re-arm below 2 live sessions.
  const { bus } = setup({ sessionLimit: 4, hysteresis: 0.5 });
  const warnings = collect<CapacityWarningEvent>(bus, "capacity.warning");
  for (const id of ["a", "b", "c", "d"]) run(bus, id, 1, 0, 0);
  equal(warnings.length, 0);
  run(bus, "e", 1, 0, 0);
  deepEqual(warnings.map((w) => [w.type, w.liveSessions, w.threshold]), [["session_limit", 5, 4]]);
  equal(warnings[0].message, "5 live sessions exceed the limit of 4");
  for (const id of ["a", "b", "c"]) bus.emit("session.end", { sessionId: id, at: 0 }); // 2 live: not < 2
  for (const id of ["a", "b", "c"]) run(bus, id, 1, 0, 0);
  equal(warnings.length, 1);
  for (const id of ["a", "b", "c", "d"]) bus.emit("session.end", { sessionId: id, at: 0 }); // 1 live: re-armed
  for (const id of ["a", "b", "c", "d"]) run(bus, id, 1, 0, 0);
  equal(warnings.length, 2);
});

// ---- eviction ----------------------------------------------------------------------------------

Deno.test("beyond maxTrackedSessions the least recently seen session is evicted from every aggregate", () => {
  const { bus, profiler } = setup({ modelArch: "llama-3.1-8b", maxTrackedSessions: 2 });
  const classified = collect<SessionClassifiedEvent>(bus, "capacity.session.classified");
  run(bus, "a", 60_000, 0, 0); // medium
  run(bus, "b", 8_192, 0, 1);
  run(bus, "a", 1, 0, 2); // a is now the most recently seen
  run(bus, "c", 8_192, 0, 3); // evicts b
  let stats = profiler.getSessionStats();
  equal(profiler.getSession("b"), undefined);
  equal(stats.evictedSessions, 1);
  equal(stats.trackedSessions, 2);
  deepEqual(stats.byCategory, { light: 1, medium: 1, heavy: 0, extreme: 0 });
  equal(stats.totalTokens, 60_001 + 8_192);
  equal(stats.liveSessions, 2);
  equal(stats.liveKvGiB, (1 + 8_192) * LLAMA_8B_BF16 / GiB);
  run(bus, "b", 5, 0, 4); // b comes back afresh (and evicts a)
  stats = profiler.getSessionStats();
  equal(profiler.getSession("b")!.cumulativeTokens, 5);
  equal(profiler.getSession("a"), undefined);
  equal(stats.evictedSessions, 2);
  deepEqual(classified.filter((e) => e.sessionId === "b").map((e) => e.previousCategory), [
    undefined,
    undefined,
  ]);
});

Deno.test("session.end and run.error count as being seen for eviction", () => {
  const { bus, profiler } = setup({ maxTrackedSessions: 2 });
  run(bus, "a", 1, 0, 0);
  run(bus, "b", 1, 0, 1);
  bus.emit("session.end", { sessionId: "a", at: 2 }); // a seen after b
  run(bus, "c", 1, 0, 3); // evicts b
  equal(profiler.getSession("b"), undefined);
  bus.emit("run.error", { runId: "x", sessionId: "a", at: 4, error: "e" }); // a seen after c
  run(bus, "d", 1, 0, 5); // evicts c
  equal(profiler.getSession("c"), undefined);
  equal(profiler.getSession("a")!.state, "ended");
  const stats = profiler.getSessionStats();
  equal(stats.endedSessions, 1);
  equal(stats.liveSessions, 1);
  equal(stats.evictedSessions, 2);
});

// ---- rejected runs -----------------------------------------------------------------------------

Deno.test("each invalid run is rejected with its reason, counted by code, and changes nothing else", () => {
  const { bus, profiler } = setup({ modelArch: "llama-3.1-8b" });
  run(bus, "ok", 100, 0, 10);
  const before = profiler.getSessionStats();
  const rejected = collect<RunRejectedEvent>(bus, "capacity.run.rejected");
  const bad: [unknown, string, Omit<RunRejectedEvent, "code">][] = [
    [null, "invalid_event", { reason: "run.complete: expected an object; received null" }],
    [7, "invalid_event", { reason: "run.complete: expected an object; received 7" }],
    [{ usage: { promptTokens: 1, completionTokens: 1 } }, "missing_session", {
      reason:
        "sessionId: expected a session id (sessionId, output.sessionId or runId); received undefined",
    }],
    [
      { runId: "r", sessionId: 42, usage: { promptTokens: 1, completionTokens: 1 } },
      "invalid_session",
      { runId: "r", reason: "sessionId: expected a non-empty string; received 42" },
    ],
    [
      { runId: "r", output: { sessionId: "" }, usage: { promptTokens: 1, completionTokens: 1 } },
      "invalid_session",
      { runId: "r", reason: 'output.sessionId: expected a non-empty string; received ""' },
    ],
    [{ runId: "r", sessionId: "s" }, "missing_usage", {
      runId: "r",
      sessionId: "s",
      reason: "usage: expected a usage object (usage or output.usage); received undefined",
    }],
    [{ runId: "r", sessionId: "s", usage: 5 }, "not_object", {
      runId: "r",
      sessionId: "s",
      reason: "usage: expected an object; received 5",
    }],
    [{ runId: "r", sessionId: "s", usage: { prompt_tokens: 19 } }, "missing_count", {
      runId: "r",
      sessionId: "s",
      reason: "usage.completion_tokens: expected an integer ≥ 0; received undefined",
    }],
    [
      { runId: "r", output: { sessionId: "s", usage: { promptTokens: -3, completionTokens: 1 } } },
      "invalid_count",
      {
        runId: "r",
        sessionId: "s",
        reason: "output.usage.promptTokens: expected an integer ≥ 0; received -3",
      },
    ],
    [
      {
        runId: "r",
        sessionId: "s",
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 3 },
      },
      "total_mismatch",
      {
        runId: "r",
        sessionId: "s",
        reason: "usage.total_tokens: expected prompt_tokens + completion_tokens (2); received 3",
      },
    ],
    [
      {
        runId: "r",
        sessionId: "s",
        usage: { promptTokens: 1, completionTokens: 1, cachedTokens: 2 },
      },
      "cached_exceeds_input",
      {
        runId: "r",
        sessionId: "s",
        reason: "usage.cachedTokens: expected ≤ the prompt's 1 tokens; received 2",
      },
    ],
    [{ runId: "r", sessionId: "s", usage: { input_tokens: 0, output_tokens: 0 } }, "zero_tokens", {
      runId: "r",
      sessionId: "s",
      reason: "usage: expected at least one token; received zero tokens",
    }],
    [
      {
        runId: "r",
        sessionId: "s",
        usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2, cache_read_input_tokens: 0 },
      },
      "ambiguous_shape",
      {
        runId: "r",
        sessionId: "s",
        reason:
          'usage: expected either Anthropic cache fields (cache_read_input_tokens, cache_creation_input_tokens) or OpenAI Responses fields (input_tokens_details, total_tokens), not both; received {"input_tokens":1,"output_tokens":1,"total_tokens":2,"cache_read_input_tokens...',
      },
    ],
    [
      {
        runId: "r",
        sessionId: "s",
        at: Number.NaN,
        usage: { promptTokens: 1, completionTokens: 1 },
      },
      "invalid_at",
      { runId: "r", sessionId: "s", reason: "at: expected a finite number of ms; received NaN" },
    ],
    [
      { runId: "r", sessionId: "s", at: "noon", usage: { promptTokens: 1, completionTokens: 1 } },
      "invalid_at",
      { runId: "r", sessionId: "s", reason: 'at: expected a finite number of ms; received "noon"' },
    ],
  ];
  for (const [event] of bad) bus.emit("run.complete", event as never);
  for (let k = 0; k < bad.length; k++) deepEqual(rejected[k], { ...bad[k][2], code: bad[k][1] });
  equal(rejected.length, bad.length);
  const after = profiler.getSessionStats();
  const byReason: Record<string, number> = {};
  for (const [, code] of bad) byReason[code] = (byReason[code] ?? 0) + 1;
  deepEqual(after.rejectedRuns, { total: bad.length, byReason });
  deepEqual({ ...after, rejectedRuns: before.rejectedRuns }, before);
  equal(profiler.getSession("s"), undefined);
});

// ---- isolation, re-entrancy, snapshots, reset -----------------------------------------------------

Deno.test("a throwing listener of the profiler's events breaks neither the profiler nor the run", () => {
  const { bus, profiler } = setup();
  const errors: unknown[] = [];
  bus.on("bus.listener_error", (e) => errors.push(e.event));
  bus.on("capacity.session.classified", () => {
    throw new Error("dashboard down");
  });
  run(bus, "a", 10, 0);
  run(bus, "b", 10, 0);
  equal(profiler.getSessionStats().trackedSessions, 2);
  deepEqual(errors, ["capacity.session.classified", "capacity.session.classified"]);
});

Deno.test("a listener that emits runs from inside a profiler event leaves consistent totals", () => {
  const { bus, profiler } = setup({ modelArch: "llama-3.1-8b" });
  bus.on("capacity.session.classified", (e) => {
    if (e.sessionId === "parent") run(bus, "child", 8_192, 0);
  });
  run(bus, "parent", 8_192, 0);
  const stats = profiler.getSessionStats();
  equal(stats.trackedSessions, 2);
  equal(stats.liveKvGiB, 2);
  equal(stats.totalTokens, 16_384);
});

Deno.test("getSession() returns a copy of one session's figures, or undefined", () => {
  const { bus, profiler } = setup({ modelArch: "llama-3.1-70b", kvPrecision: "fp8" });
  run(bus, "s", 1_000, 200, 5, 800);
  run(bus, "s", 1_500, 300, 9, 1_200);
  const snap = profiler.getSession("s")!;
  deepEqual(snap, {
    sessionId: "s",
    category: "light",
    state: "live",
    live: true,
    cumulativeTokens: 3_000,
    newTokens: 400 + 600,
    peakContextTokens: 1_800,
    residentContextTokens: 1_800,
    residentKvGiB: (1_800 * LLAMA_70B_FP8) / GiB,
    runs: 2,
    firstSeenMs: 5,
    lastSeenMs: 9,
  });
  snap.cumulativeTokens = 0;
  equal(profiler.getSession("s")!.cumulativeTokens, 3_000);
  equal(profiler.getSession("nope"), undefined);
});

Deno.test("getWorkloadMix() has the reference's shape and feeds planCapacity's mix", () => {
  const { bus, profiler } = setup();
  run(bus, "a", 10, 0);
  run(bus, "b", 100_000, 0);
  run(bus, "c", 300_000, 0);
  run(bus, "d", 600_000, 0);
  run(bus, "e", 20, 0);
  deepEqual(profiler.getWorkloadMix(), { extreme: 1, heavy: 1, medium: 1, light: 2 });
  deepEqual(Object.keys(profiler.getWorkloadMix()), ["extreme", "heavy", "medium", "light"]);
  deepEqual(Object.keys(profiler.getSessionStats().byCategory), [
    "light",
    "medium",
    "heavy",
    "extreme",
  ]);
});

Deno.test("reset() forgets every session and counter but stays attached", () => {
  const { bus, profiler } = setup({ modelArch: "llama-3.1-8b", kvWarningThresholdGb: 1 });
  const warnings = collect<CapacityWarningEvent>(bus, "capacity.warning");
  run(bus, "a", 9_000, 0, 100);
  bus.emit("run.complete", {
    runId: "bad",
    sessionId: "x",
    usage: { promptTokens: -1, completionTokens: 0 },
  });
  profiler.reset();
  const stats = profiler.getSessionStats();
  deepEqual(stats, new SessionProfiler({ modelArch: "llama-3.1-8b" }).getSessionStats());
  run(bus, "a", 9_000, 0, 0); // time restarted too, and warnings re-armed
  equal(profiler.getSession("a")!.firstSeenMs, 0);
  equal(warnings.length, 2);
});

// ---- incremental aggregates vs recomputation ------------------------------------------------------

type Op =
  | { kind: "run"; id: number; input: number; cachedShare: number; output: number; dt: number }
  | { kind: "end"; id: number; dt: number }
  | { kind: "error"; id: number; dt: number }
  | { kind: "tick"; dt: number };

Deno.test("incremental aggregates equal a recomputation after random runs, ends, errors, expiries and evictions", () => {
  const IDS = 10;
  const op: fc.Arbitrary<Op> = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant("run" as const),
        id: fc.nat(IDS - 1),
        input: fc.integer({ min: 0, max: 300_000 }),
        cachedShare: fc.double({ min: 0, max: 1, noNaN: true }),
        output: fc.integer({ min: 1, max: 5_000 }),
        dt: fc.nat(3_000),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant("end" as const),
        id: fc.nat(IDS - 1),
        dt: fc.nat(3_000),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("error" as const),
        id: fc.nat(IDS - 1),
        dt: fc.nat(3_000),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("tick" as const), dt: fc.nat(10_000) }) },
  );
  // gemma-2-9b: half the layers slide over 4,096 tokens, max context 8,192 (clamping matters).
  const layout = kvLayout(DEFAULT_ARCHITECTURES["gemma-2-9b"], "fp8");
  const bf16PerToken = kvLayout(DEFAULT_ARCHITECTURES["gemma-2-9b"]).layerBytesPerToken * 42;
  fc.assert(
    fc.property(
      fc.array(op, { maxLength: 200 }),
      fc.integer({ min: 1, max: 12 }),
      (ops, maxTracked) => {
        const { bus, profiler } = setup({
          modelArch: "gemma-2-9b",
          kvPrecision: "fp8",
          idleTimeoutMs: 5_000,
          maxTrackedSessions: maxTracked,
          kvWarningThresholdGb: 0.5,
          sessionLimit: 3,
        });
        let t = 0;
        for (const o of ops) {
          t += o.dt;
          if (o.kind === "run") {
            const cached = Math.floor(o.input * o.cachedShare);
            run(bus, `s${o.id}`, o.input, o.output, t, cached);
          } else if (o.kind === "end") bus.emit("session.end", { sessionId: `s${o.id}`, at: t });
          else if (o.kind === "error") {
            bus.emit("run.error", {
              runId: "r",
              sessionId: `s${o.id}`,
              at: t,
              error: "e",
            });
          } else profiler.expireIdle(t);
        }
        const stats = profiler.getSessionStats();
        const snaps = Array.from({ length: IDS }, (_, k) => profiler.getSession(`s${k}`)).filter((
          s,
        ) => s !== undefined);
        const live = snaps.filter((s) => s.live);
        const byCategory = { light: 0, medium: 0, heavy: 0, extreme: 0 };
        for (const s of snaps) {
          byCategory[s.category]++;
          equal(s.category, classifyTokens(s.cumulativeTokens));
          ok(s.residentContextTokens <= 8_192);
        }
        const total = snaps.reduce((sum, s) => sum + s.cumulativeTokens, 0);
        const liveBytes = live.reduce(
          (sum, s) => sum + layoutBytesForContext(layout, s.residentContextTokens),
          0,
        );
        deepEqual(stats.byCategory, byCategory);
        equal(stats.trackedSessions, snaps.length);
        ok(stats.trackedSessions <= maxTracked);
        equal(stats.liveSessions, live.length);
        equal(stats.endedSessions, snaps.filter((s) => s.state === "ended").length);
        equal(stats.expiredSessions, snaps.filter((s) => s.state === "expired").length);
        equal(stats.totalTokens, total);
        equal(stats.liveKvGiB, liveBytes / GiB);
        equal(stats.estimatedKvGb, (total * bf16PerToken) / GiB);
        ok(stats.peakLiveKvGiB >= stats.liveKvGiB);
        const residents = live.map((s) => s.residentContextTokens).sort((a, b) => a - b);
        const rank = (p: number) =>
          residents.length === 0 ? 0 : residents[Math.ceil((p * residents.length) / 100) - 1];
        deepEqual(stats.residentContextTokens, { p50: rank(50), p90: rank(90), p99: rank(99) });
        for (const value of Object.values(stats).flatMap((v) => typeof v === "number" ? [v] : [])) {
          ok(Number.isFinite(value) && value >= 0);
        }
      },
    ),
    { numRuns: 300 },
  );
});
