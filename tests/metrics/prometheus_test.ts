import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { register as globalRegistry } from "prom-client";
import { EventBus } from "../../src/events/event_bus.ts";
import { SessionProfiler } from "../../src/profiler/session_profiler.ts";
import {
  MetricsExporter,
  type MetricsExporterOptions,
  rejectionReasonCode,
} from "../../src/metrics/prometheus.ts";

/** Llama-3.1-8B at bf16: 2 × 32 layers × 8 KV heads × 128 dims × 2 bytes = 131,072 B per token. */
const LLAMA_8B_BYTES_PER_TOKEN = 2 * 32 * 8 * 128 * 2;
/** So 8,192 tokens hold exactly one GiB. */
const ONE_GIB_OF_TOKENS = 2 ** 30 / LLAMA_8B_BYTES_PER_TOKEN;

/** The sample lines of one family (`name` or `name{...}`), in exposition order. */
function samplesOf(text: string, family: string): string[] {
  return text.split("\n").filter((line) =>
    line.startsWith(`${family} `) || line.startsWith(`${family}{`)
  );
}

/** The family names in `# TYPE` order, with their types. */
function typesOf(text: string): string[] {
  return text.split("\n").filter((l) => l.startsWith("# TYPE ")).map((l) => l.slice(7));
}

function run(bus: EventBus, sessionId: string, tokens: number, at = 0): void {
  bus.emit("run.complete", {
    runId: `${sessionId}@${at}`,
    sessionId,
    at,
    usage: { prompt_tokens: tokens, completion_tokens: 0 },
  });
}

function setup(options: MetricsExporterOptions = {}, withProfiler = true) {
  const bus = new EventBus();
  const profiler = new SessionProfiler({ modelArch: "llama-3.1-8b" });
  profiler.attach(bus);
  const exporter = new MetricsExporter({ ...(withProfiler ? { profiler } : {}), ...options });
  exporter.attach(bus);
  return { bus, profiler, exporter };
}

Deno.test("the reference's names count two light sessions and one that went medium → heavy", async () => {
  const { bus, exporter } = setup({}, false);
  run(bus, "a", 10_000); // light (≤ 50,000)
  run(bus, "b", 20_000); // light
  run(bus, "c", 100_000); // first sighting: medium (50,000 < 100,000 ≤ 200,000)
  run(bus, "c", 150_000, 1); // cumulative 250,000: heavy (200,000 < 250,000 ≤ 500,000)
  const text = await exporter.toPrometheus();
  deepEqual(samplesOf(text, "radaros_session_category_total"), [
    'radaros_session_category_total{category="light"} 2',
    'radaros_session_category_total{category="medium"} 1',
    'radaros_session_category_total{category="heavy"} 1',
    'radaros_session_category_total{category="extreme"} 0',
  ]);
  deepEqual(samplesOf(text, "radaros_capacity_sessions_total"), [
    "radaros_capacity_sessions_total 3",
  ]);
  deepEqual(samplesOf(text, "radaros_runs_total"), ["radaros_runs_total 4"]);
  ok(text.includes("# TYPE radaros_session_category_total counter\n"));
  ok(text.endsWith("\n"));
});

Deno.test("without a profiler the exposition has the counters and the estimated-KV gauges only", async () => {
  const exporter = new MetricsExporter();
  const text = await exporter.toPrometheus();
  deepEqual(typesOf(text), [
    "radaros_session_category_total counter",
    "radaros_capacity_sessions_total counter",
    "radaros_kv_cache_estimated_gb gauge",
    "radaros_kv_cache_estimated_bytes gauge",
    "radaros_runs_total counter",
    "radaros_runs_rejected_total counter",
    "radaros_capacity_warnings_total counter",
    "radaros_run_errors_total counter",
  ]);
  for (const [name] of typesOf(text).map((t) => t.split(" "))) {
    ok(text.includes(`# HELP ${name} `), `${name} has HELP`);
  }
  deepEqual(samplesOf(text, "radaros_kv_cache_estimated_gb"), ["radaros_kv_cache_estimated_gb 0"]);
});

Deno.test("without a profiler the estimated KV is the latest warning's, and warnings count by type", async () => {
  const bus = new EventBus();
  const exporter = new MetricsExporter();
  exporter.attach(bus);
  const warning = (type: "kv_pressure" | "session_limit", estimatedKvGb: number) =>
    bus.emit("capacity.warning", {
      type,
      message: "m",
      estimatedKvGb,
      liveKvGiB: 0,
      sessionCount: 0,
      liveSessions: 0,
      threshold: 1,
    });
  warning("kv_pressure", 10);
  warning("session_limit", 12.5);
  const text = await exporter.toPrometheus();
  deepEqual(samplesOf(text, "radaros_kv_cache_estimated_gb"), [
    "radaros_kv_cache_estimated_gb 12.5",
  ]);
  // 12.5 × 2^30 = 13,421,772,800 bytes.
  deepEqual(samplesOf(text, "radaros_kv_cache_estimated_bytes"), [
    "radaros_kv_cache_estimated_bytes 13421772800",
  ]);
  deepEqual(samplesOf(text, "radaros_capacity_warnings_total"), [
    'radaros_capacity_warnings_total{type="kv_pressure"} 1',
    'radaros_capacity_warnings_total{type="session_limit"} 1',
  ]);
});

Deno.test("a custom prefix renames every metric, and an empty prefix drops it", async () => {
  const custom = await new MetricsExporter({ prefix: "capsim_" }).toPrometheus();
  ok(custom.includes("capsim_capacity_sessions_total 0\n"));
  ok(custom.includes("# TYPE capsim_kv_cache_estimated_gb gauge\n"));
  ok(!custom.includes("radaros_"));
  const bare = await new MetricsExporter({ prefix: "" }).toPrometheus();
  ok(bare.includes("\ncapacity_sessions_total 0\n"));
  ok(!bare.includes("radaros_"));
});

Deno.test("the profiler's live state feeds the gauges at scrape time, in bytes", async () => {
  const { bus, exporter } = setup();
  run(bus, "a", ONE_GIB_OF_TOKENS, 0);
  run(bus, "b", ONE_GIB_OF_TOKENS, 0);
  let text = await exporter.toPrometheus();
  deepEqual(samplesOf(text, "radaros_kv_cache_live_bytes"), [
    "radaros_kv_cache_live_bytes 2147483648",
  ]);
  deepEqual(samplesOf(text, "radaros_sessions_live"), ["radaros_sessions_live 2"]);
  bus.emit("session.end", { sessionId: "a", at: 1 });
  text = await exporter.toPrometheus();
  deepEqual(samplesOf(text, "radaros_kv_cache_live_bytes"), [
    "radaros_kv_cache_live_bytes 1073741824",
  ]);
  deepEqual(samplesOf(text, "radaros_kv_cache_live_peak_bytes"), [
    "radaros_kv_cache_live_peak_bytes 2147483648",
  ]);
  deepEqual(samplesOf(text, "radaros_sessions_live"), ["radaros_sessions_live 1"]);
  deepEqual(samplesOf(text, "radaros_sessions_tracked"), ["radaros_sessions_tracked 2"]);
  // The reference's estimate: 16,384 cumulative tokens × 131,072 B = 2 GiB, ended or not.
  deepEqual(samplesOf(text, "radaros_kv_cache_estimated_gb"), ["radaros_kv_cache_estimated_gb 2"]);
  deepEqual(samplesOf(text, "radaros_kv_cache_estimated_bytes"), [
    "radaros_kv_cache_estimated_bytes 2147483648",
  ]);
});

Deno.test("with a profiler the estimated KV comes from the profiler, not from warnings", async () => {
  const { bus, exporter } = setup();
  run(bus, "a", ONE_GIB_OF_TOKENS);
  bus.emit("capacity.warning", {
    type: "kv_pressure",
    message: "from elsewhere",
    estimatedKvGb: 99,
    liveKvGiB: 0,
    sessionCount: 0,
    liveSessions: 0,
    threshold: 1,
  });
  const text = await exporter.toPrometheus();
  deepEqual(samplesOf(text, "radaros_kv_cache_estimated_gb"), ["radaros_kv_cache_estimated_gb 1"]);
});

Deno.test("legacyGbGauge: false drops the _gb name and keeps the bytes gauge", async () => {
  const { bus, exporter } = setup({ legacyGbGauge: false });
  run(bus, "a", ONE_GIB_OF_TOKENS);
  const text = await exporter.toPrometheus();
  ok(!text.includes("_gb"));
  deepEqual(samplesOf(text, "radaros_kv_cache_estimated_bytes"), [
    "radaros_kv_cache_estimated_bytes 1073741824",
  ]);
});

Deno.test("reset() zeroes the counters and the last warning, and leaves the profiler alone", async () => {
  const { bus, exporter, profiler } = setup();
  run(bus, "a", ONE_GIB_OF_TOKENS);
  bus.emit("run.error", { runId: "x", at: 0, error: new Error("boom") });
  bus.emit("run.complete", { runId: "bad", sessionId: "a", at: 0 }); // no usage: rejected
  exporter.reset();
  const text = await exporter.toPrometheus();
  for (
    const family of [
      "radaros_session_category_total",
      "radaros_capacity_sessions_total",
      "radaros_runs_total",
      "radaros_runs_rejected_total",
      "radaros_capacity_warnings_total",
      "radaros_run_errors_total",
    ]
  ) {
    for (const line of samplesOf(text, family)) ok(line.endsWith(" 0"), line);
  }
  equal(profiler.getSessionStats().runs, 1);
  deepEqual(samplesOf(text, "radaros_sessions_live"), ["radaros_sessions_live 1"]);
  // Counting resumes after a reset.
  run(bus, "b", 1);
  ok((await exporter.toPrometheus()).includes("\nradaros_runs_total 1\n"));
});

Deno.test("reset() forgets the latest warning's estimate when no profiler is given", async () => {
  const bus = new EventBus();
  const exporter = new MetricsExporter();
  exporter.attach(bus);
  bus.emit("capacity.warning", {
    type: "kv_pressure",
    message: "m",
    estimatedKvGb: 3,
    liveKvGiB: 3,
    sessionCount: 1,
    liveSessions: 1,
    threshold: 1,
  });
  exporter.reset();
  const text = await exporter.toPrometheus();
  deepEqual(samplesOf(text, "radaros_kv_cache_estimated_gb"), ["radaros_kv_cache_estimated_gb 0"]);
});

Deno.test("attaching twice to a bus does not double count, and detach leaves other buses attached", async () => {
  const exporter = new MetricsExporter();
  const one = new EventBus();
  const two = new EventBus();
  exporter.attach(one);
  exporter.attach(one);
  exporter.attach(two);
  one.emit("run.complete", { runId: "r1" });
  two.emit("run.complete", { runId: "r2" });
  ok((await exporter.toPrometheus()).includes("\nradaros_runs_total 2\n"));
  exporter.detach(one);
  exporter.detach(one); // already detached: ignored
  exporter.detach(new EventBus()); // never attached: ignored
  one.emit("run.complete", { runId: "r3" });
  two.emit("run.complete", { runId: "r4" });
  ok((await exporter.toPrometheus()).includes("\nradaros_runs_total 3\n"));
  equal(one.listenerCount("run.complete"), 0);
  equal(two.listenerCount("run.complete"), 1);
});

Deno.test("rejected runs are counted by a fixed set of reason codes", async () => {
  const { bus, exporter } = setup();
  bus.emit("run.complete", null as never); // "run.complete: expected an object"
  bus.emit("run.complete", { usage: { prompt_tokens: 1, completion_tokens: 1 } } as never);
  bus.emit("run.complete", { runId: "r", sessionId: "s", at: 0 }); // missing usage
  bus.emit("run.complete", {
    runId: "r",
    sessionId: "s",
    at: 0,
    usage: { prompt_tokens: -3, completion_tokens: 1 },
  });
  bus.emit("run.complete", {
    runId: "r",
    sessionId: "s",
    at: Number.NaN,
    usage: { prompt_tokens: 3, completion_tokens: 1 },
  });
  bus.emit("capacity.run.rejected", { code: "new_kind", reason: "a new kind of failure" });
  bus.emit("capacity.run.rejected", { code: "weird", reason: "weird field: with a colon" });
  const text = await exporter.toPrometheus();
  deepEqual(samplesOf(text, "radaros_runs_rejected_total"), [
    'radaros_runs_rejected_total{reason="event"} 1',
    'radaros_runs_rejected_total{reason="session_id"} 1',
    'radaros_runs_rejected_total{reason="usage"} 2',
    'radaros_runs_rejected_total{reason="at"} 1',
    'radaros_runs_rejected_total{reason="other"} 2',
  ]);
  deepEqual(samplesOf(text, "radaros_runs_total"), ["radaros_runs_total 5"]);
});

Deno.test("rejectionReasonCode() maps each field before the first ':' to its code", () => {
  const cases: [unknown, string][] = [
    ["run.complete: expected an object; received null", "event"],
    ["sessionId: expected a session id; received undefined", "session_id"],
    ["output.sessionId: expected a non-empty string; received 3", "session_id"],
    ['runId: expected a non-empty string; received ""', "session_id"],
    ["usage: expected at least one token; received zero tokens", "usage"],
    ["usage.prompt_tokens: expected an integer ≥ 0; received -3", "usage"],
    ["output.usage: expected a usage object; received null", "usage"],
    ["output.usage.input_tokens: expected an integer ≥ 0; received 1.5", "usage"],
    ["at: expected a finite number of ms; received NaN", "at"],
    ["usageX: something", "other"],
    ["no colon here", "other"],
    [undefined, "other"],
    [42, "other"],
  ];
  for (const [reason, code] of cases) equal(rejectionReasonCode(reason), code, String(reason));
});

Deno.test("listeners ignore malformed payloads and never throw", async () => {
  const bus = new EventBus();
  const exporter = new MetricsExporter();
  exporter.attach(bus);
  const events = [
    "capacity.session.classified",
    "capacity.warning",
    "capacity.run.rejected",
    "run.complete",
    "run.error",
  ];
  for (const event of events) {
    for (const payload of [null, undefined, 42, "text", { category: "huge", type: "other" }]) {
      bus.emit(event, payload);
    }
  }
  equal(bus.listenerErrors, 0);
  const text = await exporter.toPrometheus();
  for (const line of samplesOf(text, "radaros_session_category_total")) ok(line.endsWith(" 0"));
  deepEqual(samplesOf(text, "radaros_capacity_sessions_total"), [
    "radaros_capacity_sessions_total 0",
  ]);
  deepEqual(samplesOf(text, "radaros_kv_cache_estimated_gb"), ["radaros_kv_cache_estimated_gb 0"]);
  // Every run.complete and run.error is an event seen, whatever its payload; five rejections
  // of unknown shape count as "other".
  ok(text.includes("\nradaros_runs_total 5\n"));
  ok(text.includes("\nradaros_run_errors_total 5\n"));
  ok(text.includes('\nradaros_runs_rejected_total{reason="other"} 5\n'));
});

Deno.test("two exporters keep their own registries and never touch prom-client's global one", async () => {
  const before = globalRegistry.getMetricsAsArray().length;
  const bus = new EventBus();
  const counted = new MetricsExporter();
  const idle = new MetricsExporter();
  counted.attach(bus);
  bus.emit("run.complete", { runId: "r" });
  ok((await counted.toPrometheus()).includes("\nradaros_runs_total 1\n"));
  ok((await idle.toPrometheus()).includes("\nradaros_runs_total 0\n"));
  equal(globalRegistry.getMetricsAsArray().length, before);
  equal(counted.contentType, "text/plain; version=0.0.4; charset=utf-8");
});

Deno.test("new MetricsExporter() rejects bad options with an error naming the field", () => {
  for (const prefix of ["1abc", "a-b", "radaros ", 42, null]) {
    throws(() => new MetricsExporter({ prefix } as never), {
      name: "TypeError",
      message: /^prefix: /,
    });
  }
  throws(() => new MetricsExporter({ profiler: {} } as never), {
    name: "TypeError",
    message: /^profiler: expected a SessionProfiler/,
  });
  throws(() => new MetricsExporter({ legacyGbGauge: "yes" } as never), {
    name: "TypeError",
    message: 'legacyGbGauge: expected a boolean; received "yes"',
  });
  throws(() => new MetricsExporter({ collectDefaultMetrics: 1 } as never), {
    name: "TypeError",
    message: /^collectDefaultMetrics: expected a boolean/,
  });
  throws(() => new MetricsExporter({ prefx: "x_" } as never), {
    name: "TypeError",
    message: /^prefx: expected a known MetricsExporter option \(did you mean "prefix"\?\)/,
  });
  throws(() => new MetricsExporter(null as never), { name: "TypeError", message: /^options: / });
  throws(() => new MetricsExporter().attach({} as never), { name: "TypeError", message: /^bus: / });
});

Deno.test("collectDefaultMetrics: true adds prom-client's process metrics to this registry only", async () => {
  const text = await new MetricsExporter({ collectDefaultMetrics: true }).toPrometheus();
  ok(text.includes("# TYPE process_cpu_user_seconds_total counter\n"));
  ok(!(await new MetricsExporter().toPrometheus()).includes("process_cpu_user_seconds_total"));
});

Deno.test("a scrape reads the profiler's stats once, so every gauge of a scrape agrees", async () => {
  let calls = 0;
  const profiler = {
    getSessionStats() {
      calls++;
      return {
        estimatedKvGb: calls,
        liveKvGiB: calls,
        peakLiveKvGiB: calls,
        liveSessions: calls,
        trackedSessions: calls,
      };
    },
  };
  const exporter = new MetricsExporter({ profiler });
  const first = await exporter.toPrometheus();
  equal(calls, 1);
  ok(first.includes("\nradaros_sessions_live 1\n"));
  ok(first.includes("\nradaros_kv_cache_live_bytes 1073741824\n"));
  const second = await exporter.toPrometheus();
  equal(calls, 2);
  ok(second.includes("\nradaros_sessions_tracked 2\n"));
  ok(second.includes("\nradaros_kv_cache_estimated_gb 2\n"));
});
