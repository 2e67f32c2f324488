import { deepEqual, equal, ok, throws } from "node:assert/strict";
import fc from "fast-check";
import {
  detectUsageShape,
  normalizeUsage,
  readUsage,
  tryNormalizeUsage,
} from "../../src/profiler/usage.ts";
import type { TokenUsage } from "../../src/events/event_types.ts";

// ---- real response bodies from the providers' docs ----------------------------------------

// OpenAI API reference, "Create chat completion" (platform.openai.com/docs/api-reference/chat/create),
// the example response's usage.
const OPENAI_CHAT_EXAMPLE = {
  prompt_tokens: 19,
  completion_tokens: 10,
  total_tokens: 29,
  prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
  completion_tokens_details: {
    reasoning_tokens: 0,
    audio_tokens: 0,
    accepted_prediction_tokens: 0,
    rejected_prediction_tokens: 0,
  },
};

// OpenAI guide "Prompt caching" (platform.openai.com/docs/guides/prompt-caching), the example
// usage of a request whose prefix hit the cache.
const OPENAI_CACHED_EXAMPLE = {
  prompt_tokens: 2006,
  completion_tokens: 300,
  total_tokens: 2306,
  prompt_tokens_details: { cached_tokens: 1920 },
  completion_tokens_details: {
    reasoning_tokens: 0,
    accepted_prediction_tokens: 0,
    rejected_prediction_tokens: 0,
  },
};

// OpenAI API reference, "Create a model response" (platform.openai.com/docs/api-reference/responses/create),
// the example response's usage.
const OPENAI_RESPONSES_EXAMPLE = {
  input_tokens: 36,
  input_tokens_details: { cached_tokens: 0 },
  output_tokens: 87,
  output_tokens_details: { reasoning_tokens: 0 },
  total_tokens: 123,
};

// Anthropic API reference, "Messages" → "Create a Message" (docs.anthropic.com/en/api/messages),
// the example response's usage.
const ANTHROPIC_MESSAGES_EXAMPLE = {
  input_tokens: 2095,
  output_tokens: 503,
  cache_creation_input_tokens: 2051,
  cache_read_input_tokens: 2051,
  cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
  server_tool_use: { web_search_requests: 0 },
  service_tier: "standard",
};

// The same page's older example, before the cache fields were listed.
const ANTHROPIC_PLAIN_EXAMPLE = { input_tokens: 2095, output_tokens: 503 };

function usage(
  inputTokens: number,
  outputTokens: number,
  cachedInputTokens: number,
): TokenUsage {
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens, cachedInputTokens };
}

Deno.test("normalizeUsage() reads OpenAI's Chat Completions example: 19 + 10 = 29 tokens", () => {
  deepEqual(normalizeUsage(OPENAI_CHAT_EXAMPLE), usage(19, 10, 0));
});

Deno.test("normalizeUsage() keeps OpenAI's cached tokens inside prompt_tokens (2006 incl. 1920)", () => {
  deepEqual(normalizeUsage(OPENAI_CACHED_EXAMPLE), usage(2006, 300, 1920));
});

Deno.test("normalizeUsage() reads OpenAI's Responses example: 36 + 87 = 123 tokens", () => {
  deepEqual(normalizeUsage(OPENAI_RESPONSES_EXAMPLE), usage(36, 87, 0));
  deepEqual(
    normalizeUsage({ ...OPENAI_RESPONSES_EXAMPLE, input_tokens_details: { cached_tokens: 20 } }),
    usage(36, 87, 20),
  );
});

Deno.test("normalizeUsage() adds Anthropic's cache reads and writes to input_tokens", () => {
  // 2,095 after the last breakpoint + 2,051 read + 2,051 written = 6,197 prompt tokens.
  deepEqual(normalizeUsage(ANTHROPIC_MESSAGES_EXAMPLE), usage(6197, 503, 2051));
  deepEqual(normalizeUsage(ANTHROPIC_PLAIN_EXAMPLE), usage(2095, 503, 0));
});

Deno.test("normalizeUsage() treats Anthropic's null cache fields as 0", () => {
  deepEqual(
    normalizeUsage({
      input_tokens: 10,
      output_tokens: 5,
      cache_read_input_tokens: null,
      cache_creation_input_tokens: null,
    }),
    usage(10, 5, 0),
  );
});

Deno.test("normalizeUsage() reads the reference's shape, with or without totals and cache", () => {
  deepEqual(normalizeUsage({ promptTokens: 1200, completionTokens: 300 }), usage(1200, 300, 0));
  deepEqual(
    normalizeUsage({ promptTokens: 1200, completionTokens: 300, totalTokens: 1500 }),
    usage(1200, 300, 0),
  );
  deepEqual(
    normalizeUsage({ promptTokens: 1200, completionTokens: 300, cachedTokens: 1000 }),
    usage(1200, 300, 1000),
  );
});

Deno.test("detectUsageShape() names the shape each rule picks", () => {
  equal(detectUsageShape({ promptTokens: 1, completionTokens: 1 }), "reference");
  equal(detectUsageShape(OPENAI_CHAT_EXAMPLE), "openai-chat");
  equal(detectUsageShape(OPENAI_RESPONSES_EXAMPLE), "openai-responses");
  equal(
    detectUsageShape({ input_tokens: 1, output_tokens: 1, total_tokens: 2 }),
    "openai-responses",
  );
  equal(detectUsageShape(ANTHROPIC_MESSAGES_EXAMPLE), "anthropic");
  equal(detectUsageShape(ANTHROPIC_PLAIN_EXAMPLE), "anthropic");
  equal(detectUsageShape({ input_tokens: 1, cache_read_input_tokens: null }), "anthropic");
  equal(detectUsageShape({}), undefined);
  equal(detectUsageShape(null), undefined);
  equal(detectUsageShape([1, 2]), undefined);
});

Deno.test("an object with both Anthropic cache fields and Responses fields is rejected as ambiguous", () => {
  const raw = { input_tokens: 10, output_tokens: 5, total_tokens: 15, cache_read_input_tokens: 3 };
  throws(() => normalizeUsage(raw), {
    name: "TypeError",
    message: /^usage: expected either Anthropic cache fields .* not both; received /,
  });
  equal(tryNormalizeUsage(raw).ok, false);
  deepEqual(
    (tryNormalizeUsage({ ...raw, total_tokens: undefined, input_tokens_details: {} }) as {
      code: string;
    }).code,
    "ambiguous_shape",
  );
});

Deno.test("a total that is not input + output is rejected, naming the total field", () => {
  throws(() => normalizeUsage({ ...OPENAI_CHAT_EXAMPLE, total_tokens: 30 }), {
    name: "RangeError",
    message: "usage.total_tokens: expected prompt_tokens + completion_tokens (29); received 30",
  });
  throws(() => normalizeUsage({ ...OPENAI_RESPONSES_EXAMPLE, total_tokens: 124 }), {
    name: "RangeError",
    message: "usage.total_tokens: expected input_tokens + output_tokens (123); received 124",
  });
  throws(() => normalizeUsage({ promptTokens: 1, completionTokens: 2, totalTokens: 4 }), {
    name: "RangeError",
    message: "usage.totalTokens: expected promptTokens + completionTokens (3); received 4",
  });
  throws(() => normalizeUsage({ promptTokens: 1, completionTokens: 2, totalTokens: "3" }), {
    name: "TypeError",
    message: 'usage.totalTokens: expected an integer ≥ 0; received "3"',
  });
});

Deno.test("cached tokens above the prompt are rejected, naming the cached field", () => {
  throws(
    () => normalizeUsage({ ...OPENAI_CHAT_EXAMPLE, prompt_tokens_details: { cached_tokens: 20 } }),
    {
      name: "RangeError",
      message: "usage.prompt_tokens_details.cached_tokens: expected ≤ the prompt's 19 tokens; " +
        "received 20",
    },
  );
  throws(() => normalizeUsage({ promptTokens: 5, completionTokens: 1, cachedTokens: 6 }), {
    name: "RangeError",
    message: "usage.cachedTokens: expected ≤ the prompt's 5 tokens; received 6",
  });
  throws(
    () =>
      normalizeUsage({ ...OPENAI_RESPONSES_EXAMPLE, input_tokens_details: { cached_tokens: 37 } }),
    /usage\.input_tokens_details\.cached_tokens: expected ≤ the prompt's 36 tokens; received 37/,
  );
});

Deno.test("counts that are not integers ≥ 0 are rejected with the field and the value", () => {
  const cases: [unknown, string, string][] = [
    [
      { prompt_tokens: -3, completion_tokens: 1 },
      "RangeError",
      "usage.prompt_tokens: expected an integer ≥ 0; received -3",
    ],
    [
      { prompt_tokens: 1, completion_tokens: Number.NaN },
      "RangeError",
      "usage.completion_tokens: expected an integer ≥ 0; received NaN",
    ],
    [
      { prompt_tokens: 1.5, completion_tokens: 1 },
      "RangeError",
      "usage.prompt_tokens: expected an integer ≥ 0; received 1.5",
    ],
    [
      { prompt_tokens: Infinity, completion_tokens: 1 },
      "RangeError",
      "usage.prompt_tokens: expected an integer ≥ 0; received Infinity",
    ],
    [
      { prompt_tokens: "19", completion_tokens: 1 },
      "TypeError",
      'usage.prompt_tokens: expected an integer ≥ 0; received "19"',
    ],
    [
      { prompt_tokens: null, completion_tokens: 1 },
      "TypeError",
      "usage.prompt_tokens: expected an integer ≥ 0; received null",
    ],
    [
      { input_tokens: 1, output_tokens: -1 },
      "RangeError",
      "usage.output_tokens: expected an integer ≥ 0; received -1",
    ],
    [
      { input_tokens: 1, output_tokens: 1, cache_read_input_tokens: -5 },
      "RangeError",
      "usage.cache_read_input_tokens: expected an integer ≥ 0; received -5",
    ],
    [
      { input_tokens: 1, output_tokens: 1, cache_creation_input_tokens: "2" },
      "TypeError",
      'usage.cache_creation_input_tokens: expected an integer ≥ 0; received "2"',
    ],
    [
      { promptTokens: 1, completionTokens: 2 ** 53 },
      "RangeError",
      `usage.completionTokens: expected an integer ≥ 0; received ${2 ** 53}`,
    ],
    [
      { ...OPENAI_CHAT_EXAMPLE, prompt_tokens_details: { cached_tokens: -1 } },
      "RangeError",
      "usage.prompt_tokens_details.cached_tokens: expected an integer ≥ 0; received -1",
    ],
  ];
  for (const [raw, name, message] of cases) {
    throws(() => normalizeUsage(raw), { name, message });
    const result = tryNormalizeUsage(raw);
    ok(!result.ok);
    equal(result.reason, message);
    equal(result.code, "invalid_count");
  }
});

Deno.test("missing counts are rejected with the missing field named", () => {
  const cases: [unknown, string][] = [
    [{ prompt_tokens: 19 }, "usage.completion_tokens: expected an integer ≥ 0; received undefined"],
    [{ completion_tokens: 10 }, "usage.prompt_tokens: expected an integer ≥ 0; received undefined"],
    [{ completionTokens: 10 }, "usage.promptTokens: expected an integer ≥ 0; received undefined"],
    [{ input_tokens: 10 }, "usage.output_tokens: expected an integer ≥ 0; received undefined"],
    [
      { output_tokens: 10, total_tokens: 10 },
      "usage.input_tokens: expected an integer ≥ 0; received undefined",
    ],
    [
      { promptTokens: undefined },
      "usage.promptTokens: expected an integer ≥ 0; received undefined",
    ],
  ];
  for (const [raw, message] of cases) {
    throws(() => normalizeUsage(raw), { name: "TypeError", message });
    const result = tryNormalizeUsage(raw);
    ok(!result.ok);
    equal(result.code, "missing_count");
  }
  throws(() => normalizeUsage({ tokens: 5 }), {
    name: "TypeError",
    message:
      /^usage: expected token counts \(promptTokens\/completionTokens, prompt_tokens\/completion_tokens or input_tokens\/output_tokens\); received \{"tokens":5\}$/,
  });
  deepEqual(tryNormalizeUsage({}), {
    ok: false,
    code: "missing_count",
    reason: "usage: expected token counts (promptTokens/completionTokens, " +
      "prompt_tokens/completion_tokens or input_tokens/output_tokens); received {}",
  });
});

Deno.test("a usage that is not an object is rejected", () => {
  for (
    const [raw, shown] of [[null, "null"], [undefined, "undefined"], [42, "42"], ["19", '"19"'], [[
      19,
      10,
    ], "[19,10]"]] as const
  ) {
    throws(() => normalizeUsage(raw), {
      name: "TypeError",
      message: `usage: expected an object; received ${shown}`,
    });
    deepEqual(tryNormalizeUsage(raw), {
      ok: false,
      code: "not_object",
      reason: `usage: expected an object; received ${shown}`,
    });
  }
  throws(() => normalizeUsage({ ...OPENAI_CHAT_EXAMPLE, prompt_tokens_details: 5 }), {
    name: "TypeError",
    message: "usage.prompt_tokens_details: expected an object; received 5",
  });
});

Deno.test("a usage of zero tokens is rejected: reason zero tokens", () => {
  for (
    const raw of [
      { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      { promptTokens: 0, completionTokens: 0 },
      { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0 },
      {
        input_tokens: 0,
        output_tokens: 0,
        total_tokens: 0,
        input_tokens_details: { cached_tokens: 0 },
      },
    ]
  ) {
    throws(() => normalizeUsage(raw), {
      name: "RangeError",
      message: "usage: expected at least one token; received zero tokens",
    });
    deepEqual(tryNormalizeUsage(raw), {
      ok: false,
      code: "zero_tokens",
      reason: "usage: expected at least one token; received zero tokens",
    });
  }
  // Cache reads alone are tokens: not zero.
  deepEqual(
    normalizeUsage({ input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 7 }),
    usage(7, 0, 7),
  );
});

Deno.test("reasons use the field prefix the caller gives (output.usage)", () => {
  throws(() => normalizeUsage({ prompt_tokens: -3, completion_tokens: 1 }, "output.usage"), {
    message: "output.usage.prompt_tokens: expected an integer ≥ 0; received -3",
  });
});

Deno.test("readUsage() fills the caller's object and returns undefined on success", () => {
  const out = usage(9, 9, 9);
  equal(readUsage(ANTHROPIC_MESSAGES_EXAMPLE, out), undefined);
  deepEqual(out, usage(6197, 503, 2051));
  const failure = readUsage({ promptTokens: -1, completionTokens: 0 }, out);
  deepEqual(failure, {
    code: "invalid_count",
    errorType: "RangeError",
    reason: "usage.promptTokens: expected an integer ≥ 0; received -1",
  });
});

Deno.test("tryNormalizeUsage() never throws, and what it accepts is consistent", () => {
  const count = fc.oneof(
    fc.nat(),
    fc.integer(),
    fc.double(),
    fc.constantFrom(null, undefined, "7", Number.NaN),
  );
  const raw = fc.oneof(
    fc.anything(),
    fc.record(
      { promptTokens: count, completionTokens: count, totalTokens: count, cachedTokens: count },
      { requiredKeys: [] },
    ),
    fc.record(
      {
        prompt_tokens: count,
        completion_tokens: count,
        total_tokens: count,
        prompt_tokens_details: fc.oneof(fc.record({ cached_tokens: count }), count),
      },
      { requiredKeys: [] },
    ),
    fc.record(
      {
        input_tokens: count,
        output_tokens: count,
        total_tokens: count,
        cache_read_input_tokens: count,
        cache_creation_input_tokens: count,
        input_tokens_details: fc.record({ cached_tokens: count }),
      },
      { requiredKeys: [] },
    ),
  );
  fc.assert(
    fc.property(raw, (r) => {
      const result = tryNormalizeUsage(r);
      if (!result.ok) return result.reason.startsWith("usage");
      const u = result.usage;
      return [u.inputTokens, u.outputTokens, u.totalTokens, u.cachedInputTokens].every((n) =>
        Number.isSafeInteger(n) && n >= 0
      ) && u.totalTokens === u.inputTokens + u.outputTokens && u.totalTokens > 0 &&
        u.cachedInputTokens <= u.inputTokens;
    }),
    { numRuns: 3000 },
  );
});
