/**
 * Simulated runs per second end to end (generator → EventBus → SessionProfiler → sampler) on one
 * worker and on two, for a coding-agent-like workload on Llama-3.1-70B. Each iteration runs 16
 * trials of 6 simulated hours at 0.5 sessions/s (≈ 0.6 M runs per trial).
 * Targets (DESIGN.md §8): ≥ 2 M runs/s per core; 2 workers ≥ 1.8× one.
 */
import { type MonteCarloOptions, runMonteCarlo } from "../src/sim/monte_carlo.ts";

const ln = (median: number, p90: number) => ({ kind: "lognormal" as const, median, p90 });
const options: MonteCarloOptions = {
  model: "llama-3.1-70b",
  seed: "bench",
  horizonS: 6 * 3600,
  samples: 120,
  trials: 16,
  workload: {
    mix: [{
      name: "coding-agent",
      weight: 1,
      shape: {
        turns: ln(45, 155),
        firstInputTokens: ln(25_000, 60_000),
        newInputTokens: ln(270, 2_700),
        outputTokens: ln(215, 900),
        thinkTimeS: ln(10, 100),
        modelTimeS: ln(8, 30),
        compaction: { atFraction: 0.9, toFraction: 0.3 },
      },
    }],
    arrivals: { kind: "poisson", ratePerS: 0.5 },
  },
};

let runs = 0;
for (const workers of [1, 2]) {
  Deno.bench({
    name: `Monte Carlo, ${workers} worker${workers > 1 ? "s" : ""} (16 trials)`,
    group: "monte-carlo",
    baseline: workers === 1,
    n: 3,
    warmup: 1,
    async fn() {
      const r = await runMonteCarlo({ ...options, workers });
      runs = r.trials.reduce((a, t) => a + t.counts.runs, 0);
    },
  });
}

addEventListener("unload", () => console.log(`simulated runs per iteration: ${runs}`));
