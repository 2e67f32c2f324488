import { deepEqual, equal, ok, throws } from "node:assert/strict";
import fc from "fast-check";
import {
  CANONICAL_HEADER,
  groupSessions,
  parseCanonicalCsv,
  readCanonicalTrace,
  type TraceRow,
} from "../../src/traces/canonical.ts";
import { TraceFormatError } from "../../src/traces/errors.ts";

const H = CANONICAL_HEADER;

function row(over: Partial<TraceRow> = {}): TraceRow {
  return {
    sessionId: "s",
    run: 0,
    tS: 0,
    inputTokens: 100,
    outputTokens: 10,
    reusedPrefixTokens: null,
    split: "fit",
    ...over,
  };
}

Deno.test("parseCanonicalCsv() reads every column of a row", () => {
  const { rows } = parseCanonicalCsv(`${H}\ntrace_0001,3,62.5,96785,776,91776,fit\n`);
  deepEqual(rows, [{
    sessionId: "trace_0001",
    run: 3,
    tS: 62.5,
    inputTokens: 96785,
    outputTokens: 776,
    reusedPrefixTokens: 91776,
    split: "fit",
  }]);
});

Deno.test("parseCanonicalCsv() maps an empty session id and reused prefix to null", () => {
  const { rows } = parseCanonicalCsv(`${H}\n,0,0.052,3180,8,,fit\n`);
  equal(rows[0].sessionId, null);
  equal(rows[0].reusedPrefixTokens, null);
  equal(rows[0].tS, 0.052);
});

Deno.test("parseCanonicalCsv() gives the same rows for LF, CRLF, a BOM and no final newline", () => {
  const lines = [H, "a,0,0,10,1,0,fit", "a,1,2,20,2,10,fit"];
  const expected = parseCanonicalCsv(lines.join("\n") + "\n");
  equal(expected.rows.length, 2);
  for (
    const text of [
      lines.join("\r\n") + "\r\n",
      lines.join("\r\n"),
      lines.join("\n"),
      "\uFEFF" + lines.join("\n") + "\n\n\r\n",
    ]
  ) {
    deepEqual(parseCanonicalCsv(text), expected);
  }
});

Deno.test("parseCanonicalCsv() reports each bad row with its line number and reason", () => {
  const text = [
    H, //                                     line 1
    "a,0,0,100,10,,fit", //                   line 2: good
    "a,1,5,100,10,fit", //                    line 3: 6 fields
    "a,2,abc,100,10,,fit", //                 line 4: t_s not a number
    "a,3,7,-5,10,,fit", //                    line 5: negative input
    "a,4,8,100,NaN,,fit", //                  line 6: NaN output
    "a,5.5,9,100,10,,fit", //                 line 7: fractional run
    "a,6,10,100,10,,train", //                line 8: unknown split
    "", //                                    line 9: blank line before the end
    "a,7,11,100,10,2.5,fit", //               line 10: fractional reused prefix
    "a,8,-1,100,10,,fit", //                  line 11: negative time
    'a,9,12,"100,10,,fit', //                 line 12: unterminated quote
    "a,10,13,1e400,10,,fit", //               line 13: input not an integer ≥ 0
    "a,11,14,100,10,,holdout", //             line 14: good
    "",
    "",
  ].join("\n");
  const result = parseCanonicalCsv(text);
  deepEqual(result.skipped.map((s) => s.line), [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  const reason = (line: number): string => result.skipped.find((s) => s.line === line)!.reason;
  ok(reason(3).includes("expected 7 fields") && reason(3).includes("received 6"));
  equal(reason(4), 't_s: expected a number ≥ 0; received "abc" (not a number)');
  equal(reason(5), 'input_tokens: expected an integer ≥ 0; received "-5" (negative)');
  equal(reason(6), 'output_tokens: expected an integer ≥ 0; received "NaN" (not a number)');
  equal(reason(7), 'run: expected an integer ≥ 0; received "5.5" (not an integer)');
  equal(reason(8), 'split: expected "fit" or "holdout"; received "train"');
  equal(reason(9), "blank line");
  equal(
    reason(10),
    'reused_prefix_tokens: expected an integer ≥ 0; received "2.5" (not an integer)',
  );
  equal(reason(11), 't_s: expected a number ≥ 0; received "-1" (negative)');
  ok(reason(12).startsWith("unterminated quoted field"));
  ok(reason(13).startsWith("input_tokens: expected an integer ≥ 0"));
  deepEqual(result.counts, { total: 13, kept: 2, skipped: 11, bySplit: { fit: 1, holdout: 1 } });
});

Deno.test("parseCanonicalCsv() lists every bad field of one row in its reason", () => {
  const { skipped } = parseCanonicalCsv(`${H}\na,x,0,-1,10,,fit\n`);
  equal(
    skipped[0].reason,
    'run: expected an integer ≥ 0; received "x" (not a number); ' +
      'input_tokens: expected an integer ≥ 0; received "-1" (negative)',
  );
});

Deno.test("parseCanonicalCsv() accepts RFC 4180 quoted fields", () => {
  const { rows, skipped } = parseCanonicalCsv(`${H}\n"user ""7"", chat",0,"1.5",10,2,,"fit"\n`);
  equal(skipped.length, 0);
  equal(rows[0].sessionId, 'user "7", chat');
  equal(rows[0].tS, 1.5);
});

Deno.test("parseCanonicalCsv() keeps only the requested split but counts both", () => {
  const text = `${H}\na,0,0,1,1,,fit\nb,0,0,1,1,,holdout\nc,0,0,1,1,,fit\n`;
  const fit = parseCanonicalCsv(text, { split: "fit" });
  deepEqual(fit.rows.map((r) => r.sessionId), ["a", "c"]);
  deepEqual(fit.counts, { total: 3, kept: 2, skipped: 0, bySplit: { fit: 2, holdout: 1 } });
  deepEqual(parseCanonicalCsv(text, { split: "holdout" }).rows.map((r) => r.sessionId), ["b"]);
  equal(parseCanonicalCsv(text).rows.length, 3);
});

Deno.test("parseCanonicalCsv() rejects an unknown split option naming options.split", () => {
  throws(
    () => parseCanonicalCsv(`${H}\n`, { split: "test" as "fit" }),
    (e: unknown) => e instanceof TypeError && /options\.split: expected one of/.test(e.message),
  );
});

Deno.test("parseCanonicalCsv() throws one TraceFormatError naming the file and the header", () => {
  const wrong =
    "session,run,t_s,input_tokens,output_tokens,reused_prefix_tokens,split\na,0,0,1,1,,fit";
  throws(
    () => parseCanonicalCsv(wrong, { source: "weka.csv" }),
    (e: unknown) =>
      e instanceof TraceFormatError && e.source === "weka.csv" && e.issues.length === 1 &&
      e.issues[0].line === 1 && e.message.startsWith("weka.csv: 1 issue") &&
      e.message.includes(`expected the header "${H}"`) && e.message.includes('received "session,'),
  );
  throws(
    () => parseCanonicalCsv(""),
    (e: unknown) => e instanceof TraceFormatError && /the file is empty/.test(e.message),
  );
  throws(() => parseCanonicalCsv("1,2,3\n"), TraceFormatError); // data without a header
});

Deno.test("parseCanonicalCsv() accepts a header alone: zero rows", () => {
  deepEqual(parseCanonicalCsv(`${H}\r\n`).counts, {
    total: 0,
    kept: 0,
    skipped: 0,
    bySplit: { fit: 0, holdout: 0 },
  });
});

Deno.test("parseCanonicalCsv() round-trips any valid rows (property)", () => {
  const arbRow = fc.record({
    sessionId: fc.option(fc.stringMatching(/^[A-Za-z0-9_\/.-]{1,20}$/), { nil: null }),
    run: fc.nat(10_000),
    tS: fc.oneof(fc.nat(10 ** 7), fc.double({ min: 0, max: 1e7, noNaN: true })),
    inputTokens: fc.nat(2_000_000),
    outputTokens: fc.nat(100_000),
    reusedPrefixTokens: fc.option(fc.nat(2_000_000), { nil: null }),
    split: fc.constantFrom<"fit" | "holdout">("fit", "holdout"),
  });
  fc.assert(
    fc.property(fc.array(arbRow, { maxLength: 30 }), fc.boolean(), (rows, crlf) => {
      const eol = crlf ? "\r\n" : "\n";
      const lines = rows.map((r) =>
        [
          r.sessionId ?? "",
          r.run,
          String(r.tS),
          r.inputTokens,
          r.outputTokens,
          r.reusedPrefixTokens ?? "",
          r.split,
        ].join(",")
      );
      const result = parseCanonicalCsv([H, ...lines].join(eol) + eol);
      deepEqual(result.rows, rows.map((r) => ({ ...r, tS: Number(String(r.tS)) })));
      equal(result.counts.skipped, 0);
    }),
  );
});

Deno.test("readCanonicalTrace() names the file in a header error", async () => {
  const path = await Deno.makeTempFile({ suffix: ".csv" });
  try {
    await Deno.writeTextFile(path, "a,b\n1,2\n");
    let caught: unknown;
    try {
      await readCanonicalTrace(path);
    } catch (e) {
      caught = e;
    }
    ok(caught instanceof TraceFormatError);
    equal(caught.source, path);
    ok(caught.message.startsWith(`${path}: 1 issue`));
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("groupSessions() keeps first-seen order and sorts each session's runs", () => {
  const sessions = groupSessions([
    row({ sessionId: "b", run: 2 }),
    row({ sessionId: "a", run: 0 }),
    row({ sessionId: "b", run: 0 }),
    row({ sessionId: "b", run: 1 }),
  ]);
  deepEqual(sessions.map((s) => [s.sessionId, s.runs.map((r) => r.run)]), [
    ["b", [0, 1, 2]],
    ["a", [0]],
  ]);
});

Deno.test("groupSessions() makes every row without a session id its own session", () => {
  const sessions = groupSessions([row({ sessionId: null }), row({ sessionId: null, tS: 1 })]);
  equal(sessions.length, 2);
  ok(sessions.every((s) => s.sessionId === null && s.runs.length === 1));
});

Deno.test("groupSessions() rejects a run that appears twice, naming the session", () => {
  throws(
    () => groupSessions([row({ sessionId: "x", run: 1 }), row({ sessionId: "x", run: 1 })]),
    (e: unknown) => e instanceof RangeError && /session "x" has run 1 twice/.test(e.message),
  );
  throws(() => groupSessions("rows" as unknown as TraceRow[]), TypeError);
});
