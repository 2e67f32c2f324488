/**
 * Metrics: the `MetricsExporter` (bus events and profiler state as Prometheus metrics, on
 * prom-client) and `serveMetrics` (those metrics over HTTP for Prometheus to scrape).
 *
 * @example Profile a bus, export it, serve it on a free loopback port, scrape it.
 * ```ts
 * import { MetricsExporter, serveMetrics } from "./mod.ts";
 * import { SessionProfiler } from "../profiler/session_profiler.ts";
 * import { EventBus } from "../events/event_bus.ts";
 * import { ok } from "node:assert/strict";
 * const bus = new EventBus();
 * const profiler = new SessionProfiler({ modelArch: "llama-3.1-70b" });
 * profiler.attach(bus);
 * const exporter = new MetricsExporter({ profiler });
 * exporter.attach(bus);
 * // 60,000 tokens: above light's 50,000, so the session enters "medium" on first sighting.
 * bus.emit("run.complete", { runId: "r1", sessionId: "s1", usage: { prompt_tokens: 59_000, completion_tokens: 1_000 } });
 * const server = serveMetrics(exporter, { port: 0 });
 * const text = await (await fetch(server.url)).text();
 * await server.shutdown();
 * ok(text.includes('radaros_session_category_total{category="medium"} 1\n'));
 * ok(text.includes("radaros_sessions_live 1\n"));
 * ```
 * @module
 */

export * from "./prometheus.ts";
export * from "./serve.ts";
