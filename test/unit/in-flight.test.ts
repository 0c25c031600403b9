// At most `limit` updates are handled at once; the others wait their turn in the order they
// came, and shutdown waits for those waiting too.
import { describe, expect, it } from "vitest";
import { createInFlight } from "../../src/bot/in-flight.js";

/** A handler that runs until the test lets it finish. */
function held() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { done, finish };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("updates in flight", () => {
  it("handles at most the limit at once and lets the rest in, in the order they came", async () => {
    const inFlight = createInFlight(2);
    const started: number[] = [];
    const handlers = [0, 1, 2, 3, 4].map(() => held());
    const runs = handlers.map((h, i) =>
      inFlight.middleware({} as never, async () => {
        started.push(i);
        await h.done;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    handlers[1]!.finish();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    // One arriving now waits behind those already waiting, even when a slot comes free at once.
    const late = inFlight.middleware({} as never, async () => void started.push(5));
    handlers[0]!.finish();
    handlers[2]!.finish();
    await tick();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    handlers[3]!.finish();
    await tick();
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    handlers[4]!.finish();
    await Promise.all([...runs, late]);
  });

  it("counts an update waiting for its turn as in flight, so shutdown waits for it", async () => {
    const inFlight = createInFlight(1);
    const first = held();
    let secondRan = false;
    void inFlight.middleware({} as never, () => first.done);
    void inFlight.middleware({} as never, async () => void (secondRan = true));
    let drained = false;
    const waiting = inFlight.drained().then(() => (drained = true));
    await tick();
    expect(drained).toBe(false);
    first.finish();
    await waiting;
    expect(secondRan).toBe(true);
  });
});
