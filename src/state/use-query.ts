import { useEffect, useState } from 'react';
import type { Engine, Row } from '../db/engine.ts';
import { useAppData } from './app-data.tsx';

/** A query's state in a view: rows when done, the error (with its SQL) when it failed. */
export interface QueryState<T> {
  data: T[] | undefined;
  error: { message: string; sql: string } | undefined;
  loading: boolean;
}

const cache = new Map<string, Promise<Row[]>>();

/** The shared promise of a query's rows, started on first demand (a failed one is forgotten, so it can be retried). */
function rowsOf(engine: Engine, key: string, sql: string): Promise<Row[]> {
  let pending = cache.get(key);
  if (!pending) {
    pending = engine.query(sql);
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

/**
 * Runs a view's SQL through the shared runner: results are cached by SQL text and data version,
 * so views that need the same numbers share one query; a newer SQL replaces an older one's result
 * even if the older finishes later (latest wins). Pass null to run nothing.
 */
export function useQuery<T extends Row>(sql: string | null): QueryState<T> {
  const { engine, version } = useAppData();
  const [state, setState] = useState<QueryState<T> & { key: string | null }>({ data: undefined, error: undefined, loading: sql !== null, key: null });
  const key = sql === null ? null : `${version}\u0000${sql}`;
  // Sent while rendering, not in the effect: effects run only after the browser has painted the
  // page, and at a cold start that paint would stand between the data opening and its first query.
  // The cache makes a repeated render (or StrictMode's double one) send it once; once this key has
  // its result (rows or error), rendering never sends it again.
  if (key !== null && sql !== null && state.key !== key) void rowsOf(engine, key, sql).catch(() => undefined);
  useEffect(() => {
    if (sql === null || key === null) return;
    let current = true;
    const pending = rowsOf(engine, key, sql);
    setState((s) => ({ ...s, loading: true }));
    pending.then(
      (rows) => current && setState({ data: rows as T[], error: undefined, loading: false, key }),
      (e: unknown) => current && setState({ data: undefined, error: { message: e instanceof Error ? e.message : String(e), sql }, loading: false, key }),
    );
    return () => {
      current = false;
    };
  }, [engine, key, sql]);
  return { data: state.data, error: state.error, loading: state.loading };
}
