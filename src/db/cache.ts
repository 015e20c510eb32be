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

/**
 * The same, for values looked up by a key (e.g. a point by its public code): at most `maxKeys`
 * per database are kept, and the oldest go first when there are more.
 */
export function cachedPerDbByKey<T>(ttlMs: number, maxKeys: number, load: (db: Db, key: string) => Promise<T>): (db: Db, key: string) => Promise<T> {
  const caches = new WeakMap<Db, Map<string, { at: number; value: Promise<T> }>>();
  return (db, key) => {
    let cache = caches.get(db);
    if (!cache) caches.set(db, (cache = new Map()));
    const cached = cache.get(key);
    if (cached && Date.now() - cached.at < ttlMs) return cached.value;
    cache.delete(key);
    if (cache.size >= maxKeys) cache.delete(cache.keys().next().value as string);
    const value = load(db, key);
    cache.set(key, { at: Date.now(), value });
    value.catch(() => cache.delete(key));
    return value;
  };
}
