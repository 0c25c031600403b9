// The features' Composer walks its chain by index and tests filters in place; it must behave as
// grammY's own: the same middleware run, in the same order, with the same `next`.
import { describe, expect, it } from "vitest";
import { Composer, type Context } from "grammy";
import { FeatureComposer } from "../../src/bot/composer.js";

type Ctx = Context & { seen: string[]; kind: string };
const ctxOf = (kind: string) => ({ seen: [], kind, update: { update_id: 1 } }) as unknown as Ctx;

/** A chain like a feature's: a command-like filter, an async filter, a catch-all; and what it saw. */
function build(make: () => Composer<Ctx>) {
  const root = make();
  root.use(async (ctx, next) => {
    ctx.seen.push("first");
    await next();
    ctx.seen.push("first after");
  });
  root.filter((ctx) => ctx.kind === "start", (ctx) => void ctx.seen.push("start"));
  root.filter(async (ctx) => ctx.kind === "tap", async (ctx, next) => {
    ctx.seen.push("tap");
    await next();
  });
  const later = root.use();
  root.use((ctx) => void ctx.seen.push("anything else"));
  // Added after the chain was built, as a feature may: it must still run, in its place.
  later.use(async (ctx, next) => {
    ctx.seen.push("added later");
    await next();
  });
  return async (kind: string) => {
    const ctx = ctxOf(kind);
    await root.middleware()(ctx, async () => void ctx.seen.push("next"));
    return ctx.seen;
  };
}

describe("the features' composer", () => {
  it("runs the same middleware in the same order as grammY's Composer, for every kind of update", async () => {
    const ours = build(() => new FeatureComposer<Ctx>());
    const grammys = build(() => new Composer<Ctx>());
    for (const kind of ["start", "tap", "text"]) expect(await ours(kind)).toEqual(await grammys(kind));
    expect(await ours("start")).toEqual(["first", "start", "first after"]);
    expect(await ours("tap")).toEqual(["first", "tap", "added later", "anything else", "first after"]);
    expect(await ours("text")).toEqual(["first", "added later", "anything else", "first after"]);
  });

  it("calls `next` after its last middleware, and passes a failure to whoever awaits it", async () => {
    const composer = new FeatureComposer<Ctx>();
    composer.filter((ctx) => ctx.kind === "start", () => undefined);
    composer.callbackQuery("x", () => undefined);
    const ctx = ctxOf("text");
    let reached = false;
    await composer.middleware()(ctx, async () => void (reached = true));
    expect(reached).toBe(true);

    composer.use(() => {
      throw new Error("boom");
    });
    await expect((async () => composer.middleware()(ctxOf("text"), async () => undefined))()).rejects.toThrow("boom");
  });
});
