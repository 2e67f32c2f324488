import { deepEqual, equal, ok, rejects, throws } from "node:assert/strict";
import { type MonteCarloOptions, runMonteCarlo } from "../../src/sim/monte_carlo.ts";
import { summarizeMonteCarlo } from "../../src/sim/summarize.ts";
import { runTrial } from "../../src/sim/trial.ts";

const fixed = (value: number) => ({ kind: "fixed" as const, value });
const ln = (median: number, p90: number) => ({ kind: "lognormal" as const, median, p90 });

const agent: MonteCarloOptions = {
  model: "llama-3.1-8b",
  seed: "mc-test",
  horizonS: 1800,
  warmupS: 600,
  samples: 30,
  trials: 6,
  workload: {
    mix: [{
      name: "agent",
      weight: 1,
      shape: {
        turns: ln(10, 40),
        firstInputTokens: ln(4000, 20000),
        newInputTokens: ln(300, 2000),
        outputTokens: ln(200, 800),
        thinkTimeS: ln(5, 40),
        modelTimeS: ln(4, 15),
      },
    }],
    arrivals: { kind: "poisson", ratePerS: 0.2 },
  },
};

Deno.test("results are identical for 0, 1 and 2 workers and across runs with the same seed", async () => {
  const inline = await runMonteCarlo({ ...agent, workers: 0 });
  const one = await runMonteCarlo({ ...agent, workers: 1 });
  const two = await runMonteCarlo({ ...agent, workers: 2 });
  const again = await runMonteCarlo({ ...agent, workers: 2 });
  const json = JSON.stringify(inline.trials);
  equal(JSON.stringify(one.trials), json);
  equal(JSON.stringify(two.trials), json);
  equal(JSON.stringify(again.trials), json);
  ok(
    JSON.stringify((await runMonteCarlo({ ...agent, seed: "other", workers: 0 })).trials) !== json,
  );
});

Deno.test("a trial depends only on its index, not on how many trials run", () => {
  deepEqual(runTrial(agent, 4), runTrial(agent, 4));
  ok(JSON.stringify(runTrial(agent, 4)) !== JSON.stringify(runTrial(agent, 3)));
});

Deno.test("Little's law: mean live sessions = arrival rate × mean session duration (within 5 %)", () => {
  // Sessions of 5 runs, each 4 s of model time and 6 s of thinking between runs: 5 × 4 + 4 × 6 =
  // 44 s from arrival to the end. The profiler first sees a session when its first run completes
  // (usage arrives with run.complete), so it is live for 44 − 4 = 40 s: at 2 sessions/s, 80.
  const options: MonteCarloOptions = {
    ...agent,
    horizonS: 4 * 3600,
    warmupS: 600,
    samples: 2000,
    trials: 1,
    workload: {
      mix: [{
        name: "fixed",
        weight: 1,
        shape: {
          turns: fixed(5),
          firstInputTokens: fixed(1000),
          newInputTokens: fixed(100),
          outputTokens: fixed(100),
          thinkTimeS: fixed(6),
          modelTimeS: fixed(4),
        },
      }],
      arrivals: { kind: "poisson", ratePerS: 2 },
    },
  };
  const r = runTrial(options, 0);
  const meanLive = r.liveSessions.reduce((a, b) => a + b, 0) / r.liveSessions.length;
  ok(Math.abs(meanLive - 80) / 80 < 0.05, `mean live sessions ${meanLive}`);
  // Runs in flight: 2 sessions/s × 5 runs × 4 s = 40.
  const meanInFlight = r.runsInFlight.reduce((a, b) => a + b, 0) / r.runsInFlight.length;
  ok(Math.abs(meanInFlight - 40) / 40 < 0.05, `mean runs in flight ${meanInFlight}`);
});

Deno.test("live KV is the resident contexts of live sessions at bf16", () => {
  // One session at a time (trace arrivals 1,000 s apart), two runs: after run 2 the resident
  // context is 1,000 + 100 + 100 + 100 = 1,300 tokens × 131,072 bytes (Llama-3.1-8B, bf16).
  const r = runTrial({
    ...agent,
    warmupS: 0,
    horizonS: 20,
    samples: 20,
    workload: {
      mix: [{
        name: "one",
        weight: 1,
        shape: {
          turns: fixed(2),
          firstInputTokens: fixed(1000),
          newInputTokens: fixed(100),
          outputTokens: fixed(100),
          thinkTimeS: fixed(100),
          modelTimeS: fixed(1),
        },
      }],
      arrivals: { kind: "trace", timesS: [0] },
    },
  }, 0);
  // After run 1 (completes at 1 s): 1,100 tokens live; it thinks until 101 s (beyond the horizon).
  equal(r.liveKvGiB[5], (1100 * 131_072) / 2 ** 30);
  equal(r.liveSessions[5], 1);
  equal(r.rejectedRuns, 0);
});

Deno.test("summarizeMonteCarlo() reports P(overflow) against each configuration's KV budget", async () => {
  const run = await runMonteCarlo({ ...agent, workers: 0 });
  const s = summarizeMonteCarlo(run, {
    model: "llama-3.1-8b",
    horizonS: agent.horizonS,
    grid: {
      gpus: ["l4", "h100-sxm"],
      gpuCounts: [1, 2, 4],
      kvPrecisions: ["bf16", "fp8"],
      weightPrecisions: ["bf16"],
    },
  });
  equal(s.trials, 6);
  equal(s.timesS.length, 30);
  equal(s.configs.length, 2 * 3 * 2);
  const shares = Object.values(s.categoryShares).reduce((a, c) => a + c.mean, 0);
  ok(Math.abs(shares - 1) < 1e-9);
  for (const c of s.configs) {
    // The definition, recomputed from the trials.
    const scale = c.kvPrecision === "fp8" ? 0.5 : 1;
    const over = run.trials.filter((t) => t.peakLiveKvGiB * scale > c.budgetGiB).length /
      run.trials.length;
    equal(c.pOverflow, over);
  }
  // A larger deployment never has a higher overflow probability.
  for (const gpu of ["l4", "h100-sxm"]) {
    for (const kv of ["bf16", "fp8"]) {
      const p = s.configs.filter((c) => c.gpu === gpu && c.kvPrecision === kv).map((c) =>
        c.pOverflow
      );
      ok(p[0] >= p[1] && p[1] >= p[2], `${gpu} ${kv}: ${p}`);
    }
  }
  for (const r of s.recommendations) {
    if (r.gpuCount !== null) ok(r.config!.pOverflow <= 0.01);
  }
  // Bands are ordered.
  for (let i = 0; i < s.timesS.length; i++) {
    ok(s.liveKvGiB.p50[i] <= s.liveKvGiB.p90[i] && s.liveKvGiB.p90[i] <= s.liveKvGiB.p99[i]);
  }
});

Deno.test("progress is reported once per trial", async () => {
  const seen: number[] = [];
  await runMonteCarlo({
    ...agent,
    trials: 3,
    workers: 2,
    onProgress: (done, total) => {
      equal(total, 3);
      seen.push(done);
    },
  });
  deepEqual(seen, [1, 2, 3]);
});

Deno.test("a worker that crashes fails the run with its error", async () => {
  await rejects(
    runMonteCarlo({
      ...agent,
      trials: 4,
      workers: 2,
      workerModule: new URL("./fixtures/crashing_worker.ts", import.meta.url),
    }),
    /Monte Carlo worker crashed: .*disk on fire in trial 1/,
  );
});

Deno.test("an aborted run rejects with an AbortError", async () => {
  const controller = new AbortController();
  const run = runMonteCarlo({
    ...agent,
    trials: 50,
    workers: 1,
    signal: controller.signal,
    onProgress: () => controller.abort(),
  });
  await rejects(run, { name: "AbortError" });
});

Deno.test("bad Monte Carlo options throw errors that name the field before any work starts", async () => {
  await rejects(runMonteCarlo({ ...agent, trials: 0 }), {
    name: "RangeError",
    message: /^trials: expected a positive integer; received 0$/,
  });
  await rejects(runMonteCarlo({ ...agent, horizonS: -1 }), {
    name: "RangeError",
    message: /^horizonS: expected a positive number; received -1$/,
  });
  await rejects(runMonteCarlo({ ...agent, workers: -1 }), {
    name: "RangeError",
    message: /^workers: expected an integer ≥ 0; received -1$/,
  });
  await rejects(
    runMonteCarlo({
      ...agent,
      workload: { ...agent.workload, arrivals: { kind: "poisson", ratePerS: -3 } },
    }),
    {
      name: "RangeError",
      message: /^workload\.arrivals\.ratePerS: expected a positive number; received -3$/,
    },
  );
  await rejects(
    runMonteCarlo({
      ...agent,
      workload: {
        ...agent.workload,
        mix: [{
          ...agent.workload.mix[0],
          shape: {
            ...agent.workload.mix[0].shape,
            outputTokens: { kind: "gamma", shape: 0, scale: 1 },
          },
        }],
      },
    }),
    {
      name: "RangeError",
      message:
        /^workload\.mix\[0\]\.shape\.outputTokens\.shape: expected a positive number; received 0$/,
    },
  );
  await rejects(runMonteCarlo({ ...agent, model: "gpt-5" }), {
    name: "RangeError",
    message: /^model: expected a known id/,
  });
  const run = await runMonteCarlo({ ...agent, trials: 1, workers: 0 });
  throws(
    () =>
      summarizeMonteCarlo(run, {
        model: "llama-3.1-8b",
        horizonS: 1800,
        targetOverflowProbability: 1.5,
        grid: { gpus: ["l4"], gpuCounts: [1], kvPrecisions: ["bf16"], weightPrecisions: ["bf16"] },
      }),
    {
      name: "RangeError",
      message: /^targetOverflowProbability: expected a probability in \[0, 1\]; received 1.5$/,
    },
  );
});
