/** Caller context accepted as the optional second argument of every FileService op. */
export interface OpContext {
  /** Who asked (e.g. the link of a target); passed back to onInvalidate so it is not echoed. */
  origin?: unknown;
  /** Aborts a waiting operation (SETLKW); the op then fails with EINTR. */
  signal?: AbortSignal;
}

const ids = new WeakMap<object, string>();
let next = 0;

/**
 * A stable string key for an origin value: objects by identity, primitives by value.
 * Lookup counts, handles, lock owners and keepCache snapshots are kept per origin key.
 */
export function originKey(origin: unknown): string {
  if (origin === undefined) return "";
  if ((typeof origin === "object" && origin !== null) || typeof origin === "function") {
    let id = ids.get(origin);
    if (id === undefined) {
      id = `o${++next}`;
      ids.set(origin, id);
    }
    return id;
  }
  return `p:${typeof origin}:${String(origin)}`;
}
