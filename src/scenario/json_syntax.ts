/**
 * Where a JSON text first goes wrong, as a line and a column. `JSON.parse` says so only for some
 * mistakes (V8 reports `Unexpected token '}', "…" is not valid JSON` without a position), so
 * this small recursive-descent scanner (RFC 8259's grammar) finds the spot itself.
 *
 * @example
 * ```ts
 * import { jsonSyntaxError } from "./json_syntax.ts";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(jsonSyntaxError('{\n  "a": 1,\n  "b": }'), {
 *   line: 3, column: 8, message: "expected a value; found '}'",
 * });
 * ```
 * @module
 */

/** A JSON syntax error's position (1-based) and what was expected there. */
export interface JsonSyntaxError {
  /** Line, 1-based. */
  line: number;
  /** Column, 1-based (UTF-16 code units). */
  column: number;
  /** What was expected, and what was found. */
  message: string;
}

class Fail {
  constructor(readonly pos: number, readonly expected: string) {}
}

function scan(text: string): void {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const fail = (expected: string): never => {
    throw new Fail(i, expected);
  };
  const literal = (word: string) => {
    if (!text.startsWith(word, i)) fail(`"${word}"`);
    i += word.length;
  };
  const string = () => {
    i++; // opening quote
    while (text[i] !== '"') {
      if (i >= text.length) fail("a closing '\"'");
      const c = text.charCodeAt(i);
      if (c < 0x20) fail("no control character inside a string (escape it)");
      if (text[i] === "\\") {
        i++;
        if (text[i] === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail("four hex digits after \\u");
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? "")) {
          fail('an escape: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\u');
        }
      }
      i++;
    }
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail("a number");
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") return object();
    if (c === "[") return array();
    if (c === '"') return string();
    if (c === "t") return literal("true");
    if (c === "f") return literal("false");
    if (c === "n") return literal("null");
    if (c === "-" || (c >= "0" && c <= "9")) return number();
    fail("a value");
  };
  const members = (close: string, member: () => void, what: string) => {
    i++;
    ws();
    if (text[i] === close) return void i++;
    for (;;) {
      member();
      ws();
      if (text[i] === close) return void i++;
      if (text[i] !== ",") fail(`',' or '${close}' after ${what}`);
      i++;
    }
  };
  const object = () =>
    members("}", () => {
      ws();
      if (text[i] !== '"') fail("a double-quoted property name");
      string();
      ws();
      if (text[i] !== ":") fail("':' after a property name");
      i++;
      value();
    }, "a property value");
  const array = () => members("]", value, "an array element");
  value();
  ws();
  if (i < text.length) fail("the end of the text");
}

/**
 * The first syntax error of a JSON text, or null when it is valid JSON.
 * @param text the text
 * @returns where and what, or null
 */
export function jsonSyntaxError(text: string): JsonSyntaxError | null {
  try {
    scan(text);
    return null;
  } catch (error) {
    if (!(error instanceof Fail)) throw error;
    const before = text.slice(0, error.pos).split("\n");
    const found = error.pos >= text.length ? "the end of the text" : `'${text[error.pos]}'`;
    return {
      line: before.length,
      column: before[before.length - 1].length + 1,
      message: `expected ${error.expected}; found ${found}`,
    };
  }
}
