/**
 * The browser's split workspace on the real engine, with a directory standing in for OPFS: the
 * summary plus one student file per import round-trips byte for byte; a save writes only the
 * student files of imports whose rows changed; a save interrupted between files leaves the old
 * manifest and its files loadable; garbage is collected; broken files are refused in Russian.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DERIVED_TABLES } from '../../src/core/sql/derived.ts';
import { dirStore } from '../../src/db/node-engine.ts';
import type { Engine } from '../../src/db/engine.ts';
import { importFile } from '../../src/db/import-file.ts';
import { importSlicesSql, removeImport } from '../../src/db/remove-import.ts';
import { collectGarbage, LATER_TABLES, loadSplit, loadStudentRows, loadSummary, readManifest, saveSplit, studentFilesTouching, type FileStore, type Manifest } from '../../src/db/split-workspace.ts';
import { loadWorkspace, saveWorkspace } from '../../src/db/workspace.ts';
import { freshEngine, importSample, snapshot } from '../helpers.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const HEAD = 'year,procedure,subject,grade,school_id,class,student_code,variant,primary_score,max_score,mark,journal_mark,test_score,absent\n';
/** Student rows of one slice (2024 ВПР Математика 4, school `school`), `n` pupils. */
const STUDENTS = (school: string, code: string, n: number, score = 12) =>
  HEAD + Array.from({ length: n }, (_, i) => `2024,ВПР,Математика,4,${school},4а,${code}${i},1,${score},20,4,4,,0\n`).join('');

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'orientir-split-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The whole state of an engine, for comparing: every table as written by `saveWorkspace`. */
const state = (engine: Engine) => snapshot(engine);

/**
 * Each table of a workspace file as its exact CSV lines (or as `line` makes them), sorted: the later
 * tables load year by year, so rows may come back in another order, but every value must be the same.
 */
function rowSets(bytes: Uint8Array, line: (row: string) => string = (row) => row): Record<string, string[]> {
  const text = new TextDecoder().decode(bytes);
  const first = text.indexOf('\n');
  const second = text.indexOf('\n', first + 1);
  const header = JSON.parse(text.slice(first + 1, second)) as { tables: Array<{ name: string; bytes: number }> };
  const out: Record<string, string[]> = {};
  let at = second + 1;
  for (const t of header.tables) {
    const [head, ...rows] = new TextDecoder().decode(bytes.subarray(at, at + t.bytes)).split('\n');
    out[t.name] = [head!, ...rows.map(line).sort()];
    at += t.bytes;
  }
  return out;
}

async function loadedFrom(store: FileStore, manifest: Manifest): Promise<Uint8Array> {
  const fresh = await freshEngine();
  try {
    await loadSplit(fresh, store, manifest);
    return await state(fresh);
  } finally {
    await fresh.close();
  }
}

const studentFiles = (written: string[]) => written.filter((f) => f.startsWith('students-'));

describe('split workspace: summary + one student file per import', () => {
  let engine: Engine;
  let store: FileStore;
  let dir: string;
  let manifest: Manifest;
  beforeAll(async () => {
    engine = await freshEngine();
    await importSample(engine);
    dir = tempDir();
    store = dirStore(dir);
  });
  afterAll(() => engine.close());

  it('the first save writes the summary and a file per import with student rows, then the manifest', { timeout: 120_000 }, async () => {
    const r = await saveSplit(engine, store, null);
    manifest = r.manifest;
    const perImport = await engine.query<{ import_id: number; n: number }>(
      'SELECT import_id, count(*)::DOUBLE AS n FROM student_results GROUP BY 1 ORDER BY 1',
    );
    expect(perImport.length).toBeGreaterThan(3);
    expect(manifest.students.map((s) => [s.importId, s.rows])).toEqual(perImport.map((p) => [p.import_id, p.n]));
    expect(studentFiles(r.written)).toHaveLength(perImport.length);
    expect(r.kept).toEqual([]);
    expect(await readManifest(store)).toEqual(manifest);
    // The summary carries no student rows (they live only in the per-import files) and none of
    // LATER_TABLES, which have their own file.
    const tablesOf = async (file: string) =>
      (JSON.parse(new TextDecoder().decode((await store.read(file))!.subarray(0, 4000)).split('\n')[1]!) as { tables: Array<{ name: string }> }).tables.map((t) => t.name);
    const laterFiles = manifest.later!.map((l) => l.file);
    expect(r.written.slice(0, 1 + laterFiles.length)).toEqual([manifest.summary, ...laterFiles]);
    // One file per year of the sample's later tables.
    const years = await engine.query<{ year: number | null }>(
      `SELECT DISTINCT year FROM (${LATER_TABLES.map((t) => `SELECT year FROM ${t}`).join(' UNION ALL ')}) ORDER BY 1 NULLS FIRST`,
    );
    expect(years.length).toBeGreaterThan(2);
    expect(manifest.later!.map((l) => l.year)).toEqual(years.map((y) => y.year));
    const inSummary = await tablesOf(manifest.summary);
    expect(inSummary).not.toContain('student_results');
    expect(inSummary).toContain('slice_results');
    expect(inSummary.filter((t) => LATER_TABLES.includes(t))).toEqual([]);
    for (const file of laterFiles) expect(await tablesOf(file)).toEqual(LATER_TABLES);
  });

  it('loads back into a fresh engine as exactly the same workspace', { timeout: 120_000 }, async () => {
    expect(rowSets(await loadedFrom(store, manifest))).toEqual(rowSets(await state(engine)));
  });

  it('the summary comes in two parts, then the student rows: the same workspace', { timeout: 120_000 }, async () => {
    const fresh = await freshEngine();
    const present = new Set((await engine.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_type = 'BASE TABLE'`)).map((r) => r.t));
    try {
      const summary = await loadSummary(fresh, store, manifest);
      const count = async (e: Engine, t: string) => (await e.query<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM ${t}`))[0]!.n;
      // First part: the small tables the first page needs (the overview's roll-up among them).
      expect(await count(fresh, 'student_results')).toBe(0);
      expect(await count(fresh, 'school_results')).toBe(0);
      expect(summary.later).toEqual(LATER_TABLES.filter((t) => present.has(t)));
      for (const t of ['imports', 'schools', 'school_categories', 'grading_scales', ...(present.has('slice_results') ? ['slice_results'] : [])]) {
        expect(await count(fresh, t)).toBe(await count(engine, t));
      }
      await summary.loadRest();
      expect(await count(fresh, 'student_results')).toBe(0);
      for (const t of summary.later) expect(await count(fresh, t)).toBe(await count(engine, t));
      const progress: number[] = [];
      await loadStudentRows(fresh, store, manifest, (done) => progress.push(done));
      expect(progress.at(-1)).toBe(await count(engine, 'student_results'));
      expect(rowSets(await state(fresh))).toEqual(rowSets(await state(engine)));
    } finally {
      await fresh.close();
    }
  });

  it('a goal edit rewrites only the summary: the later tables did not change, their file is kept', { timeout: 120_000 }, async () => {
    await engine.exec(`UPDATE goals SET target = target + 1 WHERE goal_id = 1`);
    const r = await saveSplit(engine, store, manifest);
    expect(r.written).toEqual([r.manifest.summary]);
    expect(r.manifest.later).toEqual(manifest.later);
    expect(r.kept).toEqual([...manifest.later!.map((l) => l.file), ...manifest.students.map((s) => s.file)]);
    manifest = r.manifest;
    expect(rowSets(await loadedFrom(store, manifest))).toEqual(rowSets(await state(engine)));
    // One changed cell of a later table is seen: its year's file is rewritten, the others kept.
    const [cell] = await engine.query<{ year: number }>('SELECT year FROM school_results WHERE rowid = (SELECT min(rowid) FROM school_results)');
    await engine.exec(`UPDATE school_results SET participants = participants + 1 WHERE rowid = (SELECT min(rowid) FROM school_results)`);
    const changed = await saveSplit(engine, store, manifest);
    const ofYear = (m: Manifest, year: number) => m.later!.find((l) => l.year === year)!;
    expect(changed.written).toEqual([changed.manifest.summary, ofYear(changed.manifest, cell!.year).file]);
    expect(ofYear(changed.manifest, cell!.year).fingerprint).not.toBe(ofYear(manifest, cell!.year).fingerprint);
    expect(changed.manifest.later!.filter((l) => l.year !== cell!.year)).toEqual(manifest.later!.filter((l) => l.year !== cell!.year));
    await engine.exec(`UPDATE school_results SET participants = participants - 1 WHERE rowid = (SELECT min(rowid) FROM school_results)`);
    manifest = (await saveSplit(engine, store, changed.manifest)).manifest;
    expect(ofYear(manifest, cell!.year).fingerprint).toBe(ofYear(r.manifest, cell!.year).fingerprint);
  });

  it('a session that never loaded the student rows saves a goal edit keeping their files: nothing is lost', { timeout: 120_000 }, async () => {
    // As the app after a reload: the summary in, the student rows deferred.
    const session = await freshEngine();
    try {
      const summary = await loadSummary(session, store, manifest);
      await summary.loadRest();
      await session.exec(`UPDATE goals SET target = target + 1 WHERE goal_id = 1`);
      const r = await saveSplit(session, store, manifest, { keep: new Set(manifest.students.map((f) => f.file)) });
      expect(r.written).toEqual([r.manifest.summary]);
      expect(r.manifest.students).toEqual(manifest.students);
      expect(r.manifest.later).toEqual(manifest.later);
      // Without the option, the empty student_results would have meant «every import's rows are gone».
      await engine.exec(`UPDATE goals SET target = target + 1 WHERE goal_id = 1`);
      expect(rowSets(await loadedFrom(store, r.manifest))).toEqual(rowSets(await state(engine)));
      manifest = r.manifest;
    } finally {
      await session.close();
    }
  });

  it('the same session imports into new slices: their file is written with its slices, the unloaded ones are kept; nothing lost or doubled', { timeout: 120_000 }, async () => {
    const session = await freshEngine();
    const NOW = { now: () => new Date('2025-06-01T00:00:00Z') };
    const file = enc(HEAD + Array.from({ length: 7 }, (_, i) => `2026,ОГЭ,Химия,9,990902,9а,h${i},1,${20 + i},40,4,4,,0\n`).join(''));
    try {
      const summary = await loadSummary(session, store, manifest);
      await summary.loadRest();
      const seen: string[] = [];
      const r1 = await importFile(session, 'new-slices.csv', file, { ...NOW, beforeMerge: async (slices) => void seen.push(...(await session.query<{ k: string }>(`SELECT DISTINCT concat_ws('|', year, procedure, subject, grade) AS k FROM (${slices})`)).map((x) => x.k)) });
      expect(r1.status).toBe('ok');
      expect(seen).toEqual(['2026|ОГЭ|Химия|9']);
      expect(manifest.students.every((f) => f.slices && !f.slices.includes('2026|ОГЭ|Химия|9'))).toBe(true);
      const keep = new Set(manifest.students.map((f) => f.file));
      const r = await saveSplit(session, store, manifest, { keep });
      const added = r.manifest.students.filter((f) => !keep.has(f.file));
      expect(added).toEqual([expect.objectContaining({ importId: r1.importId, rows: 7, slices: ['2026|ОГЭ|Химия|9'] })]);
      expect(r.manifest.students.filter((f) => keep.has(f.file))).toEqual(manifest.students);
      expect(studentFiles(r.written)).toEqual([added[0]!.file]);
      // The same import on the whole workspace gives exactly what the saved files now load as.
      expect((await importFile(engine, 'new-slices.csv', file, NOW)).status).toBe('ok');
      expect(rowSets(await loadedFrom(store, r.manifest))).toEqual(rowSets(await state(engine)));
      // Rows in memory of an import whose file is kept unread: the save refuses rather than lose or double them.
      await loadStudentRows(session, store, { ...manifest, students: manifest.students.slice(0, 1) });
      await expect(saveSplit(session, store, r.manifest, { keep })).rejects.toThrow('Сохранение остановлено');
      manifest = r.manifest;
    } finally {
      await session.close();
    }
  });

  it('a session loading only the files of a change\'s slices: an import replacing saved rows, then its removal, save exactly the whole workspace', { timeout: 180_000 }, async () => {
    const NOW = { now: () => new Date('2025-06-02T00:00:00Z') };
    const [school] = await engine.query<{ id: string; n: number }>(
      `SELECT school_id AS id, count(*)::DOUBLE AS n FROM student_results WHERE year = 2024 AND procedure = 'ВПР' AND subject = 'Математика' AND grade = 4 GROUP BY 1 ORDER BY 1 LIMIT 1`,
    );
    expect(school!.n).toBeGreaterThan(4);
    const file = enc(STUDENTS(school!.id, 'p', 4, 16));
    /** As the app after a reload: the summary in, each change loading the files `studentFilesTouching` names. */
    const partialSession = async (from: Manifest, change: (session: Engine, need: (slices: string, importId?: number) => Promise<void>) => Promise<void>) => {
      const session = await freshEngine();
      try {
        const summary = await loadSummary(session, store, from);
        await summary.loadRest();
        const loaded = new Set<string>();
        await change(session, async (slices, importId) => {
          const files = await studentFilesTouching(session, from.students, slices, importId);
          await loadStudentRows(session, store, { students: files.filter((f) => !loaded.has(f.file)) });
          for (const f of files) loaded.add(f.file);
        });
        const keep = new Set(from.students.filter((f) => !loaded.has(f.file)).map((f) => f.file));
        return { loaded, saved: await saveSplit(session, store, from, { keep }) };
      } finally {
        await session.close();
      }
    };

    // The import replaces that school's 2024 ВПР Математика 4 rows: only the files with rows of that slice load.
    let importId = 0;
    const imported = await partialSession(manifest, async (session, need) => {
      const r = await importFile(session, 'partial.csv', file, { ...NOW, beforeMerge: (slices) => need(slices) });
      expect(r.status).toBe('ok');
      importId = r.importId!;
    });
    const withSlice = manifest.students.filter((f) => f.slices!.includes('2024|ВПР|Математика|4'));
    expect([...imported.loaded].sort()).toEqual(withSlice.map((f) => f.file).sort());
    expect(withSlice.length).toBeGreaterThan(0);
    expect(withSlice.length).toBeLessThan(manifest.students.length);
    const m1 = imported.saved.manifest;
    // The untouched files are kept as they were; the touched one lost that school's rows and was rewritten.
    expect(m1.students.filter((f) => !imported.loaded.has(f.file) && manifest.students.some((p) => p.file === f.file)))
      .toEqual(manifest.students.filter((f) => !imported.loaded.has(f.file)));
    expect(m1.students.reduce((s, f) => s + f.rows, 0)).toBe(manifest.students.reduce((s, f) => s + f.rows, 0) - school!.n + 4);
    expect((await importFile(engine, 'partial.csv', file, NOW)).status).toBe('ok');
    expect(rowSets(await loadedFrom(store, m1))).toEqual(rowSets(await state(engine)));

    // Its removal: the files of its slices and its own load, no other; saved, the same as removing it from the whole workspace.
    const removed = await partialSession(m1, async (session, need) => {
      await need(importSlicesSql(importId), importId);
      await removeImport(session, importId);
    });
    expect([...removed.loaded].sort()).toEqual(m1.students.filter((f) => f.slices!.includes('2024|ВПР|Математика|4')).map((f) => f.file).sort());
    expect(removed.loaded.size).toBeLessThan(m1.students.length);
    await removeImport(engine, importId);
    manifest = removed.saved.manifest;
    expect(manifest.students.some((f) => f.importId === importId)).toBe(false);
    expect(rowSets(await loadedFrom(store, manifest))).toEqual(rowSets(await state(engine)));
  });

  it('a new import rewrites the summary, its year of the later tables and its own student file', { timeout: 120_000 }, async () => {
    expect((await importFile(engine, 'new-school.csv', enc(STUDENTS('990901', 'n', 15)))).status).toBe('ok');
    const r = await saveSplit(engine, store, manifest);
    const [id] = await engine.query<{ id: number }>('SELECT max(id)::INTEGER AS id FROM imports');
    const y2024 = r.manifest.later!.find((l) => l.year === 2024)!.file;
    expect(r.written).toEqual([r.manifest.summary, y2024, `students-${id!.id}-${r.manifest.generation}.csv`]);
    expect(r.kept).toEqual([...manifest.later!.filter((l) => l.year !== 2024).map((l) => l.file), ...manifest.students.map((s) => s.file)]);
    manifest = r.manifest;
    expect(rowSets(await loadedFrom(store, manifest))).toEqual(rowSets(await state(engine)));
  });

  it('an import replacing a slice of an older one rewrites that older import’s file too', { timeout: 120_000 }, async () => {
    const [older] = await engine.query<{ import_id: number; n: number }>(
      `SELECT import_id, count(*)::DOUBLE AS n FROM student_results WHERE school_id = '990901' GROUP BY 1`,
    );
    // Same slice, other school too: the older import keeps no rows of 990901, a new file of 3 rows.
    expect((await importFile(engine, 'replace.csv', enc(STUDENTS('990901', 'r', 3, 15)))).status).toBe('ok');
    const r = await saveSplit(engine, store, manifest);
    const [id] = await engine.query<{ id: number }>('SELECT max(id)::INTEGER AS id FROM imports');
    // The older import lost all its rows (its slice was the whole file): its file leaves the manifest.
    expect(r.manifest.students.find((s) => s.importId === older!.import_id)).toBeUndefined();
    expect(studentFiles(r.written)).toEqual([`students-${id!.id}-${r.manifest.generation}.csv`]);
    manifest = r.manifest;

    // A partial replacement: an import of two schools, then one of them replaced.
    const two = HEAD + ['990902', '990903'].flatMap((s) => [0, 1].map((i) => `2024,ВПР,Математика,4,${s},4а,t${s}${i},1,10,20,3,4,,0\n`)).join('');
    expect((await importFile(engine, 'two.csv', enc(two))).status).toBe('ok');
    const [twoId] = await engine.query<{ id: number }>('SELECT max(id)::INTEGER AS id FROM imports');
    manifest = (await saveSplit(engine, store, manifest)).manifest;
    expect(manifest.students.find((s) => s.importId === twoId!.id)?.rows).toBe(4);
    expect((await importFile(engine, 'one.csv', enc(STUDENTS('990903', 'o', 5)))).status).toBe('ok');
    const [oneId] = await engine.query<{ id: number }>('SELECT max(id)::INTEGER AS id FROM imports');
    const r2 = await saveSplit(engine, store, manifest);
    expect(studentFiles(r2.written).sort()).toEqual([`students-${oneId!.id}-${r2.manifest.generation}.csv`, `students-${twoId!.id}-${r2.manifest.generation}.csv`].sort());
    expect(r2.manifest.students.find((s) => s.importId === twoId!.id)?.rows).toBe(2);
    manifest = r2.manifest;
    expect(rowSets(await loadedFrom(store, manifest))).toEqual(rowSets(await state(engine)));
  });

  it('a removal writes no student file; garbage collection removes the files no manifest names', { timeout: 120_000 }, async () => {
    const [last] = await engine.query<{ id: number }>('SELECT max(id)::INTEGER AS id FROM imports');
    await removeImport(engine, last!.id);
    const r = await saveSplit(engine, store, manifest);
    expect(r.written).toEqual([r.manifest.summary, r.manifest.later!.find((l) => l.year === 2024)!.file]);
    expect(r.manifest.students.some((s) => s.importId === last!.id)).toBe(false);
    manifest = r.manifest;
    const removed = await collectGarbage(store, manifest);
    expect(removed.length).toBeGreaterThan(0);
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', manifest.summary, ...manifest.later!.map((l) => l.file), ...manifest.students.map((s) => s.file)].sort());
    expect(rowSets(await loadedFrom(store, manifest))).toEqual(rowSets(await state(engine)));
  });

  it('an import id reused after a removal is a new import: its file is written', { timeout: 120_000 }, async () => {
    const [last] = await engine.query<{ id: number }>('SELECT max(id)::INTEGER AS id FROM imports');
    const before = manifest.students.find((s) => s.importId === last!.id)!;
    expect(before).toBeDefined();
    const rows = before.rows;
    await removeImport(engine, last!.id);
    // The same number of rows, into the same id: only the identity tells them apart.
    const again = HEAD + Array.from({ length: rows }, (_, i) => `2024,ВПР,Математика,4,990902,4а,z${i},1,11,20,4,4,,0\n`).join('');
    expect((await importFile(engine, 'reused-id.csv', enc(again))).status).toBe('ok');
    const [now] = await engine.query<{ id: number }>('SELECT max(id)::INTEGER AS id FROM imports');
    expect(now!.id).toBe(last!.id);
    const r = await saveSplit(engine, store, manifest);
    expect(studentFiles(r.written)).toEqual([`students-${now!.id}-${r.manifest.generation}.csv`]);
    manifest = r.manifest;
    expect(rowSets(await loadedFrom(store, manifest))).toEqual(rowSets(await state(engine)));
  });
});

describe('a save interrupted between files leaves the previous state', () => {
  it('old manifest, old files: loads as before; the next save cleans up', { timeout: 120_000 }, async () => {
    const engine = await freshEngine();
    try {
      expect((await importFile(engine, 'a.csv', enc(STUDENTS('990101', 'a', 12)))).status).toBe('ok');
      const dir = tempDir();
      const real = dirStore(dir);
      const first = (await saveSplit(engine, real, null)).manifest;
      const oldState = await state(engine);

      expect((await importFile(engine, 'b.csv', enc(STUDENTS('990102', 'b', 7)))).status).toBe('ok');
      expect((await importFile(engine, 'c.csv', enc(STUDENTS('990103', 'c', 5)))).status).toBe('ok');
      // The tab closes after the summary, the later tables and one student file: the fourth write never happens.
      let writes = 0;
      const dying: FileStore = {
        ...real,
        async write(name, bytes) {
          if (++writes === 4) throw new Error('tab closed');
          await real.write(name, bytes);
        },
      };
      await expect(saveSplit(engine, dying, first)).rejects.toThrow('tab closed');
      expect(readdirSync(dir).length).toBe(1 + 3 + 3); // manifest, old summary + later + file, new summary + later + one file
      const manifest = await readManifest(real);
      expect(manifest).toEqual(first);
      expect(rowSets(await loadedFrom(real, manifest!))).toEqual(rowSets(oldState));

      const next = (await saveSplit(engine, real, manifest)).manifest;
      await collectGarbage(real, next);
      expect(readdirSync(dir).sort()).toEqual(['manifest.json', next.summary, ...next.later!.map((l) => l.file), ...next.students.map((s) => s.file)].sort());
      expect(rowSets(await loadedFrom(real, next))).toEqual(rowSets(await state(engine)));
    } finally {
      await engine.close();
    }
  });
});

describe('broken split workspaces are refused in Russian', () => {
  let engine: Engine;
  let dir: string;
  let manifest: Manifest;
  beforeAll(async () => {
    engine = await freshEngine();
    expect((await importFile(engine, 'a.csv', enc(STUDENTS('990101', 'a', 12)))).status).toBe('ok');
    dir = tempDir();
    manifest = (await saveSplit(engine, dirStore(dir), null)).manifest;
  });
  afterAll(() => engine.close());

  const failure = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('did not fail');
  };

  it('a manifest that is not JSON or names paths', async () => {
    const d = tempDir();
    const store = dirStore(d);
    writeFileSync(path.join(d, 'manifest.json'), '{"format": "orientir-split 1", "gen');
    expect(await failure(() => readManifest(store))).toMatch(/повреждена/);
    writeFileSync(path.join(d, 'manifest.json'), JSON.stringify({ ...manifest, summary: '../../etc/passwd' }));
    expect(await failure(() => readManifest(store))).toMatch(/повреждена/);
  });

  it('a truncated student file: rows missing', { timeout: 60_000 }, async () => {
    const file = path.join(dir, manifest.students[0]!.file);
    const text = (await dirStore(dir).read(manifest.students[0]!.file))!;
    writeFileSync(file, text.subarray(0, text.lastIndexOf(0x0a, text.length - 2) + 1));
    const fresh = await freshEngine();
    try {
      await loadSummary(fresh, dirStore(dir), manifest);
      expect(await failure(() => loadStudentRows(fresh, dirStore(dir), manifest))).toMatch(/повреждена: в файле students-1-1\.csv 11 строк учеников вместо 12/);
      // Nothing of the broken file stays.
      expect(await fresh.query('SELECT count(*)::DOUBLE AS n FROM student_results')).toEqual([{ n: 0 }]);
    } finally {
      await fresh.close();
      writeFileSync(file, text);
    }
  });

  it('garbage in a student file', { timeout: 60_000 }, async () => {
    const name = manifest.students[0]!.file;
    const text = (await dirStore(dir).read(name))!;
    writeFileSync(path.join(dir, name), new TextDecoder().decode(text).replace(',4а,', ',4а,x,'));
    const fresh = await freshEngine();
    try {
      await loadSummary(fresh, dirStore(dir), manifest);
      expect(await failure(() => loadStudentRows(fresh, dirStore(dir), manifest))).toMatch(/повреждена: строки учеников \(файл students-1-1\.csv\) не читаются/);
    } finally {
      await fresh.close();
      writeFileSync(path.join(dir, name), text);
    }
  });

  it('a missing file of the later tables', async () => {
    const fresh = await freshEngine();
    try {
      expect(await failure(() => loadSummary(fresh, dirStore(dir), { ...manifest, later: [{ year: 2099, file: 'later-2099-9.orientir', fingerprint: 'x' }] }))).toMatch(/нет файла later-2099-9/);
    } finally {
      await fresh.close();
    }
  });

  it('a missing summary', async () => {
    const fresh = await freshEngine();
    try {
      expect(await failure(() => loadSummary(fresh, dirStore(dir), { ...manifest, summary: 'summary-99.orientir' }))).toMatch(/нет файла summary-99/);
    } finally {
      await fresh.close();
    }
  });
});

describe('a manifest written before the later tables had their own file', () => {
  it('loads the same workspace from its one summary; the next save splits it', { timeout: 120_000 }, async () => {
    const engine = await freshEngine();
    try {
      expect((await importFile(engine, 'a.csv', enc(STUDENTS('990101', 'a', 12)))).status).toBe('ok');
      const dir = tempDir();
      const store = dirStore(dir);
      const split = (await saveSplit(engine, store, null)).manifest;
      // The old layout: every table but the student rows in the summary, no `later`.
      await store.write('summary-1-old.orientir', await saveWorkspace(engine, { except: ['student_results'] }));
      const old: Manifest = { ...split, summary: 'summary-1-old.orientir' };
      delete old.later;
      await store.writeAtomic('manifest.json', enc(JSON.stringify(old)));
      expect(await readManifest(store)).toEqual(old);
      const fresh = await freshEngine();
      try {
        const summary = await loadSummary(fresh, store, old);
        expect(summary.derivedMissing).toBe(false);
        expect(summary.later).toEqual(LATER_TABLES);
        await summary.loadRest();
        await loadStudentRows(fresh, store, old);
        expect(rowSets(await state(fresh))).toEqual(rowSets(await state(engine)));
        const next = await saveSplit(fresh, store, old);
        expect(next.written).toEqual([next.manifest.summary, ...next.manifest.later!.map((l) => l.file)]);
        expect(rowSets(await loadedFrom(store, next.manifest))).toEqual(rowSets(await state(engine)));
      } finally {
        await fresh.close();
      }
    } finally {
      await engine.close();
    }
  });
});

/** Each table of a workspace file as its CSV lines, decimals rounded, sorted (header line first). */
function tablesAsSortedLines(bytes: Uint8Array): Record<string, string[]> {
  // Floating sums depend on the order rows are aggregated in: compare to 10 significant digits.
  return rowSets(bytes, (r) => r.replace(/-?\d+\.\d+(e-?\d+)?/g, (x) => String(Number(Number(x).toPrecision(10)))));
}

describe('workspace files carry the derived tables; an older file without them gets them recomputed', () => {
  it('same workspace either way', { timeout: 180_000 }, async () => {
    const engine = await freshEngine();
    try {
      await importSample(engine);
      const full = await saveWorkspace(engine);
      const header = JSON.parse(new TextDecoder().decode(full.subarray(0, 20_000)).split('\n')[1]!) as { tables: Array<{ name: string }> };
      const present = new Set((await engine.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_type = 'BASE TABLE'`)).map((r) => r.t));
      const derived = DERIVED_TABLES.filter((t) => present.has(t));
      for (const t of derived) expect(header.tables.map((h) => h.name)).toContain(t);
      const older = await saveWorkspace(engine, { except: DERIVED_TABLES });
      const fresh = await freshEngine();
      try {
        const r = await loadWorkspace(fresh, older);
        expect(r.derivedMissing).toBe(derived.length > 0);
        // Recomputed tables hold the same rows; their order is the refresh's, not the imports'.
        expect(tablesAsSortedLines(await saveWorkspace(fresh))).toEqual(tablesAsSortedLines(full));
      } finally {
        await fresh.close();
      }
    } finally {
      await engine.close();
    }
  });
});
