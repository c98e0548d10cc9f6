/**
 * drizzle runs every unnamed query through postgres.js with `prepare: false`, which costs two round trips
 * per statement (Parse/Describe, then Bind/Execute). Our statements have stable texts, so letting postgres.js
 * prepare and cache them per connection halves the round trips of a transition. This wraps the client (and
 * the transaction clients `begin` hands out) so `unsafe` always prepares.
 */
import type { Sql } from 'postgres';

export function alwaysPrepare<T extends Sql<any>>(client: T): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') {
        return (query: string, params?: unknown[], options?: Record<string, unknown>) =>
          target.unsafe(query, params as never, { ...options, prepare: true });
      }
      if (prop === 'begin') {
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: Sql<any>) => unknown;
          return (target.begin as (...a: unknown[]) => unknown)(...args, (tx: Sql<any>) => fn(alwaysPrepare(tx)));
        };
      }
      if (prop === 'savepoint') {
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: Sql<any>) => unknown;
          return ((target as unknown as { savepoint: (...a: unknown[]) => unknown }).savepoint)(...args, (tx: Sql<any>) => fn(alwaysPrepare(tx)));
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
