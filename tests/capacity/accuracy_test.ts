import { ok } from "node:assert/strict";
import {
  ACCURACY_TARGETS,
  accuracyMarkdown,
  engineKvAccuracy,
  latencyAccuracy,
} from "../../src/capacity/accuracy.ts";

Deno.test("every KV-pool measurement is within 10 % (and start/refuse agrees), or names its known gap", () => {
  for (const r of engineKvAccuracy()) {
    const m = r.measurement;
    const label = `${m.engine} ${m.model} on ${m.gpu}: error ${r.error}`;
    if (m.knownGap) ok(!r.withinTarget, `${label} is within target: drop its knownGap`);
    else ok(r.withinTarget, `${label} is outside ±${ACCURACY_TARGETS.kvTokens * 100} %`);
  }
});

Deno.test("at least six KV-pool measurements are matched within 10 %", () => {
  ok(engineKvAccuracy().filter((r) => r.withinTarget && r.measurement.started).length >= 6);
});

Deno.test("every latency measurement is within target (TPOT 25 %, TTFT 40 %), or names its known gap", () => {
  for (const r of latencyAccuracy()) {
    const m = r.measurement;
    const label =
      `${m.engine} ${m.model} on ${m.gpu} × ${m.tensorParallel}, ${m.promptTokens} tokens: ` +
      `TTFT error ${r.ttftError}, TPOT error ${r.tpotError}`;
    if (m.knownGap) ok(!r.withinTarget, `${label} is within target: drop its knownGap`);
    else ok(r.withinTarget, `${label} is outside target`);
  }
});

Deno.test("at least six TPOT and six TTFT measurements are matched within target", () => {
  const rows = latencyAccuracy();
  ok(
    rows.filter((r) => r.tpotError !== null && Math.abs(r.tpotError) <= ACCURACY_TARGETS.tpot)
      .length >= 6,
  );
  ok(
    rows.filter((r) => r.ttftError !== null && Math.abs(r.ttftError) <= ACCURACY_TARGETS.ttft)
      .length >= 6,
  );
});

Deno.test("the accuracy table cites every measurement's source", () => {
  const md = accuracyMarkdown();
  for (const r of [...engineKvAccuracy(), ...latencyAccuracy()]) {
    ok(md.includes(r.measurement.source));
  }
});
