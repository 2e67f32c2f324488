import { equal, ok, rejects, throws } from "node:assert/strict";
import { EventBus } from "../../src/events/event_bus.ts";
import { MetricsExporter } from "../../src/metrics/prometheus.ts";
import {
  DEFAULT_METRICS_HOSTNAME,
  DEFAULT_METRICS_PORT,
  serveMetrics,
} from "../../src/metrics/serve.ts";

Deno.test("serveMetrics() on port 0 listens on loopback, serves /metrics and /healthz, and shuts down", async () => {
  const bus = new EventBus();
  const exporter = new MetricsExporter();
  exporter.attach(bus);
  bus.emit("run.complete", { runId: "r1" });
  const server = serveMetrics(exporter, { port: 0 });
  try {
    const url = new URL(server.url);
    equal(url.hostname, "127.0.0.1");
    equal(url.pathname, "/metrics");
    ok(Number(url.port) > 0, `a real port, not 0: ${server.url}`);

    const metrics = await fetch(server.url);
    equal(metrics.status, 200);
    equal(metrics.headers.get("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    const body = await metrics.text();
    ok(body.includes("\nradaros_runs_total 1\n"));
    equal(body, await exporter.toPrometheus());

    const health = await fetch(new URL("/healthz", url));
    equal(health.status, 200);
    equal(await health.text(), "ok");

    const missing = await fetch(new URL("/nope", url));
    equal(missing.status, 404);
    await missing.body?.cancel();

    const post = await fetch(server.url, { method: "POST", body: "x" });
    equal(post.status, 405);
    equal(post.headers.get("allow"), "GET");
    await post.body?.cancel();
  } finally {
    await server.shutdown();
  }
  await server.finished;
  await server.shutdown(); // idempotent
  await rejects(fetch(server.url));
});

Deno.test("serveMetrics() defaults to 127.0.0.1:9464", async () => {
  equal(DEFAULT_METRICS_HOSTNAME, "127.0.0.1");
  equal(DEFAULT_METRICS_PORT, 9464);
  let server;
  try {
    server = serveMetrics(new MetricsExporter());
  } catch (error) {
    if (error instanceof Deno.errors.AddrInUse) return; // something else holds 9464 here
    throw error;
  }
  try {
    equal(server.url, "http://127.0.0.1:9464/metrics");
    const response = await fetch(server.url);
    equal(response.status, 200);
    await response.body?.cancel();
  } finally {
    await server.shutdown();
  }
});

Deno.test("by default the server is not reachable on a non-loopback address", async () => {
  const server = serveMetrics(new MetricsExporter(), { port: 0 });
  try {
    const port = Number(new URL(server.url).port);
    const external = Deno.networkInterfaces().find((i) =>
      i.family === "IPv4" && !i.address.startsWith("127.")
    );
    if (external === undefined) return; // no other interface on this machine
    await rejects(
      Deno.connect({ hostname: external.address, port }),
      Deno.errors.ConnectionRefused,
    );
  } finally {
    await server.shutdown();
  }
});

Deno.test("serveMetrics() answers 500 when the exposition cannot be rendered", async () => {
  const broken = { toPrometheus: () => Promise.reject(new Error("registry broke")) };
  const server = serveMetrics(broken, { port: 0 });
  try {
    const response = await fetch(server.url);
    equal(response.status, 500);
    await response.body?.cancel();
  } finally {
    await server.shutdown();
  }
});

Deno.test("aborting the signal stops the server", async () => {
  const controller = new AbortController();
  const server = serveMetrics(new MetricsExporter(), { port: 0, signal: controller.signal });
  const response = await fetch(server.url);
  equal(response.status, 200);
  await response.body?.cancel();
  controller.abort();
  await server.finished;
  await rejects(fetch(server.url));
});

Deno.test("a signal aborted before serveMetrics() stops the server at once", async () => {
  const server = serveMetrics(new MetricsExporter(), {
    port: 0,
    signal: AbortSignal.abort(),
  });
  await server.finished;
  await server.shutdown();
  await rejects(fetch(server.url));
});

Deno.test("serveMetrics() rejects bad arguments with an error naming the field", () => {
  const exporter = new MetricsExporter();
  for (const port of [-1, 1.5, 65_536, Number.NaN]) {
    throws(() => serveMetrics(exporter, { port }), {
      name: "RangeError",
      message: /^port: expected an integer port in \[0, 65535\]; received /,
    });
  }
  throws(() => serveMetrics(exporter, { port: "80" as never }), {
    name: "TypeError",
    message: 'port: expected an integer port in [0, 65535]; received "80"',
  });
  for (const hostname of ["", "  ", 127]) {
    throws(() => serveMetrics(exporter, { hostname: hostname as never }), {
      name: "TypeError",
      message: /^hostname: expected a non-empty string/,
    });
  }
  throws(() => serveMetrics(exporter, { signal: {} as never }), {
    name: "TypeError",
    message: /^signal: expected an AbortSignal/,
  });
  throws(() => serveMetrics(exporter, { prot: 0 } as never), {
    name: "TypeError",
    message: /^prot: expected a known serveMetrics option/,
  });
  throws(() => serveMetrics({} as never), { name: "TypeError", message: /^exporter: / });
});
