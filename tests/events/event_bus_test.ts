import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { EventBus } from "../../src/events/event_bus.ts";
import type { CapsimEvents, ListenerErrorEvent } from "../../src/events/event_types.ts";

Deno.test("emit() calls the event's listeners synchronously, in registration order", () => {
  const bus = new EventBus();
  const calls: string[] = [];
  bus.on("session.end", (e) => calls.push(`first ${e.sessionId}`));
  bus.on("session.end", (e) => calls.push(`second ${e.sessionId}`));
  bus.on("run.start", () => calls.push("other event"));
  bus.emit("session.end", { sessionId: "s1" });
  calls.push("after emit");
  deepEqual(calls, ["first s1", "second s1", "after emit"]);
});

Deno.test("emit() of an event nobody listens to does nothing", () => {
  const bus = new EventBus();
  bus.emit("session.end", { sessionId: "s1" });
  equal(bus.listenerErrors, 0);
  equal(bus.hasListeners("session.end"), false);
});

Deno.test("on() returns the bus, so calls chain", () => {
  const bus = new EventBus();
  let n = 0;
  bus.on("session.end", () => n++).on("run.start", () => n++);
  bus.emit("session.end", { sessionId: "a" });
  bus.emit("run.start", { runId: "r" });
  equal(n, 2);
});

Deno.test("once() listeners run on the next emit only", () => {
  const bus = new EventBus();
  let n = 0;
  bus.once("session.end", () => n++);
  bus.emit("session.end", { sessionId: "a" });
  bus.emit("session.end", { sessionId: "b" });
  equal(n, 1);
  equal(bus.listenerCount("session.end"), 0);
});

Deno.test("a once() listener runs once even when an earlier listener re-emits the event", () => {
  const bus = new EventBus();
  const seen: string[] = [];
  bus.on("session.end", (e) => {
    if (e.sessionId === "outer") bus.emit("session.end", { sessionId: "inner" });
  });
  bus.once("session.end", (e) => seen.push(e.sessionId));
  bus.emit("session.end", { sessionId: "outer" });
  deepEqual(seen, ["inner"]);
});

Deno.test("off() removes a listener registered by on() or once(); unknown ones are ignored", () => {
  const bus = new EventBus();
  let n = 0;
  const a = () => n++;
  const b = () => n += 10;
  bus.on("session.end", a);
  bus.once("session.end", b);
  bus.off("session.end", a).off("session.end", b);
  bus.off("session.end", () => {});
  bus.off("run.start", a);
  bus.emit("session.end", { sessionId: "s" });
  equal(n, 0);
  equal(bus.listenerCount("session.end"), 0);
});

Deno.test("registering the same function twice for an event registers it once", () => {
  const bus = new EventBus();
  let n = 0;
  const listener = () => n++;
  bus.on("session.end", listener);
  bus.on("session.end", listener);
  bus.once("session.end", listener); // already registered by on(): keeps that registration
  equal(bus.listenerCount("session.end"), 1);
  bus.emit("session.end", { sessionId: "s" });
  bus.emit("session.end", { sessionId: "s" });
  equal(n, 2);
  bus.on("run.start", listener); // another event is another registration
  equal(bus.listenerCount("run.start"), 1);
});

Deno.test("a listener added during an emit does not run for that emit, but for the next", () => {
  const bus = new EventBus();
  const calls: string[] = [];
  const late = () => calls.push("late");
  bus.on("session.end", () => {
    calls.push("early");
    bus.on("session.end", late);
  });
  bus.emit("session.end", { sessionId: "s" });
  deepEqual(calls, ["early"]);
  bus.emit("session.end", { sessionId: "s" });
  deepEqual(calls, ["early", "early", "late"]);
});

Deno.test("a listener removed during an emit does not run later in that emit", () => {
  const bus = new EventBus();
  const calls: string[] = [];
  const second = () => calls.push("second");
  bus.on("session.end", () => {
    calls.push("first");
    bus.off("session.end", second);
  });
  bus.on("session.end", second);
  bus.on("session.end", () => calls.push("third"));
  bus.emit("session.end", { sessionId: "s" });
  deepEqual(calls, ["first", "third"]);
});

Deno.test("a listener may remove itself during an emit without disturbing the others", () => {
  const bus = new EventBus();
  const calls: string[] = [];
  const self = () => {
    calls.push("self");
    bus.off("session.end", self);
  };
  bus.on("session.end", self);
  bus.on("session.end", () => calls.push("next"));
  bus.emit("session.end", { sessionId: "s" });
  bus.emit("session.end", { sessionId: "s" });
  deepEqual(calls, ["self", "next", "next"]);
});

Deno.test("onAny() listeners get every event's name and payload, after its own listeners", () => {
  const bus = new EventBus();
  const calls: string[] = [];
  const any = (event: string, payload: unknown) =>
    calls.push(`any ${event} ${JSON.stringify(payload)}`);
  bus.onAny(any);
  bus.onAny(any); // once only
  bus.on("session.end", () => calls.push("own"));
  bus.emit("session.end", { sessionId: "s" });
  bus.emit("custom.thing", 42);
  deepEqual(calls, ["own", 'any session.end {"sessionId":"s"}', "any custom.thing 42"]);
  bus.offAny(any);
  bus.offAny(any); // unknown now: ignored
  bus.emit("custom.thing", 43);
  equal(calls.length, 3);
});

Deno.test("a throwing listener does not stop emit() or the other listeners", () => {
  const bus = new EventBus();
  const calls: string[] = [];
  bus.on("session.end", () => calls.push("before"));
  bus.on("session.end", () => {
    throw new Error("boom");
  });
  bus.on("session.end", () => calls.push("after"));
  bus.onAny((event) => calls.push(`any ${event}`));
  bus.emit("session.end", { sessionId: "s" });
  // The error is reported where it happened: onAny listeners hear bus.listener_error too.
  deepEqual(calls, ["before", "any bus.listener_error", "after", "any session.end"]);
  equal(bus.listenerErrors, 1);
});

Deno.test("listener errors are emitted as bus.listener_error { event, error }", () => {
  const bus = new EventBus();
  const reports: ListenerErrorEvent[] = [];
  const boom = new Error("boom");
  bus.on("bus.listener_error", (e) => reports.push(e));
  bus.on("session.end", () => {
    throw boom;
  });
  bus.emit("session.end", { sessionId: "s" });
  deepEqual(reports, [{ event: "session.end", error: boom }]);
  equal(bus.droppedListenerErrors, 0);
});

Deno.test("several throwing listeners in one emit are each reported", () => {
  const bus = new EventBus();
  const reported: unknown[] = [];
  bus.on("bus.listener_error", (e) => reported.push(e.error));
  bus.on("session.end", () => {
    throw 1;
  });
  bus.on("session.end", () => {
    throw 2;
  });
  bus.onAny((event) => {
    if (event === "session.end") throw 3;
  });
  bus.emit("session.end", { sessionId: "s" });
  deepEqual(reported, [1, 2, 3]);
  equal(bus.listenerErrors, 3);
});

Deno.test("onListenerError receives listener errors instead of bus.listener_error", () => {
  const got: [string, unknown][] = [];
  const bus = new EventBus({ onListenerError: (event, error) => got.push([event, error]) });
  let emitted = 0;
  bus.on("bus.listener_error", () => emitted++);
  bus.on("run.start", () => {
    throw "bad";
  });
  bus.emit("run.start", { runId: "r" });
  deepEqual(got, [["run.start", "bad"]]);
  equal(emitted, 0);
  equal(bus.listenerErrors, 1);
});

Deno.test("an onListenerError that throws is dropped and counted, never rethrown", () => {
  const bus = new EventBus({
    onListenerError: () => {
      throw new Error("handler broken too");
    },
  });
  bus.on("run.start", () => {
    throw new Error("boom");
  });
  bus.emit("run.start", { runId: "r" });
  equal(bus.listenerErrors, 1);
  equal(bus.droppedListenerErrors, 1);
});

Deno.test("a bus.listener_error listener that throws is dropped and counted (no recursion)", () => {
  const bus = new EventBus();
  let reports = 0;
  bus.on("bus.listener_error", () => {
    reports++;
    throw new Error("reporter broken");
  });
  bus.on("session.end", () => {
    throw new Error("boom");
  });
  bus.emit("session.end", { sessionId: "s" });
  equal(reports, 1);
  equal(bus.listenerErrors, 2);
  equal(bus.droppedListenerErrors, 1);
});

Deno.test("an onAny listener that always throws is reported once per emit, not recursively", () => {
  const bus = new EventBus();
  bus.onAny(() => {
    throw new Error("any broken");
  });
  bus.emit("session.end", { sessionId: "s" });
  // session.end → bus.listener_error (the any listener throws again) → dropped.
  equal(bus.listenerErrors, 2);
  equal(bus.droppedListenerErrors, 1);
});

Deno.test("a listener error with no bus.listener_error listener is counted as dropped", () => {
  const bus = new EventBus();
  bus.on("session.end", () => {
    throw new Error("boom");
  });
  bus.emit("session.end", { sessionId: "s" });
  equal(bus.listenerErrors, 1);
  equal(bus.droppedListenerErrors, 1);
});

Deno.test("new EventBus() rejects an onListenerError that is not a function", () => {
  throws(
    // @ts-expect-error: not a function
    () => new EventBus({ onListenerError: "log" }),
    { name: "TypeError", message: "onListenerError: expected a function; received string" },
  );
});

Deno.test("on(), once() and onAny() reject a listener that is not a function", () => {
  const bus = new EventBus();
  // @ts-expect-error: not a function
  throws(() => bus.on("session.end", null), {
    name: "TypeError",
    message: "listener: expected a function; received object",
  });
  // @ts-expect-error: not a function
  throws(() => bus.once("session.end", 5), /listener: expected a function; received number/);
  // @ts-expect-error: not a function
  throws(() => bus.onAny("x"), /listener: expected a function/);
  // @ts-expect-error: not a string
  throws(() => bus.on(Symbol("e"), () => {}), /event: expected a string; received symbol/);
});

Deno.test("hasListeners() and listenerCount() count own and onAny listeners", () => {
  const bus = new EventBus();
  equal(bus.hasListeners("session.end"), false);
  bus.on("session.end", () => {});
  equal(bus.hasListeners("session.end"), true);
  equal(bus.listenerCount("session.end"), 1);
  equal(bus.hasListeners("run.start"), false);
  bus.onAny(() => {});
  equal(bus.hasListeners("run.start"), true);
  equal(bus.listenerCount("run.start"), 0);
});

Deno.test("clear() removes every listener, even during an emit", () => {
  const bus = new EventBus();
  const calls: string[] = [];
  bus.on("session.end", () => {
    calls.push("first");
    bus.clear();
  });
  bus.on("session.end", () => calls.push("second"));
  bus.onAny(() => calls.push("any"));
  bus.emit("session.end", { sessionId: "s" });
  bus.emit("session.end", { sessionId: "s" });
  deepEqual(calls, ["first"]);
});

Deno.test("the default bus accepts arbitrary event names with unknown payloads", () => {
  const bus = new EventBus();
  let got: unknown;
  bus.on("anything", (payload) => {
    got = payload; // payload: unknown
  });
  bus.emit("anything", { any: "shape" });
  deepEqual(got, { any: "shape" });
  // Known events stay typed:
  const typeOnly = () => {
    // @ts-expect-error: sessionId must be a string
    bus.emit("session.end", { sessionId: 1 });
  };
  ok(typeof typeOnly === "function");
  bus.on("capacity.warning", (w) => {
    const message: string = w.message;
    ok(message.length >= 0);
  });
});

Deno.test("EventBus<CapsimEvents & MyEvents> types users' own events", () => {
  interface MyEvents {
    "tool.call": { tool: string; ms: number };
  }
  const bus = new EventBus<CapsimEvents & MyEvents>();
  let ms = 0;
  bus.on("tool.call", (e) => {
    ms += e.ms;
  });
  bus.emit("tool.call", { tool: "search", ms: 120 });
  equal(ms, 120);
  const typeOnly = () => {
    // @ts-expect-error: ms must be a number
    bus.emit("tool.call", { tool: "search", ms: "slow" });
  };
  ok(typeof typeOnly === "function");
});

Deno.test("nested emits run depth first and keep each emit's listener order", () => {
  const bus = new EventBus();
  const calls: string[] = [];
  bus.on("run.start", (e) => {
    calls.push(`start ${e.runId}`);
    bus.emit("session.end", { sessionId: e.runId });
    calls.push(`start done ${e.runId}`);
  });
  bus.on("session.end", (e) => calls.push(`end ${e.sessionId}`));
  bus.emit("run.start", { runId: "r" });
  deepEqual(calls, ["start r", "end r", "start done r"]);
});
