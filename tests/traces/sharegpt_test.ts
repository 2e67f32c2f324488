import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { parseShareGptStats, SHAREGPT_HEADER } from "../../src/traces/sharegpt.ts";
import { TraceFormatError } from "../../src/traces/errors.ts";

const H = SHAREGPT_HEADER;

Deno.test("parseShareGptStats() reads the etalon file's first rows", () => {
  const text = `${H}\n74,918,992,0.0806100217864923\n290,905,1195,0.3204419889502762\n`;
  deepEqual(parseShareGptStats(text).rows, [
    { prefillTokens: 74, decodeTokens: 918 },
    { prefillTokens: 290, decodeTokens: 905 },
  ]);
});

Deno.test("parseShareGptStats() reports inconsistent and malformed rows with line numbers", () => {
  const text = [
    H,
    "10,5,15,2", //        line 2: good
    "10,5,16,2", //        line 3: total ≠ prefill + decode
    "10,5,15,3", //        line 4: ratio ≠ prefill ÷ decode
    "10,-5,5,2", //        line 5: negative decode
    "10,5,15", //          line 6: 3 fields
    "",
  ].join("\r\n");
  const result = parseShareGptStats(text);
  deepEqual(result.skipped.map((s) => s.line), [3, 4, 5, 6]);
  ok(result.skipped[0].reason.startsWith("num_total_tokens: expected"));
  ok(result.skipped[1].reason.startsWith("pd_ratio: expected"));
  ok(
    result.skipped[2].reason.includes('num_decode_tokens: expected an integer ≥ 0; received "-5"'),
  );
  ok(result.skipped[3].reason.includes("expected 4 fields"));
  deepEqual(result.counts, { total: 5, kept: 1, skipped: 4 });
});

Deno.test("parseShareGptStats() throws a TraceFormatError naming the source and header", () => {
  throws(
    () => parseShareGptStats("prefill,decode\n1,2\n", { source: "sharegpt.csv" }),
    (e: unknown) =>
      e instanceof TraceFormatError && e.source === "sharegpt.csv" &&
      e.message.includes(`expected the header "${H}"`),
  );
  throws(() => parseShareGptStats(""), TraceFormatError);
  equal(parseShareGptStats(`${H}\n`).counts.total, 0);
});
