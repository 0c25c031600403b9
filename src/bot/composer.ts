// grammY's Composer, leaner per update. The bot's features are some thirty filters in a row
// (`on`, `command`, `callbackQuery` are filters), and most updates pass twenty of them before
// one matches. grammY's own Composer pays at each: its `filter` goes through `lazy`, which
// builds a new Composer for the update, and each link of its chain is an async function
// wrapping the next. Together they were the largest share of what the bot allocated per update
// (docs/performance.md, item 16). Here a filter tests its predicate in place and the chain is a
// list walked by index: a filter that does not match costs a call, not a Composer and promises.
// Same semantics: middleware run in order, each decides whether to call `next`; a filter whose
// predicate holds runs its own middleware with the same `next`.
import { Composer, type Context, type Middleware, type MiddlewareFn, type NextFunction } from "grammy";

type MaybePromise<T> = T | Promise<T>;

const asFunction = <C extends Context>(middleware: Middleware<C>): MiddlewareFn<C> =>
  typeof middleware === "function" ? middleware : (ctx, next) => middleware.middleware()(ctx, next);

export class FeatureComposer<C extends Context> extends Composer<C> {
  private readonly chain: MiddlewareFn<C>[];

  constructor(...middleware: Array<Middleware<C>>) {
    super();
    this.chain = middleware.map(asFunction);
  }

  override middleware(): MiddlewareFn<C> {
    return (ctx, next) => this.run(ctx, next, 0);
  }

  /** Always a promise, as grammY's `next` is, even when a middleware answers synchronously. */
  private run(ctx: C, next: NextFunction, at: number): Promise<void> {
    const middleware = this.chain[at];
    if (middleware === undefined) return next();
    const result = middleware(ctx, () => this.run(ctx, next, at + 1));
    return result instanceof Promise ? (result as Promise<void>) : Promise.resolve();
  }

  override use(...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new FeatureComposer<C>(...middleware);
    this.chain.push(composer.middleware());
    return composer;
  }

  override filter<D extends C>(predicate: (ctx: C) => ctx is D, ...middleware: Array<Middleware<D>>): Composer<D>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C> {
    const inner = new FeatureComposer<C>(...middleware);
    const run = inner.middleware();
    this.chain.push((ctx, next) => {
      const matches = predicate(ctx);
      if (matches === true) return run(ctx, next);
      if (matches === false) return next();
      return matches.then((yes) => (yes ? run(ctx, next) : next()));
    });
    return inner;
  }
}
