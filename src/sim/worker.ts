/// <reference no-default-lib="true" />
/// <reference lib="deno.worker" />
/**
 * The Monte Carlo worker: receives the trial options once, then trial indices one at a time, and
 * posts each trial's result back. Any error is posted back (never swallowed) and fails the run.
 *
 * Protocol: in `{ type: "init", options }`, `{ type: "trial", trial }`; out `{ type: "result",
 * result }` or `{ type: "error", message, stack }`.
 *
 * @module
 */

import { runTrial, type TrialOptions } from "./trial.ts";

let options: TrialOptions | undefined;

self.onmessage = (event: MessageEvent) => {
  const message = event.data as { type: "init"; options: TrialOptions } | {
    type: "trial";
    trial: number;
  };
  try {
    if (message.type === "init") {
      options = message.options;
      return;
    }
    if (!options) throw new Error("worker: received a trial before its options");
    self.postMessage({ type: "result", result: runTrial(options, message.trial) });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    self.postMessage({ type: "error", message: `${e.name}: ${e.message}`, stack: e.stack ?? "" });
  }
};
