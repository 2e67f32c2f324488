/**
 * Lints the exporter's real output with Debian's promtool 2.42 (`promtool check metrics`: exit 0
 * clean, 1 parse error, 3 lint problems). CI installs it; without it these tests fail, they do
 * not skip.
 */
import { deepEqual, equal } from "node:assert/strict";
import { EventBus } from "../../src/events/event_bus.ts";
import { SessionProfiler } from "../../src/profiler/session_profiler.ts";
import { MetricsExporter, type MetricsExporterOptions } from "../../src/metrics/prometheus.ts";

const INSTALL_HINT =
  "install Debian's prometheus package (apt-get install -y --no-install-recommends prometheus)";

interface PromtoolResult {
  code: number;
  output: string;
}

async function promtoolCheckMetrics(exposition: string): Promise<PromtoolResult> {
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command("promtool", {
      args: ["check", "metrics"],
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Error(`promtool is not installed: ${INSTALL_HINT}`);
    }
    throw error;
  }
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(exposition));
  await writer.close();
  const { code, stdout, stderr } = await child.output();
  const decoder = new TextDecoder();
  return { code, output: decoder.decode(stdout) + decoder.decode(stderr) };
}

/**
 * A realistic mixed stream through bus + profiler + exporter: sessions of every category, a
 * session that moves up, ended and idle sessions, rejected runs of several kinds, run errors,
 * and both warning types.
 */
function mixedStream(options: MetricsExporterOptions = {}): MetricsExporter {
  const bus = new EventBus();
  const profiler = new SessionProfiler({
    modelArch: "llama-3.1-70b",
    kvPrecision: "fp8",
    kvWarningThresholdGb: 5,
    sessionLimit: 3,
    idleTimeoutMs: 60_000,
  });
  profiler.attach(bus);
  const exporter = new MetricsExporter({ profiler, ...options });
  exporter.attach(bus);
  const run = (sessionId: string, at: number, prompt_tokens: number, completion_tokens: number) =>
    bus.emit("run.complete", {
      runId: `${sessionId}-${at}`,
      sessionId,
      at,
      usage: { prompt_tokens, completion_tokens },
    });
  run("chat-1", 0, 1_200, 300);
  run("chat-2", 1_000, 2_000, 500);
  run("rag-1", 2_000, 60_000, 1_000);
  run("agent-1", 3_000, 120_000, 4_000);
  run("agent-1", 4_000, 126_000, 3_000); // cumulative 253,000: heavy
  bus.emit("run.complete", {
    runId: "research-1-a",
    output: {
      sessionId: "research-1",
      usage: { promptTokens: 400_000, completionTokens: 150_000, totalTokens: 550_000 },
    },
    at: 5_000,
  });
  bus.emit("session.end", { sessionId: "chat-1", at: 6_000 });
  bus.emit("run.error", { runId: "chat-2-x", sessionId: "chat-2", at: 7_000, error: "timeout" });
  bus.emit("run.complete", { runId: "bad-1", sessionId: "chat-2", at: 8_000 });
  bus.emit("run.complete", {
    runId: "bad-2",
    sessionId: "chat-2",
    at: 8_000,
    usage: { prompt_tokens: -3, completion_tokens: 1 },
  });
  bus.emit("run.complete", { runId: "", usage: { prompt_tokens: 1, completion_tokens: 1 } });
  run("late", 200_000, 500, 20); // the others go idle (60 s timeout)
  return exporter;
}

Deno.test("promtool check metrics passes the exporter's output with no problem (legacyGbGauge: false)", async () => {
  const exporter = mixedStream({ legacyGbGauge: false });
  const text = await exporter.toPrometheus();
  deepEqual(text.split("\n").filter((l) => l.startsWith("# TYPE ")), [
    "# TYPE radaros_session_category_total counter",
    "# TYPE radaros_capacity_sessions_total counter",
    "# TYPE radaros_kv_cache_estimated_bytes gauge",
    "# TYPE radaros_kv_cache_live_bytes gauge",
    "# TYPE radaros_kv_cache_live_peak_bytes gauge",
    "# TYPE radaros_sessions_live gauge",
    "# TYPE radaros_sessions_tracked gauge",
    "# TYPE radaros_runs_total counter",
    "# TYPE radaros_runs_rejected_total counter",
    "# TYPE radaros_capacity_warnings_total counter",
    "# TYPE radaros_run_errors_total counter",
  ]);
  // Each counter family saw at least one event: the lint ran over real values.
  for (
    const sample of [
      'radaros_session_category_total{category="extreme"} 1',
      'radaros_runs_rejected_total{reason="usage"} 2',
      'radaros_capacity_warnings_total{type="kv_pressure"} 1',
      'radaros_capacity_warnings_total{type="session_limit"} 1',
      "radaros_run_errors_total 1",
    ]
  ) equal(text.includes(`\n${sample}\n`), true, sample);
  const result = await promtoolCheckMetrics(text);
  equal(result.output, "");
  equal(result.code, 0);
});

Deno.test("promtool flags only the reference's legacy name radaros_kv_cache_estimated_gb", async () => {
  const text = await mixedStream().toPrometheus();
  const result = await promtoolCheckMetrics(text);
  equal(
    result.output,
    "radaros_kv_cache_estimated_gb metric names should not contain abbreviated units\n",
  );
  equal(result.code, 3);
});

Deno.test("promtool passes a custom-prefix exposition too", async () => {
  const text = await mixedStream({ prefix: "capsim_", legacyGbGauge: false }).toPrometheus();
  const result = await promtoolCheckMetrics(text);
  equal(result.output, "");
  equal(result.code, 0);
});
