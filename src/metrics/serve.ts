/**
 * `serveMetrics`: a `MetricsExporter` over HTTP on `Deno.serve`, for Prometheus to scrape.
 *
 * Routes: `GET /metrics` → 200 with the exposition (`text/plain; version=0.0.4; charset=utf-8`);
 * `GET /healthz` → 200 `ok`; any other path → 404; another method on those two paths → 405 with
 * `Allow: GET`. If rendering the exposition fails, `/metrics` answers 500. The server listens on
 * loopback (`127.0.0.1`) unless told otherwise: pass `hostname: "0.0.0.0"` to let a Prometheus on
 * another host scrape it. It never logs.
 *
 * @example Serve on a free loopback port, scrape once, shut down.
 * ```ts
 * import { serveMetrics } from "./serve.ts";
 * import { MetricsExporter } from "./prometheus.ts";
 * import { equal, ok } from "node:assert/strict";
 * const server = serveMetrics(new MetricsExporter(), { port: 0 });
 * ok(server.url.startsWith("http://127.0.0.1:"));
 * const response = await fetch(server.url);
 * equal(response.status, 200);
 * ok((await response.text()).includes("radaros_capacity_sessions_total 0\n"));
 * await server.shutdown();
 * ```
 * @module
 */

import { describe, plainObject } from "../validate.ts";

/** The default port: 9464, the one OpenTelemetry's Prometheus exporters use. */
export const DEFAULT_METRICS_PORT = 9464;

/** The default hostname: loopback only. */
export const DEFAULT_METRICS_HOSTNAME = "127.0.0.1";

/** The content type of the text exposition format, version 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/** What `serveMetrics` needs of an exporter: a `MetricsExporter`, or anything that renders text. */
export interface MetricsSource {
  /** Renders the exposition. */
  toPrometheus(): Promise<string>;
}

/** Options of `serveMetrics`. All optional. */
export interface ServeMetricsOptions {
  /** TCP port, an integer in [0, 65535] (default 9464; 0 picks a free port). */
  port?: number;
  /** Interface to listen on (default `"127.0.0.1"`: loopback only). */
  hostname?: string;
  /** Aborting it shuts the server down (one aborted already: the server stops at once). */
  signal?: AbortSignal;
}

/** What `serveMetrics` returns. */
export interface MetricsServer {
  /** The scrape URL, with the real port: `http://127.0.0.1:9464/metrics`. */
  url: string;
  /** Stops accepting connections, lets in-flight requests finish, then resolves. */
  shutdown(): Promise<void>;
  /** Resolves once the server has stopped (by `shutdown()` or the signal). */
  finished: Promise<void>;
}

const KNOWN_OPTIONS: readonly string[] = ["port", "hostname", "signal"];

function checkOptions(options: unknown): Required<Omit<ServeMetricsOptions, "signal">> & {
  signal: AbortSignal | undefined;
} {
  const o = plainObject("options", options);
  for (const key of Object.keys(o)) {
    if (!KNOWN_OPTIONS.includes(key)) {
      throw new TypeError(
        `${key}: expected a known serveMetrics option; received ${describe(o[key])}. ` +
          `Known: ${KNOWN_OPTIONS.join(", ")}`,
      );
    }
  }
  const port = o.port === undefined ? DEFAULT_METRICS_PORT : o.port;
  const expected = "an integer port in [0, 65535]";
  if (typeof port !== "number") {
    throw new TypeError(`port: expected ${expected}; received ${describe(port)}`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`port: expected ${expected}; received ${describe(port)}`);
  }
  const hostname = o.hostname === undefined ? DEFAULT_METRICS_HOSTNAME : o.hostname;
  if (typeof hostname !== "string" || hostname.trim() === "") {
    throw new TypeError(`hostname: expected a non-empty string; received ${describe(hostname)}`);
  }
  const signal = o.signal;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TypeError(`signal: expected an AbortSignal; received ${describe(signal)}`);
  }
  return { port, hostname, signal };
}

function text(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", ...headers },
  });
}

/**
 * Answers one request (exported for tests and for embedding in another `Deno.serve` handler).
 * @param exporter renders the exposition
 * @param request the HTTP request
 * @returns 200 for `GET /metrics` and `GET /healthz`, 405 for other methods on them, else 404;
 *   500 when the exposition cannot be rendered
 * @example
 * ```ts
 * import { handleMetricsRequest } from "./serve.ts";
 * import { equal } from "node:assert/strict";
 * const exporter = { toPrometheus: () => Promise.resolve("up 1\n") };
 * const metrics = await handleMetricsRequest(exporter, new Request("http://x/metrics"));
 * equal(await metrics.text(), "up 1\n");
 * equal((await handleMetricsRequest(exporter, new Request("http://x/metrics", { method: "POST" }))).status, 405);
 * equal((await handleMetricsRequest(exporter, new Request("http://x/nope"))).status, 404);
 * ```
 */
export async function handleMetricsRequest(
  exporter: MetricsSource,
  request: Request,
): Promise<Response> {
  const path = new URL(request.url).pathname;
  if (path !== "/metrics" && path !== "/healthz") return text(404, "not found\n");
  if (request.method !== "GET") return text(405, "method not allowed\n", { allow: "GET" });
  if (path === "/healthz") return text(200, "ok");
  let body: string;
  try {
    body = await exporter.toPrometheus();
  } catch {
    return text(500, "metrics unavailable\n");
  }
  return new Response(body, { status: 200, headers: { "content-type": PROMETHEUS_CONTENT_TYPE } });
}

function hostForUrl(hostname: string): string {
  return hostname.includes(":") && !hostname.startsWith("[") ? `[${hostname}]` : hostname;
}

/**
 * Serves an exporter's metrics over HTTP (see the module docs for the routes).
 * @param exporter a `MetricsExporter` (or anything with `toPrometheus()`)
 * @param options port (default 9464), hostname (default `"127.0.0.1"`), abort signal
 * @returns the scrape URL with the real port, `shutdown()`, and `finished`
 * @throws {TypeError} an exporter without `toPrometheus()`, a non-object options, an unknown
 *   option, a non-number `port`, an empty or non-string `hostname`, a `signal` that is not an
 *   `AbortSignal`; {RangeError} a `port` that is not an integer in [0, 65535];
 *   `Deno.errors.AddrInUse` (or another `Deno.serve` error) when the port cannot be bound
 * @example
 * ```ts
 * import { serveMetrics } from "./serve.ts";
 * import { throws } from "node:assert/strict";
 * const exporter = { toPrometheus: () => Promise.resolve("") };
 * throws(() => serveMetrics(exporter, { port: 70000 }), {
 *   name: "RangeError", message: "port: expected an integer port in [0, 65535]; received 70000",
 * });
 * throws(() => serveMetrics(exporter, { hostname: "" }), { name: "TypeError", message: /^hostname:/ });
 * ```
 */
export function serveMetrics(
  exporter: MetricsSource,
  options: ServeMetricsOptions = {},
): MetricsServer {
  if (
    typeof exporter !== "object" || exporter === null ||
    typeof exporter.toPrometheus !== "function"
  ) {
    throw new TypeError(
      `exporter: expected a MetricsExporter (an object with toPrometheus()); received ${
        describe(exporter)
      }`,
    );
  }
  const { port, hostname, signal } = checkOptions(options);
  let boundPort = port;
  const server = Deno.serve({
    port,
    hostname,
    signal,
    onListen: (addr) => {
      boundPort = addr.port;
    },
  }, (request) => handleMetricsRequest(exporter, request));
  let stopping: Promise<void> | undefined;
  const shutdown = (): Promise<void> => {
    stopping ??= server.shutdown().catch(() => {}).then(() => server.finished);
    return stopping;
  };
  // Deno.serve only listens for a future abort; a signal aborted already stops the server now.
  if (signal?.aborted) void shutdown();
  return {
    url: `http://${hostForUrl(hostname)}:${boundPort}/metrics`,
    shutdown,
    finished: server.finished,
  };
}
