/**
 * zod's issues as `ScenarioIssue`s: a JSON path, `expected …; received …`, unknown keys with the
 * closest known key, and union failures resolved to the branch the user evidently meant (the
 * one whose `kind` matched, or the one with the fewest problems) instead of every branch's
 * complaints.
 *
 * @module
 */

import type { z } from "zod";
import { closeMatches, describe } from "../validate.ts";
import { jsonPath, type ScenarioIssue } from "./errors.ts";
import { knownKeys } from "./schema_parts.ts";

type Issue = z.core.$ZodIssue;

const TYPE_NAMES: Record<string, string> = {
  number: "a number",
  int: "an integer",
  string: "a string",
  boolean: "true or false",
  object: "an object",
  array: "an array",
  tuple: "an array",
  record: "an object",
};

function received(issue: Issue): string {
  const input = (issue as { input?: unknown }).input;
  return input === undefined ? "nothing" : describe(input);
}

function expectedOf(issue: Issue): string | undefined {
  if (issue.message.startsWith("expected ")) return issue.message.slice("expected ".length);
  switch (issue.code) {
    case "invalid_type":
      return TYPE_NAMES[issue.expected] ?? issue.expected;
    case "invalid_value":
      return issue.values.length === 1
        ? JSON.stringify(issue.values[0])
        : `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "custom": {
      const params = issue.params as { expected?: string } | undefined;
      return params?.expected;
    }
    default:
      return undefined;
  }
}

function unknownKeys(issue: Issue & { code: "unrecognized_keys" }, at: PropertyKey[]) {
  const known = knownKeys(issue.keys);
  return issue.keys.map((key): ScenarioIssue => {
    const near = closeMatches(key, known, 1);
    return {
      path: jsonPath([...at, key]),
      message: `unknown key${near.length > 0 ? ` (did you mean "${near[0]}"?)` : ""}`,
      expected: known.length > 0 ? `one of the keys ${known.join(", ")}` : undefined,
      received: JSON.stringify(key),
    };
  });
}

function isKindMismatch(i: Issue): boolean {
  return i.path.length === 1 && i.path[0] === "kind" && i.code === "invalid_value";
}

function isWrongShape(i: Issue): boolean {
  return i.path.length === 0 && (i.code === "invalid_type" || i.code === "invalid_value");
}

function weight(branch: Issue[]): number {
  return branch.reduce((n, i) => n + (i.code === "unrecognized_keys" ? i.keys.length : 1), 0);
}

function union(issue: Issue & { code: "invalid_union" }, at: PropertyKey[]): ScenarioIssue[] {
  const branches = issue.errors as Issue[][];
  const meant = branches.filter((b) => !b.some((i) => isKindMismatch(i) || isWrongShape(i)));
  if (meant.length > 0) {
    const best = meant.reduce((a, b) => (weight(b) < weight(a) ? b : a));
    return zodIssues(best, at);
  }
  const input = (issue as { input?: unknown }).input;
  const kinds = [
    ...new Set(
      branches.flatMap((b) =>
        b.filter(isKindMismatch).flatMap((i) => i.code === "invalid_value" ? i.values : [])
      ),
    ),
  ];
  if (kinds.length > 0 && typeof input === "object" && input !== null && !Array.isArray(input)) {
    const kind = (input as Record<string, unknown>).kind;
    const exp = `one of ${kinds.map((k) => JSON.stringify(k)).join(", ")}`;
    const got = kind === undefined ? "nothing" : describe(kind);
    return [{
      path: jsonPath([...at, "kind"]),
      message: `expected ${exp}; received ${got}`,
      expected: exp,
      received: got,
    }];
  }
  const shapes = [
    ...new Set(branches.flatMap((b) => b.filter(isWrongShape).map((i) => expectedOf(i) ?? "?"))),
  ];
  const exp = shapes.join(" or ");
  const got = input === undefined ? "nothing" : describe(input);
  return [{
    path: jsonPath(at),
    message: `expected ${exp}; received ${got}`,
    expected: exp,
    received: got,
  }];
}

/**
 * Converts zod issues (parsed with `reportInput: true`) into scenario issues.
 * @param issues zod's issues
 * @param base the path the issues are relative to
 * @returns one or more scenario issues per zod issue
 */
export function zodIssues(
  issues: readonly Issue[],
  base: readonly PropertyKey[] = [],
): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  for (const issue of issues) {
    const at = [...base, ...issue.path];
    if (issue.code === "unrecognized_keys") out.push(...unknownKeys(issue, at));
    else if (issue.code === "invalid_union") out.push(...union(issue, at));
    else {
      const exp = expectedOf(issue);
      const params = issue.code === "custom"
        ? issue.params as { received?: string } | undefined
        : undefined;
      const got = params?.received ?? received(issue);
      out.push(
        exp === undefined ? { path: jsonPath(at), message: issue.message, received: got } : {
          path: jsonPath(at),
          message: `expected ${exp}; received ${got}`,
          expected: exp,
          received: got,
        },
      );
    }
  }
  return out;
}
