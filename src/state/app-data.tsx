import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { formatProblems } from '../core/import-problem.ts';
import { refreshDerived } from '../db/derived.ts';
import type { Engine } from '../db/engine.ts';
import { createViews, migrate } from '../db/migrate.ts';
import { SCHEMA_VIEWS } from '../core/sql/schema.generated.ts';
import { collectGarbage, loadStudentRows, loadSummary, readManifest, saveSplit, studentFilesTouching, type FileStore, type Manifest } from '../db/split-workspace.ts';
import { importSlicesSql, removeImport } from '../db/remove-import.ts';
import { loadWorkspace } from '../db/workspace.ts';
import { gate } from './gated-engine.ts';
import { claimWorkspace, loadLegacySnapshot, opfsStore, removeLegacySnapshot, requireStore } from './persistence.ts';
import { SAMPLE_FILES } from './sample-data.ts';

/**
 * Whether `student_results` holds every saved row: `'deferred'` — not all loaded, because no page
 * reads them (they load on the first need for all: the SQL console, an export; an import or a
 * removal loads only the saved files of its slices).
 */
export type StudentRowsState = 'deferred' | 'loading' | 'ready' | 'error';

/** The loaded database, a version that changes whenever its data does, and what may be done with it. */
export interface AppData {
  engine: Engine;
  version: number;
  /** Another tab owns the workspace: this one only shows it. */
  readOnly: boolean;
  /** Why the last save to browser storage failed, if it did (the data in memory stays usable). */
  persistError: string | undefined;
  /**
   * The pages read only the summary tables, which are loaded first; the student rows load only when
   * something needs them. Anything that reads or writes `student_results` awaits `ensureStudentRows()`
   * first (and a query naming them through the pages' engine starts their loading and waits).
   */
  studentRows: StudentRowsState;
  /** Resolves once `student_results` holds every saved row (starts loading them if not yet started). */
  ensureStudentRows(): Promise<void>;
  /**
   * Runs imports: `run` gets the engine to import with and the `beforeMerge` to pass to importFile,
   * which loads the saved student rows only when a file touches their slices (a new year or subject
   * loads none). Nothing else loads or saves student rows while `run` runs.
   */
  runImport<T>(run: (engine: Engine, beforeMerge: (slices: string) => Promise<void>) => Promise<T>): Promise<T>;
  /** Removes one import and all its rows, loading first only the saved student rows of its slices. */
  removeOne(importId: number): Promise<void>;
  /**
   * Runs `run`, which deletes or replaces all data (removing everything, opening a saved workspace):
   * the saved student rows are not loaded for it, and are not kept after it.
   */
  replaceAll(run: (engine: Engine) => Promise<void>): Promise<void>;
  /** A save to browser storage is under way (closing the tab now would keep the previous saved state). */
  saving: boolean;
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

/** The page's one workspace session: the engine, where it is saved, and what still loads in the background. */
interface Session {
  /** The engine itself (loading and saving). */
  raw: Engine;
  /** The engine the pages get: queries of tables still loading wait for them. */
  engine: Engine;
  owner: boolean;
  store: FileStore | undefined;
  /** The manifest of the state saved in OPFS (what this tab loaded or last saved). */
  manifest: Manifest | null;
  /** Loads what the first part of the summary left (once); `eager` skips waiting for the pages to be idle. */
  background: ((eager: boolean) => Promise<void>) | null;
  /** Loads the saved student rows (once, after the rest of the summary). */
  loadStudents: (() => Promise<void>) | null;
  rest: Promise<void> | undefined;
  students: Promise<void> | undefined;
  /**
   * The student files of the manifest this session opened (null when it opened none; emptied when
   * all data is removed or replaced, which makes them obsolete). Until `students` is started, only
   * the rows of the files in `loaded` are in memory, and nothing has changed the others.
   */
  startFiles: Manifest['students'] | null;
  /** Files of `startFiles` whose rows are in `student_results` (an import or a removal loaded them for their slices). */
  loaded: Set<string>;
  /** Imports, the student rows' loading and saves run one at a time: the tail of that queue. */
  lock: Promise<void>;
  saving: Promise<void>;
}

/** Runs `fn` once everything queued on the session's lock before it has finished. */
function underLock<T>(session: Session, fn: () => Promise<T>): Promise<T> {
  const run = session.lock.then(fn, fn);
  session.lock = run.then(() => undefined, () => undefined);
  return run;
}

/** A promise with its settle functions, for a load another piece of code performs. */
function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * Starts DuckDB and opens the workspace: the first part of the summary saved in this browser if
 * there is one (the pages can show the overview after it; the rest of the summary loads in the
 * background, the student rows only when something needs them — see `studentRowsOf`), else an earlier version's single-file
 * snapshot (converted once), else the embedded sample municipality (saved at once).
 */
async function start(onStage: (stage: string) => void): Promise<Session> {
  onStage('Запуск DuckDB…');
  // DuckDB starts while the saved manifest is read from browser storage.
  const [owner, raw, saved] = await Promise.all([
    claimWorkspace(false, () => lostListener()),
    startEngine(),
    opfsStore()
      .catch(() => undefined)
      .then(async (store) => ({ store, manifest: store ? await readManifest(store) : null })),
  ]);
  const { store, manifest } = saved;
  performance.mark('orientir:engine');
  const session: Session = {
    raw, engine: raw, owner, store, manifest, background: null, loadStudents: null, rest: undefined, students: undefined,
    startFiles: store && manifest ? manifest.students : null, loaded: new Set(), lock: Promise.resolve(), saving: Promise.resolve(),
  };
  if (store && manifest) {
    onStage('Открытие сохранённых данных…');
    // The views come after the first page's queries: the overview's first figures read tables only,
    // and creating ~35 views (DuckDB binds each) would put that time before the first chart.
    const summary = await loadSummary(raw, store, manifest, { views: false });
    performance.mark('orientir:summary-first');
    const g = gate(raw, SCHEMA_VIEWS);
    const views = deferred();
    const rest = deferred();
    const students = deferred();
    let viewsStarted = false;
    const startViews = () => {
      if (viewsStarted) return;
      viewsStarted = true;
      createViews(raw)
        .then(() => performance.mark('orientir:views'))
        .then(views.resolve, views.reject);
    };
    // Once the first page query is done, or at once when a page's first queries need a view (the
    // timeout lets the queries sent in the same render reach DuckDB first).
    await g.hold(SCHEMA_VIEWS.map((v) => v.name), views.promise, () => setTimeout(startViews, 0));
    void g.settled(0, 1000).then(startViews);
    await g.hold(summary.later, rest.promise);
    // Student rows load only when something needs them (no page query reads them): a query that
    // names them starts their loading and waits for it.
    await g.hold(['student_results'], students.promise, () => void studentRowsOf(session).catch(() => undefined));
    session.engine = g.engine;
    let studentsLoad: Promise<void> | undefined;
    const loadStudents = () =>
      (studentsLoad ??= loadStartFiles(session, store, session.startFiles ?? []).then(students.resolve, (e: unknown) => {
        students.reject(e);
        throw e;
      }));
    session.background = async (eager) => {
      try {
        // Everything below reads or refreshes through views.
        await views.promise;
        // The pages' first queries go first; the loader then runs between theirs.
        if (!eager) await g.settled(150, 3000);
        await summary.loadRest();
        // A summary saved before the derived tables existed: computed once the student rows are in.
        if (summary.derivedMissing) {
          await loadStudents();
          await refreshDerived(raw);
        }
        rest.resolve();
      } catch (e) {
        rest.reject(e);
        students.reject(e);
        throw e;
      }
      if (owner) await collectGarbage(store, manifest).catch(() => undefined);
    };
    session.loadStudents = async () => {
      await restOf(session, true);
      await loadStudents();
    };
    return session;
  }
  const legacy = await loadLegacySnapshot().catch(() => null);
  if (legacy) {
    onStage('Открытие сохранённых данных (перевод в новый формат хранения)…');
    await loadWorkspace(raw, legacy);
  } else {
    await migrate(raw);
    onStage('Загрузка примера: условный муниципалитет…');
    await importSampleData(raw, onStage);
  }
  if (owner && store) {
    try {
      session.manifest = (await saveSplit(raw, store, null)).manifest;
      await collectGarbage(store, session.manifest);
      if (legacy) await removeLegacySnapshot();
    } catch {
      // The data is open in this tab; the next change tries to save again (and says so if it fails).
    }
  }
  return session;
}

/** The promise of the rest of the session's summary, starting its loading if it has not started. */
function restOf(session: Session, eager: boolean): Promise<void> {
  session.rest ??= session.background ? session.background(eager) : Promise.resolve();
  return session.rest;
}

/**
 * The promise of the session's student rows (and all of the summary), starting their loading if it
 * has not started — after what holds the session's lock, unless the caller holds it (`locked`).
 */
function studentRowsOf(session: Session, locked = false): Promise<void> {
  if (!session.students) {
    studentsListener('loading');
    const load = () => (session.loadStudents ? session.loadStudents() : Promise.resolve());
    session.students = locked ? load() : underLock(session, load);
    session.students.then(
      () => studentsListener('ready'),
      () => studentsListener('error'),
    );
  }
  // A load queued behind the lock would wait for this caller: under the lock, run it now (it runs once).
  return locked && session.loadStudents ? session.loadStudents() : session.students;
}

/**
 * Appends the rows of those of `files` not yet in memory, a file at a time (each counts as loaded
 * once its rows are in, so a failure leaves `loaded` true to what is in memory). Under the lock.
 */
async function loadStartFiles(session: Session, store: FileStore, files: Manifest['students']): Promise<void> {
  const todo = files.filter((f) => !session.loaded.has(f.file));
  for (const f of todo) {
    await loadStudentRows(session.raw, store, { students: [f] });
    session.loaded.add(f.file);
    // Visible to tests and the benchmark: how many of the saved student files are in memory.
    document.documentElement.dataset.studentFiles = `${session.loaded.size}/${session.startFiles?.length ?? 0}`;
  }
}

/**
 * Called under the session's lock before a change rewrites the student rows of `slices` (SQL):
 * loads the saved files it needs (`studentFilesTouching`; all of them through `studentRowsOf`, so
 * the state says so). A new year or subject loads none.
 */
async function studentFilesFor(session: Session, slices: string, importId?: number): Promise<void> {
  if (!session.startFiles?.length || !session.store) return;
  if (session.students) return studentRowsOf(session, true);
  const files = await studentFilesTouching(session.raw, session.startFiles, slices, importId);
  if (files.length === session.startFiles.length) return studentRowsOf(session, true);
  await restOf(session, true);
  await loadStartFiles(session, session.store, files);
}

let starting: Promise<Session> | undefined;
let stageListener: (stage: string) => void = () => {};
let lostListener: () => void = () => {};
let studentsListener: (state: StudentRowsState) => void = () => {};

let engineStart: Promise<Engine> | undefined;

/**
 * Starts DuckDB (worker, wasm, an in-memory database) once per page. main.tsx calls it before React
 * renders anything, so the worker and the wasm load while the shell is drawn.
 */
export function startEngine(): Promise<Engine> {
  engineStart ??= import('../db/browser-engine.ts').then(({ createBrowserEngine }) => createBrowserEngine());
  return engineStart;
}

/** Provides the database to the app and shows start-up progress or failure. */
export function AppDataProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<LoadState>({ status: 'loading', stage: 'Запуск…' });
  const [session, setSession] = useState<Session | undefined>();
  const [version, setVersion] = useState(1);
  const [persistError, setPersistError] = useState<string | undefined>();
  const [studentRows, setStudentRows] = useState<StudentRowsState>('loading');
  const [savesRunning, setSavesRunning] = useState(0);
  useEffect(() => {
    let live = true;
    stageListener = (stage) => live && setState({ status: 'loading', stage });
    lostListener = () => live && setState((s) => (s.status === 'ready' ? { ...s, readOnly: true } : s));
    studentsListener = (s) => live && setStudentRows(s);
    // One engine per page, even when React runs effects twice in development.
    starting ??= start((stage) => stageListener(stage));
    let timer: ReturnType<typeof setTimeout> | undefined;
    starting
      .then((s) => {
        if (!live) return;
        setSession(s);
        setState({ status: 'ready', engine: s.engine, readOnly: !s.owner });
        // Visible to tests and the benchmark: the whole summary is in (the student rows wait for a need).
        const summaryIn = () => (document.documentElement.dataset.summary = 'ready');
        if (!s.background) {
          setStudentRows('ready');
          summaryIn();
        } else {
          if (!s.students) setStudentRows('deferred');
          timer = setTimeout(() => void restOf(s, false).then(summaryIn, () => undefined), 0);
        }
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
  useEffect(() => {
    // Visible to tests: a reload before the save ends would open the previous saved state.
    document.documentElement.dataset.saving = savesRunning > 0 ? 'yes' : 'no';
  }, [savesRunning]);
  const engine = state.status === 'ready' ? state.engine : undefined;
  const readOnly = state.status === 'ready' ? state.readOnly : true;
  const ensureStudentRows = useCallback(() => (session ? studentRowsOf(session) : Promise.resolve()), [session]);
  const runImport = useCallback(async <T,>(run: (engine: Engine, beforeMerge: (slices: string) => Promise<void>) => Promise<T>): Promise<T> => {
    if (!session) throw new Error('нет открытых данных');
    // Merges rewrite the later tables and read the views: both must be complete.
    await restOf(session, true);
    return underLock(session, () => run(session.raw, (slices) => studentFilesFor(session, slices)));
  }, [session]);
  const removeOne = useCallback(async (importId: number) => {
    if (!session) throw new Error('нет открытых данных');
    await restOf(session, true);
    await underLock(session, async () => {
      await studentFilesFor(session, importSlicesSql(importId), importId);
      await removeImport(session.raw, importId);
    });
  }, [session]);
  const replaceAll = useCallback(async (run: (engine: Engine) => Promise<void>) => {
    if (!session) throw new Error('нет открытых данных');
    await restOf(session, true);
    await underLock(session, async () => {
      await run(session.raw);
      // Every saved student row is gone or replaced: none is to be loaded or kept any more.
      if (session.startFiles) session.startFiles = [];
    });
  }, [session]);
  const changed = useCallback(async () => {
    if (!session) return;
    setVersion((v) => v + 1);
    // Only the owning tab writes the saved workspace: a viewing tab can never overwrite it.
    if (readOnly) return;
    const save = async () => {
      await restOf(session, true);
      await underLock(session, async () => {
        // Student files are compared with the rows in memory, so those rows must be there — except
        // the files this session opened whose rows were never loaded: nothing has changed them (an
        // import or a removal touching their slices loads them first, anything else naming the rows
        // loads them all), so they are kept as saved. A goal or setting edit, or an import of a new
        // year, at region scale thus writes no student file and loads no student row; an import
        // into a year already saved loads and rewrites only the files of its slices.
        const keep = session.students === undefined && session.startFiles
          ? new Set(session.startFiles.filter((f) => !session.loaded.has(f.file)).map((f) => f.file))
          : undefined;
        if (!keep) await studentRowsOf(session, true);
        const store = session.store ?? (await requireStore());
        session.store = store;
        session.manifest = (await saveSplit(session.raw, store, session.manifest, keep ? { keep } : {})).manifest;
        await collectGarbage(store, session.manifest);
      });
    };
    // One save at a time, in order: each starts from the manifest the previous one wrote.
    const run = session.saving.then(save, save);
    session.saving = run.catch(() => undefined);
    setSavesRunning((n) => n + 1);
    try {
      await run;
      setPersistError(undefined);
    } catch (e) {
      setPersistError(e instanceof Error ? e.message : String(e));
    } finally {
      setSavesRunning((n) => n - 1);
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
      const summary = await loadSummary(session.raw, store, manifest);
      await summary.loadRest();
      await loadStudentRows(session.raw, store, manifest);
      if (summary.derivedMissing) await refreshDerived(session.raw);
      session.manifest = manifest;
      setStudentRows('ready');
    }
    setState({ status: 'ready', engine: session.engine, readOnly: false });
    setVersion((v) => v + 1);
  }, [session]);
  const value = useMemo<AppData | null>(
    () => (engine ? { engine, version, readOnly, persistError, studentRows, ensureStudentRows, runImport, removeOne, replaceAll, saving: savesRunning > 0, changed, takeOver } : null),
    [engine, version, readOnly, persistError, studentRows, ensureStudentRows, runImport, removeOne, replaceAll, savesRunning, changed, takeOver],
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
