import { useEffect, useState } from 'react';
import type { Row } from '../db/engine.ts';
import { useAppData } from './app-data.tsx';

/** A query's state in a view: rows when done, the error (with its SQL) when it failed. */
export interface QueryState<T> {
  data: T[] | undefined;
  error: { message: string; sql: string } | undefined;
  loading: boolean;
}

const cache = new Map<string, Promise<Row[]>>();

/**
 * Runs a view's SQL through the shared runner: results are cached by SQL text and data version,
 * so views that need the same numbers share one query; a newer SQL replaces an older one's result
 * even if the older finishes later (latest wins). Pass null to run nothing.
 */
export function useQuery<T extends Row>(sql: string | null): QueryState<T> {
  const { engine, version } = useAppData();
  const [state, setState] = useState<QueryState<T> & { key: string | null }>({ data: undefined, error: undefined, loading: sql !== null, key: null });
  useEffect(() => {
    if (sql === null) return;
    let current = true;
    const key = `${version}\u0000${sql}`;
    let pending = cache.get(key);
    if (!pending) {
      pending = engine.query(sql);
      cache.set(key, pending);
      pending.catch(() => cache.delete(key));
    }
    setState((s) => ({ ...s, loading: true }));
    pending.then(
      (rows) => current && setState({ data: rows as T[], error: undefined, loading: false, key }),
      (e: unknown) => current && setState({ data: undefined, error: { message: e instanceof Error ? e.message : String(e), sql }, loading: false, key }),
    );
    return () => {
      current = false;
    };
  }, [engine, version, sql]);
  return { data: state.data, error: state.error, loading: state.loading };
}
