import type { Db } from './client.js';

/**
 * A per-process, per-database cache of a small table-derived value, reloaded after `ttlMs`.
 * The app keeps no state of its own (DESIGN §2): such caches are rebuildable, and a change shows
 * on every node within `ttlMs`.
 */
export function cachedPerDb<T>(ttlMs: number, load: (db: Db) => Promise<T>): (db: Db) => Promise<T> {
  const cache = new WeakMap<Db, { at: number; value: Promise<T> }>();
  return (db) => {
    const cached = cache.get(db);
    if (cached && Date.now() - cached.at < ttlMs) return cached.value;
    const value = load(db);
    cache.set(db, { at: Date.now(), value });
    value.catch(() => cache.delete(db));
    return value;
  };
}
