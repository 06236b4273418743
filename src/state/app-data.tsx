import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { formatProblems } from '../core/import-problem.ts';
import { refreshDerived } from '../db/derived.ts';
import type { Engine } from '../db/engine.ts';
import { migrate } from '../db/migrate.ts';
import { collectGarbage, loadStudentRows, loadSummary, readManifest, saveSplit, type FileStore, type Manifest } from '../db/split-workspace.ts';
import { loadWorkspace } from '../db/workspace.ts';
import { claimWorkspace, loadLegacySnapshot, opfsStore, removeLegacySnapshot, requireStore } from './persistence.ts';
import { SAMPLE_FILES } from './sample-data.ts';

/** Whether `student_results` holds every saved row yet (they load after the pages appear). */
export type StudentRowsState = 'loading' | 'ready' | 'error';

/** The loaded database, a version that changes whenever its data does, and what may be done with it. */
export interface AppData {
  engine: Engine;
  version: number;
  /** Another tab owns the workspace: this one only shows it. */
  readOnly: boolean;
  /** Why the last save to browser storage failed, if it did (the data in memory stays usable). */
  persistError: string | undefined;
  /**
   * The pages read only the summary tables, which are loaded first; the student rows follow in the
   * background. Anything that reads or writes `student_results` awaits `ensureStudentRows()` first.
   */
  studentRows: StudentRowsState;
  /** Resolves once `student_results` holds every saved row (starts loading them if not yet started). */
  ensureStudentRows(): Promise<void>;
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

/** The page's one workspace session: the engine, where it is saved, and the student rows' loading. */
interface Session {
  engine: Engine;
  owner: boolean;
  store: FileStore | undefined;
  /** The manifest of the state saved in OPFS (what this tab loaded or last saved). */
  manifest: Manifest | null;
  /** Loads the student rows of `manifest` (once); null when they are already in. */
  loadStudents: (() => Promise<void>) | null;
  students: Promise<void> | undefined;
  saving: Promise<void>;
}

/** How long after the pages appear the student rows start loading: the first charts' queries go first. */
const STUDENT_ROWS_DELAY_MS = 800;

/**
 * Starts DuckDB and opens the workspace: the summary saved in this browser if there is one (the
 * student rows are loaded later, see `studentRowsOf`), else an earlier version's single-file
 * snapshot (converted once), else the embedded sample municipality (saved at once).
 */
async function start(onStage: (stage: string) => void): Promise<Session> {
  onStage('Запуск DuckDB…');
  // DuckDB starts while the saved manifest is read from browser storage.
  const [owner, engine, saved] = await Promise.all([
    claimWorkspace(false, () => lostListener()),
    import('../db/browser-engine.ts').then(({ createBrowserEngine }) => createBrowserEngine()),
    opfsStore()
      .catch(() => undefined)
      .then(async (store) => ({ store, manifest: store ? await readManifest(store) : null })),
  ]);
  const { store, manifest } = saved;
  const session: Session = { engine, owner, store, manifest, loadStudents: null, students: undefined, saving: Promise.resolve() };
  if (store && manifest) {
    onStage('Открытие сохранённых данных…');
    const { derivedMissing } = await loadSummary(engine, store, manifest);
    session.loadStudents = async () => {
      await loadStudentRows(engine, store, manifest);
      // A summary saved before the derived tables existed: computed once the student rows are in.
      if (derivedMissing) {
        await refreshDerived(engine);
        derivedListener();
      }
      if (owner) await collectGarbage(store, manifest);
    };
    return session;
  }
  const legacy = await loadLegacySnapshot().catch(() => null);
  if (legacy) {
    onStage('Открытие сохранённых данных (перевод в новый формат хранения)…');
    await loadWorkspace(engine, legacy);
  } else {
    await migrate(engine);
    onStage('Загрузка примера: условный муниципалитет…');
    await importSampleData(engine, onStage);
  }
  if (owner && store) {
    try {
      session.manifest = (await saveSplit(engine, store, null)).manifest;
      await collectGarbage(store, session.manifest);
      if (legacy) await removeLegacySnapshot();
    } catch {
      // The data is open in this tab; the next change tries to save again (and says so if it fails).
    }
  }
  return session;
}

/** The promise of the session's student rows, starting their loading if it has not started. */
function studentRowsOf(session: Session): Promise<void> {
  if (!session.students) {
    session.students = session.loadStudents ? session.loadStudents() : Promise.resolve();
    session.students.then(
      () => studentsListener('ready'),
      () => studentsListener('error'),
    );
  }
  return session.students;
}

let starting: Promise<Session> | undefined;
let stageListener: (stage: string) => void = () => {};
let lostListener: () => void = () => {};
let studentsListener: (state: StudentRowsState) => void = () => {};
let derivedListener: () => void = () => {};

/** Provides the database to the app and shows start-up progress or failure. */
export function AppDataProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<LoadState>({ status: 'loading', stage: 'Запуск…' });
  const [session, setSession] = useState<Session | undefined>();
  const [version, setVersion] = useState(1);
  const [persistError, setPersistError] = useState<string | undefined>();
  const [studentRows, setStudentRows] = useState<StudentRowsState>('loading');
  useEffect(() => {
    let live = true;
    stageListener = (stage) => live && setState({ status: 'loading', stage });
    lostListener = () => live && setState((s) => (s.status === 'ready' ? { ...s, readOnly: true } : s));
    studentsListener = (s) => live && setStudentRows(s);
    derivedListener = () => live && setVersion((v) => v + 1);
    // One engine per page, even when React runs effects twice in development.
    starting ??= start((stage) => stageListener(stage));
    let timer: ReturnType<typeof setTimeout> | undefined;
    starting
      .then((s) => {
        if (!live) return;
        setSession(s);
        setState({ status: 'ready', engine: s.engine, readOnly: !s.owner });
        if (!s.loadStudents) setStudentRows('ready');
        // The pages' first queries are queued in the worker before the student rows' statements.
        else timer = setTimeout(() => void studentRowsOf(s).catch(() => undefined), STUDENT_ROWS_DELAY_MS);
      })
      .catch((e: unknown) => live && setState({ status: 'error', message: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, []);
  useEffect(() => {
    // Visible to tests and the benchmark: whether the pages are showing before the student rows are in.
    document.documentElement.dataset.studentRows = studentRows;
  }, [studentRows]);
  const engine = state.status === 'ready' ? state.engine : undefined;
  const readOnly = state.status === 'ready' ? state.readOnly : true;
  const ensureStudentRows = useCallback(() => (session ? studentRowsOf(session) : Promise.resolve()), [session]);
  const changed = useCallback(async () => {
    if (!session) return;
    setVersion((v) => v + 1);
    // Only the owning tab writes the saved workspace: a viewing tab can never overwrite it.
    if (readOnly) return;
    const save = async () => {
      // Student files are compared with the rows in memory: they must all be there first.
      await studentRowsOf(session);
      const store = session.store ?? (await requireStore());
      session.store = store;
      session.manifest = (await saveSplit(session.engine, store, session.manifest)).manifest;
      await collectGarbage(store, session.manifest);
    };
    // One save at a time, in order: each starts from the manifest the previous one wrote.
    const run = session.saving.then(save, save);
    session.saving = run.catch(() => undefined);
    try {
      await run;
      setPersistError(undefined);
    } catch (e) {
      setPersistError(e instanceof Error ? e.message : String(e));
    }
  }, [session, readOnly]);
  const takeOver = useCallback(async () => {
    if (!session) return;
    await claimWorkspace(true, () => lostListener());
    session.owner = true;
    // The other tab may have saved since this one loaded: reload everything from its manifest.
    await studentRowsOf(session).catch(() => undefined);
    const store = session.store;
    const manifest = store ? await readManifest(store) : null;
    if (store && manifest) {
      setStudentRows('loading');
      const { derivedMissing } = await loadSummary(session.engine, store, manifest);
      session.manifest = manifest;
      session.loadStudents = async () => {
        await loadStudentRows(session.engine, store, manifest);
        if (derivedMissing) await refreshDerived(session.engine);
      };
      session.students = undefined;
      await studentRowsOf(session).catch(() => undefined);
    }
    setState({ status: 'ready', engine: session.engine, readOnly: false });
    setVersion((v) => v + 1);
  }, [session]);
  const value = useMemo<AppData | null>(
    () => (engine ? { engine, version, readOnly, persistError, studentRows, ensureStudentRows, changed, takeOver } : null),
    [engine, version, readOnly, persistError, studentRows, ensureStudentRows, changed, takeOver],
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
