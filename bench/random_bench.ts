/**
 * Draw rates of the PRNG and the distributions. Each iteration makes 100,000 draws, so
 * draws/s = 100,000 ÷ (time per iteration); e.g. 1 ms/iter is 100 M draws/s.
 *
 * Run: `deno bench -A bench/random_bench.ts`
 * @module
 */

import {
  createPrng,
  type Distribution,
  empirical,
  exponential,
  gamma,
  histogram,
  lognormal,
  mixture,
  normal,
  pareto,
  streamFor,
  truncated,
  uniform,
} from "../src/random/mod.ts";

const DRAWS = 100_000;
const prng = createPrng("bench");
let sink = 0;

function drawAll(dist: Distribution): void {
  let s = 0;
  for (let i = 0; i < DRAWS; i++) s += dist.sample(prng);
  sink += s;
}

Deno.bench("prng.next() ×100k", { group: "prng", baseline: true }, () => {
  let s = 0;
  for (let i = 0; i < DRAWS; i++) s += prng.next();
  sink += s;
});

Deno.bench("prng.nextUint32() ×100k", { group: "prng" }, () => {
  let s = 0;
  for (let i = 0; i < DRAWS; i++) s += prng.nextUint32();
  sink += s;
});

Deno.bench("streamFor() ×1k (stream creation)", { group: "prng" }, () => {
  for (let i = 0; i < 1_000; i++) sink += streamFor(42, "arrivals", i).next();
});

const samples = Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 10_007);
const edges = Array.from({ length: 51 }, (_, i) => i * 100);
const counts = Array.from({ length: 50 }, (_, i) => 50 - i);

const cases: [string, Distribution][] = [
  ["uniform(0, 1)", uniform(0, 1)],
  ["exponential(1)", exponential(1)],
  ["normal(0, 1)", normal(0, 1)],
  ["lognormal({ median: 400, p90: 1500 })", lognormal({ median: 400, p90: 1_500 })],
  ["gamma(2.5, 1)", gamma(2.5, 1)],
  ["gamma(0.5, 1) (shape < 1 boost)", gamma(0.5, 1)],
  ["pareto(1, 2.5)", pareto(1, 2.5)],
  ["empirical(10k samples)", empirical(samples)],
  ["histogram(50 bins)", histogram({ edges, counts })],
  [
    "truncated(lognormal, max p99) (inverse CDF)",
    truncated(lognormal({ mu: 0, sigma: 1 }), { max: 10.24 }),
  ],
  ["truncated(gamma(2.5), max 6) (rejection)", truncated(gamma(2.5, 1), { max: 6 })],
  [
    "mixture(lognormal, gamma)",
    mixture([
      { weight: 0.7, dist: lognormal({ mu: 0, sigma: 1 }) },
      { weight: 0.3, dist: gamma(2.5, 1) },
    ]),
  ],
];

for (const [name, dist] of cases) {
  Deno.bench(`${name} ×100k`, { group: "distributions" }, () => drawAll(dist));
}

globalThis.addEventListener("unload", () => {
  if (sink === 42) console.log(sink); // keep the sums observable
});
