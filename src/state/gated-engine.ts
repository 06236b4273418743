import type { Engine } from '../db/engine.ts';

/** The pages' engine while tables are still loading in the background, and what the loader needs to know. */
export interface Gate {
  /** The engine the pages use: a query naming a table still loading (or a view built on one) waits for it. */
  engine: Engine;
  /**
   * Holds queries that name any of `tables`, or any view whose definition reads them (directly or
   * through other views), until `until` settles; a failed load fails those queries with its message.
   * `onWait` is called when a query starts waiting (a load that runs only on demand starts there).
   */
  hold(tables: readonly string[], until: Promise<unknown>, onWait?: () => void): Promise<void>;
  /** Resolves once no query of the pages has been running for `quietMs`: the loader goes between them. */
  idle(quietMs: number): Promise<void>;
  /**
   * Like `idle`, but first waits for the pages' first query to finish (the first page has rendered
   * and got its figures), at most `maxWaitMs` in all.
   */
  settled(quietMs: number, maxWaitMs: number): Promise<void>;
}

/** The identifiers a statement names; string literals are left out (`ege_metrics` says `'student_results' AS source`). */
const words = (sql: string) => new Set(sql.replace(/'(?:[^']|'')*'/g, "''").toLowerCase().match(/[a-zа-яё_][a-zа-яё0-9_]*/g) ?? []);

/**
 * Wraps an engine for the pages while the workspace loads in parts: pages never read a table
 * before it is complete (they wait instead of showing partial figures), and the background loader
 * can let the pages' queries go first. `knownViews` are the views whose definitions `hold` follows
 * (default: those the database has now — pass the schema's when its views are created later).
 */
export function gate(raw: Engine, knownViews?: ReadonlyArray<{ name: string; sql: string }>): Gate {
  const holds: Array<{ names: Set<string>; until: Promise<unknown>; onWait?: () => void }> = [];
  let running = 0;
  let completed = 0;
  let lastDone = performance.now();
  const guarded = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    const named = words(sql);
    const held = holds.filter((h) => [...h.names].some((n) => named.has(n)));
    for (const h of held) h.onWait?.();
    if (held.length) await Promise.all(held.map((h) => h.until));
    running++;
    try {
      return await run();
    } finally {
      running--;
      completed++;
      lastDone = performance.now();
    }
  };
  const engine: Engine = {
    query: (sql) => guarded(sql, () => raw.query(sql)),
    exec: (sql) => guarded(sql, () => raw.exec(sql)),
    registerFile: (name, bytes) => raw.registerFile(name, bytes),
    ...(raw.registerBlob ? { registerBlob: (name: string, file: File) => raw.registerBlob!(name, file) } : {}),
    dropFile: (name) => raw.dropFile(name),
    scratchPath: (name) => raw.scratchPath(name),
    readFile: (path) => raw.readFile(path),
    close: () => raw.close(),
  };
  return {
    engine,
    async hold(tables, until, onWait) {
      const views = knownViews?.map((v) => ({ name: v.name.toLowerCase(), sql: v.sql }))
        ?? (await raw.query<{ name: string; sql: string }>(`SELECT lower(view_name) AS name, sql FROM duckdb_views() WHERE NOT internal`));
      const names = new Set(tables.map((t) => t.toLowerCase()));
      // Views on views: repeat until no new view reads a held name.
      for (let grew = true; grew; ) {
        grew = false;
        for (const v of views) {
          if (names.has(v.name)) continue;
          const reads = words(v.sql);
          if ([...names].some((n) => reads.has(n))) {
            names.add(v.name);
            grew = true;
          }
        }
      }
      const h = { names, until, onWait };
      holds.push(h);
      // A failed load keeps its hold: queries of those tables then fail with its message.
      until.then(
        () => holds.splice(holds.indexOf(h), 1),
        () => undefined,
      );
    },
    async idle(quietMs) {
      while (running > 0 || performance.now() - lastDone < quietMs) {
        await new Promise((r) => setTimeout(r, Math.max(20, quietMs - (performance.now() - lastDone))));
      }
    },
    async settled(quietMs, maxWaitMs) {
      const t0 = performance.now();
      while (performance.now() - t0 < maxWaitMs && (completed === 0 || running > 0 || performance.now() - lastDone < quietMs)) {
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}
