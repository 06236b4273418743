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
/** The rows of every query that has answered, by key: a view coming back to one shows them at once. */
const answered = new Map<string, Row[]>();

/** The shared promise of a query's rows, started on first demand (a failed one is forgotten, so it can be retried). */
function rowsOf(engine: Engine, key: string, sql: string): Promise<Row[]> {
  let pending = cache.get(key);
  if (!pending) {
    pending = engine.query(sql);
    cache.set(key, pending);
    pending.then(
      (rows) => answered.set(key, rows),
      () => cache.delete(key),
    );
  }
  return pending;
}

/**
 * Runs a view's SQL through the shared runner: results are cached by SQL text and data version,
 * so views that need the same numbers share one query. Latest wins: a view shows only answers to
 * its current SQL — while the query of new filters runs, the figures of the old ones are not shown
 * under them, and an older query finishing later is ignored. After a change of the data (same SQL,
 * newer version) the previous answer stays until the new one comes, so tables do not vanish and
 * lose what the user opened in them. Pass null to run nothing.
 */
export function useQuery<T extends Row>(sql: string | null): QueryState<T> {
  const { engine, version } = useAppData();
  const [state, setState] = useState<{ key: string | null; sql?: string; data?: T[]; error?: QueryState<T>['error'] }>({ key: null });
  const key = sql === null ? null : `${version}\u0000${sql}`;
  const known = key === null ? undefined : (answered.get(key) as T[] | undefined);
  // Sent while rendering, not in the effect: effects run only after the browser has painted the
  // page, and at a cold start that paint would stand between the data opening and its first query.
  // The cache makes a repeated render (or StrictMode's double one) send it once.
  if (key !== null && sql !== null && state.key !== key && !known) void rowsOf(engine, key, sql).catch(() => undefined);
  useEffect(() => {
    if (sql === null || key === null) return;
    let current = true;
    rowsOf(engine, key, sql).then(
      (rows) => current && setState({ key, sql, data: rows as T[] }),
      (e: unknown) => current && setState({ key, sql, error: { message: e instanceof Error ? e.message : String(e), sql } }),
    );
    return () => {
      current = false;
    };
  }, [engine, key, sql]);
  if (key === null) return { data: undefined, error: undefined, loading: false };
  if (state.key === key) return { data: state.data, error: state.error, loading: false };
  if (known) return { data: known, error: undefined, loading: false };
  return { data: state.sql === sql ? state.data : undefined, error: undefined, loading: true };
}
