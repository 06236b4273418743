import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { formatProblems } from '../core/import-problem.ts';
import type { Engine } from '../db/engine.ts';
import { importFile, orderForImport } from '../db/import-file.ts';
import { migrate } from '../db/migrate.ts';
import { SAMPLE_FILES } from './sample-data.ts';

/** The loaded database and a version that changes whenever its data does (to refresh queries). */
export interface AppData {
  engine: Engine;
  version: number;
}

type LoadState =
  | { status: 'loading'; stage: string }
  | { status: 'ready'; data: AppData }
  | { status: 'error'; message: string };

const AppDataContext = createContext<AppData | null>(null);

/** The database of the running app; only inside <AppDataProvider>. */
export function useAppData(): AppData {
  const data = useContext(AppDataContext);
  if (!data) throw new Error('useAppData outside AppDataProvider');
  return data;
}

/** Starts DuckDB, brings the schema up to date and, when the database is empty, loads the sample municipality. */
async function start(onStage: (stage: string) => void): Promise<AppData> {
  onStage('Запуск DuckDB…');
  const { createBrowserEngine } = await import('../db/browser-engine.ts');
  const engine = await createBrowserEngine();
  await migrate(engine);
  const [{ n }] = (await engine.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM imports')) as [{ n: number }];
  if (n === 0) {
    onStage('Загрузка примера: условный муниципалитет…');
    const files = await Promise.all(
      SAMPLE_FILES.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await (await fetch(f.url)).arrayBuffer()) })),
    );
    for (const f of orderForImport(files)) {
      onStage(`Импорт примера: ${f.name}`);
      const r = await importFile(engine, f.name, f.bytes);
      if (r.status === 'failed') throw new Error(formatProblems(r.problems, r.more));
    }
  }
  return { engine, version: 1 };
}

let starting: Promise<AppData> | undefined;
let stageListener: (stage: string) => void = () => {};

/** Provides the database to the app and shows start-up progress or failure. */
export function AppDataProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<LoadState>({ status: 'loading', stage: 'Запуск…' });
  useEffect(() => {
    let live = true;
    stageListener = (stage) => live && setState({ status: 'loading', stage });
    // One engine per page, even when React runs effects twice in development.
    starting ??= start((stage) => stageListener(stage));
    starting
      .then((data) => live && setState({ status: 'ready', data }))
      .catch((e: unknown) => live && setState({ status: 'error', message: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, []);
  if (state.status === 'loading') {
    return (
      <div className="loading" role="status" aria-live="polite">
        <div className="spinner" aria-hidden="true" />
        {state.stage}
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div className="error" role="alert">
        <h2>Не удалось открыть данные</h2>
        <pre>{state.message}</pre>
        <p>Обновите страницу. Если ошибка повторится, сообщите её текст администратору.</p>
      </div>
    );
  }
  return <AppDataContext.Provider value={state.data}>{children}</AppDataContext.Provider>;
}
