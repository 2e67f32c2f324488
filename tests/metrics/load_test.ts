/**
 * A bounded load test (well under 3 s, loopback only): 200,000 `run.complete` events stream
 * through bus + profiler + exporter in chunks, yielding to the event loop between chunks, while
 * a client scrapes `/metrics` over HTTP as fast as it can. Correctness only; speed lives in
 * `bench/`.
 */
import { equal, ok } from "node:assert/strict";
import { EventBus } from "../../src/events/event_bus.ts";
import { SessionProfiler } from "../../src/profiler/session_profiler.ts";
import { MetricsExporter } from "../../src/metrics/prometheus.ts";
import { serveMetrics } from "../../src/metrics/serve.ts";

const EVENTS = 200_000;
const CHUNK = 5_000;
const SESSIONS = 2_000;

/** `# HELP name text` or `# TYPE name type`. */
const COMMENT =
  /^# (?:HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*|TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (?:counter|gauge|histogram|summary|untyped))$/;
const LABEL = String.raw`[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*"`;
const VALUE = String
  .raw`(?:[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?Inf|NaN)`;
/** `name{label="value",...} value [timestamp]`: the text format 0.0.4 sample grammar. */
const SAMPLE = new RegExp(
  String
    .raw`^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?:${LABEL}(?:,${LABEL})*,?)?\})? (${VALUE})(?: -?[0-9]+)?$`,
);

/** Checks every line of an exposition and returns its unlabelled samples by name. */
function parseExposition(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "") continue;
    if (line.startsWith("#")) {
      ok(COMMENT.test(line), `bad comment line: ${line}`);
      continue;
    }
    const match = SAMPLE.exec(line);
    ok(match !== null, `bad sample line: ${line}`);
    if (!line.includes("{")) samples.set(match[1], Number(match[2]));
  }
  return samples;
}

Deno.test("200,000 events stream through bus, profiler and exporter while /metrics is scraped, losing none", async () => {
  const bus = new EventBus();
  const profiler = new SessionProfiler({ modelArch: "llama-3.1-8b" });
  profiler.attach(bus);
  const exporter = new MetricsExporter({ profiler });
  exporter.attach(bus);
  const server = serveMetrics(exporter, { port: 0 });

  const scrape = async (): Promise<Map<string, number>> => {
    const response = await fetch(server.url, { signal: AbortSignal.timeout(5_000) });
    equal(response.status, 200);
    equal(response.headers.get("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    return parseExposition(await response.text());
  };

  let done = false;
  const runsSeen: number[] = [];
  try {
    const producer = (async () => {
      let sent = 0;
      while (sent < EVENTS) {
        for (const end = Math.min(sent + CHUNK, EVENTS); sent < end; sent++) {
          bus.emit("run.complete", {
            runId: `r${sent}`,
            sessionId: `s${sent % SESSIONS}`,
            at: sent,
            usage: { prompt_tokens: 500 + (sent % 7) * 100, completion_tokens: 200 },
          });
        }
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      done = true;
    })();
    const scraper = (async () => {
      while (!done) runsSeen.push((await scrape()).get("radaros_runs_total")!);
    })();
    await Promise.all([producer, scraper]);
    const final = await scrape();
    runsSeen.push(final.get("radaros_runs_total")!);

    for (let i = 1; i < runsSeen.length; i++) {
      ok(runsSeen[i] >= runsSeen[i - 1], `runs_total went down: ${runsSeen.join(", ")}`);
    }
    ok(
      runsSeen.some((n) => n > 0 && n < EVENTS),
      `no scrape landed mid-stream: ${runsSeen.join(", ")}`,
    );
    equal(final.get("radaros_runs_total"), EVENTS);
    equal(final.get("radaros_capacity_sessions_total"), SESSIONS);
    equal(final.get("radaros_sessions_tracked"), SESSIONS);
    equal(final.get("radaros_sessions_live"), SESSIONS);
    equal(profiler.getSessionStats().runs, EVENTS);
  } finally {
    done = true;
    await server.shutdown();
  }
});
