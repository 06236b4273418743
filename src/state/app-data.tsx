import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { formatProblems } from '../core/import-problem.ts';
import type { Engine } from '../db/engine.ts';
import { migrate } from '../db/migrate.ts';
import { loadWorkspace, saveWorkspace } from '../db/workspace.ts';
import { claimWorkspace, loadSnapshot, saveSnapshot } from './persistence.ts';
import { SAMPLE_FILES } from './sample-data.ts';

/** The loaded database, a version that changes whenever its data does, and what may be done with it. */
export interface AppData {
  engine: Engine;
  version: number;
  /** Another tab owns the workspace: this one only shows it. */
  readOnly: boolean;
  /** Why the last save to browser storage failed, if it did (the data in memory stays usable). */
  persistError: string | undefined;
  /** Call after any change: refreshes every view and saves the workspace to browser storage. */
  changed(): Promise<void>;
  /** Takes the workspace over from another tab and reloads it here. */
  takeOver(): Promise<void>;
}

type LoadState =
  | { status: 'loading'; stage: string }
  | { status: 'ready'; engine: Engine; readOnly: boolean }
  | { status: 'error'; message: string };

const AppDataContext = createContext<AppData | null>(null);

/** The database of the running app; only inside <AppDataProvider>. */
export function useAppData(): AppData {
  const data = useContext(AppDataContext);
  if (!data) throw new Error('useAppData outside AppDataProvider');
  return data;
}

/** Fetches the sample municipality (the app's own assets) and imports it through the normal pipeline. */
export async function importSampleData(engine: Engine, onStage: (stage: string) => void = () => {}): Promise<void> {
  const { importFile, orderForImport } = await import('../db/import-file.ts');
  const files = await Promise.all(
    SAMPLE_FILES.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await (await fetch(f.url)).arrayBuffer()) })),
  );
  for (const f of orderForImport(files)) {
    onStage(`Импорт примера: ${f.name}`);
    const r = await importFile(engine, f.name, f.bytes);
    if (r.status === 'failed') throw new Error(formatProblems(r.problems, r.more));
  }
}

/**
 * Starts DuckDB and opens the workspace: the snapshot saved in this browser if there is one, else
 * the embedded sample municipality (saved at once, so the next start is a plain load).
 */
async function start(onStage: (stage: string) => void): Promise<{ engine: Engine; readOnly: boolean }> {
  onStage('Запуск DuckDB…');
  // DuckDB starts while the saved snapshot is read from browser storage.
  const [owner, engine, snapshot] = await Promise.all([
    claimWorkspace(false, () => lostListener()),
    import('../db/browser-engine.ts').then(({ createBrowserEngine }) => createBrowserEngine()),
    loadSnapshot().catch(() => null),
  ]);
  if (snapshot) {
    onStage('Открытие сохранённых данных…');
    await loadWorkspace(engine, snapshot);
  } else {
    await migrate(engine);
    onStage('Загрузка примера: условный муниципалитет…');
    await importSampleData(engine, onStage);
    if (owner) await saveSnapshot(await saveWorkspace(engine)).catch(() => undefined);
  }
  return { engine, readOnly: !owner };
}

let starting: Promise<{ engine: Engine; readOnly: boolean }> | undefined;
let stageListener: (stage: string) => void = () => {};
let lostListener: () => void = () => {};

/** Provides the database to the app and shows start-up progress or failure. */
export function AppDataProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<LoadState>({ status: 'loading', stage: 'Запуск…' });
  const [version, setVersion] = useState(1);
  const [persistError, setPersistError] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    stageListener = (stage) => live && setState({ status: 'loading', stage });
    lostListener = () => live && setState((s) => (s.status === 'ready' ? { ...s, readOnly: true } : s));
    // One engine per page, even when React runs effects twice in development.
    starting ??= start((stage) => stageListener(stage));
    starting
      .then((s) => live && setState({ status: 'ready', ...s }))
      .catch((e: unknown) => live && setState({ status: 'error', message: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, []);
  const engine = state.status === 'ready' ? state.engine : undefined;
  const readOnly = state.status === 'ready' ? state.readOnly : true;
  const changed = useCallback(async () => {
    if (!engine) return;
    setVersion((v) => v + 1);
    // Only the owning tab writes the saved workspace: a viewing tab can never overwrite it.
    if (readOnly) return;
    try {
      await saveSnapshot(await saveWorkspace(engine));
      setPersistError(undefined);
    } catch (e) {
      setPersistError(e instanceof Error ? e.message : String(e));
    }
  }, [engine, readOnly]);
  const takeOver = useCallback(async () => {
    if (!engine) return;
    await claimWorkspace(true, () => lostListener());
    const snapshot = await loadSnapshot();
    if (snapshot) await loadWorkspace(engine, snapshot);
    setState({ status: 'ready', engine, readOnly: false });
    setVersion((v) => v + 1);
  }, [engine]);
  const value = useMemo<AppData | null>(
    () => (engine ? { engine, version, readOnly, persistError, changed, takeOver } : null),
    [engine, version, readOnly, persistError, changed, takeOver],
  );
  if (state.status === 'loading') {
    return (
      <div className="loading" role="status" aria-live="polite">
        <div className="spinner" aria-hidden="true" />
        {state.stage}
      </div>
    );
  }
  if (state.status === 'error' || !value) {
    return (
      <div className="error" role="alert">
        <h2>Не удалось открыть данные</h2>
        <pre>{state.status === 'error' ? state.message : ''}</pre>
        <p>Обновите страницу. Если ошибка повторится, сообщите её текст администратору.</p>
      </div>
    );
  }
  return <AppDataContext.Provider value={value}>{children}</AppDataContext.Provider>;
}
