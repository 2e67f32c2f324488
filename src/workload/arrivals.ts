/**
 * Session arrivals: when new sessions start.
 *
 * - `poisson`: exponential gaps at `ratePerS` (inter-arrival CV 1; Azure's conversation trace is
 *   close to this at 1 s).
 * - `piecewise`: a non-homogeneous Poisson process whose rate is constant over segments of
 *   `segmentS` seconds and cycles (24 hourly rates make a diurnal profile, as RAGPulse's daily
 *   cycle). Sampled exactly by integrating the rate: draw E ~ Exp(1) and walk the segments until
 *   ∫λ = E (Çinlar's time-change method).
 * - `bursty`: batches of sessions arriving together, batch sizes geometric with mean
 *   `burstFactor`, batches Poisson at `ratePerS ÷ burstFactor`, so the mean rate stays `ratePerS`
 *   and the counts are over-dispersed (Azure's code trace has inter-arrival CV ≈ 12).
 * - `trace`: replay given arrival times (seconds from the start).
 *
 * @example A Poisson stream at 2 sessions/s has mean gap 500 ms.
 * ```ts
 * import { arrivalStream } from "./arrivals.ts";
 * import { createPrng } from "../random/prng.ts";
 * import { ok } from "node:assert/strict";
 * const next = arrivalStream({ kind: "poisson", ratePerS: 2 }, createPrng(1));
 * let t = 0;
 * for (let i = 0; i < 20_000; i++) t = next();
 * ok(Math.abs(t / 20_000 - 500) < 15);
 * ```
 * @module
 */

import type { Prng } from "../random/prng.ts";
import {
  describe,
  nonNegativeNumber,
  oneOf,
  onlyKeys,
  plainObject,
  positiveNumber,
} from "../validate.ts";

/** An arrival process, as JSON. */
export type ArrivalSpec =
  | { kind: "poisson"; ratePerS: number }
  | { kind: "piecewise"; ratesPerS: number[]; segmentS: number }
  | { kind: "bursty"; ratePerS: number; burstFactor: number }
  | { kind: "trace"; timesS: number[] };

/** Every arrival kind. */
export const ARRIVAL_KINDS: readonly ArrivalSpec["kind"][] = [
  "poisson",
  "piecewise",
  "bursty",
  "trace",
];

const KEYS: Record<ArrivalSpec["kind"], string[]> = {
  poisson: ["kind", "ratePerS"],
  piecewise: ["kind", "ratesPerS", "segmentS"],
  bursty: ["kind", "ratePerS", "burstFactor"],
  trace: ["kind", "timesS"],
};

/**
 * Checks an arrival spec.
 * @param spec the JSON spec
 * @param field the argument's name for errors (default `"arrivals"`)
 * @returns the spec
 * @throws {TypeError|RangeError} an unknown kind or key, or a bad parameter, named by its path
 */
export function checkArrivals(spec: ArrivalSpec, field = "arrivals"): ArrivalSpec {
  const s = plainObject(field, spec);
  const kind = oneOf(`${field}.kind`, s.kind, ARRIVAL_KINDS);
  onlyKeys(field, s, KEYS[kind], ` for "${kind}"`);
  if (kind === "poisson") positiveNumber(`${field}.ratePerS`, s.ratePerS);
  if (kind === "bursty") {
    positiveNumber(`${field}.ratePerS`, s.ratePerS);
    const b = positiveNumber(`${field}.burstFactor`, s.burstFactor);
    if (b < 1) throw new RangeError(`${field}.burstFactor: expected a number ≥ 1; received ${b}`);
  }
  if (kind === "piecewise") {
    positiveNumber(`${field}.segmentS`, s.segmentS);
    const rates = s.ratesPerS;
    if (!Array.isArray(rates) || rates.length === 0) {
      throw new TypeError(
        `${field}.ratesPerS: expected a non-empty array of rates; received ${describe(rates)}`,
      );
    }
    rates.forEach((r, i) => nonNegativeNumber(`${field}.ratesPerS[${i}]`, r));
    if (!rates.some((r) => r > 0)) {
      throw new RangeError(
        `${field}.ratesPerS: expected at least one positive rate; received ${describe(rates)}`,
      );
    }
  }
  if (kind === "trace") {
    const times = s.timesS;
    if (!Array.isArray(times)) {
      throw new TypeError(
        `${field}.timesS: expected an array of seconds; received ${describe(times)}`,
      );
    }
    times.forEach((t, i) => {
      nonNegativeNumber(`${field}.timesS[${i}]`, t);
      if (i > 0 && t < times[i - 1]) {
        throw new RangeError(
          `${field}.timesS[${i}]: expected ≥ the previous time (${times[i - 1]}); received ${t}`,
        );
      }
    });
  }
  return spec;
}

/**
 * The long-run mean arrival rate of a spec (sessions per second).
 * @param spec a checked spec
 * @returns sessions per second (for `trace`: count ÷ last time, 0 when empty)
 */
export function meanArrivalRate(spec: ArrivalSpec): number {
  switch (spec.kind) {
    case "poisson":
    case "bursty":
      return spec.ratePerS;
    case "piecewise":
      return spec.ratesPerS.reduce((a, b) => a + b, 0) / spec.ratesPerS.length;
    case "trace": {
      const last = spec.timesS.at(-1);
      return last ? spec.timesS.length / last : 0;
    }
  }
}

/** Exp(1) from a uniform, never infinite (Prng.next can return 0). */
function standardExponential(prng: Prng): number {
  return -Math.log(1 - prng.next());
}

/**
 * A stream of arrival times: each call returns the next arrival in ms (non-decreasing), or
 * `Infinity` when the process has no more.
 * @param spec the arrival spec (checked here)
 * @param prng the arrivals' own random stream
 * @param field the argument's name for errors (default `"arrivals"`)
 * @returns the next-arrival function
 * @throws {TypeError|RangeError} an invalid spec, named by its path
 */
export function arrivalStream(spec: ArrivalSpec, prng: Prng, field = "arrivals"): () => number {
  checkArrivals(spec, field);
  let t = 0;
  switch (spec.kind) {
    case "poisson": {
      const meanGapMs = 1000 / spec.ratePerS;
      return () => (t += standardExponential(prng) * meanGapMs);
    }
    case "bursty": {
      const meanGapMs = (1000 * spec.burstFactor) / spec.ratePerS;
      const q = 1 - 1 / spec.burstFactor; // P(another session joins the batch)
      let left = 0;
      return () => {
        if (left > 0) {
          left--;
          return t;
        }
        t += standardExponential(prng) * meanGapMs;
        while (prng.next() < q) left++;
        return t;
      };
    }
    case "piecewise": {
      const segMs = spec.segmentS * 1000;
      const rates = spec.ratesPerS.map((r) => r / 1000); // per ms
      return () => {
        let e = standardExponential(prng);
        for (;;) {
          const seg = Math.floor(t / segMs);
          const rate = rates[seg % rates.length];
          const end = (seg + 1) * segMs;
          const mass = rate * (end - t);
          if (rate > 0 && e <= mass) return (t += e / rate);
          e -= mass;
          t = end;
        }
      };
    }
    case "trace": {
      let i = 0;
      const times = spec.timesS;
      return () => (i < times.length ? times[i++] * 1000 : Infinity);
    }
  }
}
