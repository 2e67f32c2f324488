/**
 * Randomness: a seeded {@link Prng} (seedrandom's Alea) with named per-trial streams, and the
 * distributions workloads draw from.
 *
 * @example Draw a session's output tokens from its own stream for trial 3.
 * ```ts
 * import { distributionFromSpec, sampleInt, streamFor } from "./mod.ts";
 * import { equal, ok } from "node:assert/strict";
 * const tokens = distributionFromSpec({ kind: "lognormal", median: 300, p90: 1_200 });
 * const a = sampleInt(tokens, streamFor(7, "outputTokens", 3));
 * const b = sampleInt(tokens, streamFor(7, "outputTokens", 3));
 * equal(a, b);
 * ok(a >= 0);
 * ```
 * @module
 */

export * from "./prng.ts";
export * from "./distributions.ts";
