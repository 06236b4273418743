/**
 * The split workspace in OPFS, in a real browser: the files on disk after the first start; after
 * a reload the first page renders from the summary before the student rows are in (their files
 * are made slow to read, so the order is certain); the data survives reloads unchanged; an import
 * after a reload works and is saved (one new student file, old ones kept, garbage collected); a
 * removal is saved; an earlier version's single-file snapshot is converted once.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeViewName, DERIVED_TABLES } from '../../src/core/sql/derived.ts';
import { importFile } from '../../src/db/import-file.ts';
import { loadWorkspace, saveWorkspace, WORKSPACE_TABLES } from '../../src/db/workspace.ts';
import { freshEngine } from '../helpers.ts';
import { foreignRequests, openApp, type BrowserHarness, sqlFirstRow } from './harness.ts';


const COUNTS = `SELECT (SELECT count(*) FROM imports) AS imports, (SELECT count(*) FROM student_results) AS students,
  (SELECT count(*) FROM school_results) AS school_results, (SELECT count(*) FROM schools) AS schools,
  (SELECT sum(hash(student_code, school_id, primary_score, mark)) FROM student_results) AS fingerprint`;

interface Files {
  names: string[];
  manifest: { generation: number; summary: string; later: Array<{ year: number | null; file: string; fingerprint: string }>; students: Array<{ importId: number; rows: number; file: string }> } | null;
  legacy: boolean;
}

/**
 * Rows that differ between each derived table and its computation from all the rows now (both
 * ways, summed over the tables): 0 when the refreshes of partial loads left them exact.
 */
const DERIVED_DIFFERENCE = `SELECT sum(d) FROM (${DERIVED_TABLES.map((t) => `SELECT (SELECT count(*) FROM (SELECT * FROM ${t} EXCEPT ALL SELECT * FROM ${computeViewName(t)}))
  + (SELECT count(*) FROM (SELECT * FROM ${computeViewName(t)} EXCEPT ALL SELECT * FROM ${t})) AS d`).join(' UNION ALL ')})`;

/** Whether all student rows are in, and how many of the saved student files. */
const dataset = (page: Page) =>
  page.evaluate(() => ({ rows: document.documentElement.dataset.studentRows, files: document.documentElement.dataset.studentFiles }));

/** The workspace folder in this origin's OPFS. */
function opfsFiles(page: Page): Promise<Files> {
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const dir = await root.getDirectoryHandle('workspace', { create: true });
    const names: string[] = [];
    for await (const name of (dir as FileSystemDirectoryHandle & { keys(): AsyncIterable<string> }).keys()) names.push(name);
    let manifest = null;
    try {
      manifest = JSON.parse(await (await (await dir.getFileHandle('manifest.json')).getFile()).text());
    } catch {
      // none
    }
    let legacy = true;
    await root.getFileHandle('workspace.orientir').catch(() => (legacy = false));
    return { names: names.sort(), manifest, legacy };
  });
}

/** Student files read slowly (3 s per file opened): the summary's pages must not wait for them. */
function slowStudentFiles() {
  const original = FileSystemFileHandle.prototype.getFile;
  FileSystemFileHandle.prototype.getFile = async function (this: FileSystemFileHandle) {
    if (this.name.startsWith('students-') && sessionStorage.getItem('slow-students') === '1') await new Promise((r) => setTimeout(r, 3000));
    return original.call(this);
  };
  // When the first chart appears, note whether the student rows were still loading.
  const seen: Record<string, string | number> = {};
  (window as unknown as { __seen: Record<string, string | number> }).__seen = seen;
  new MutationObserver(() => {
    const state = document.documentElement.dataset.studentRows;
    if (seen.chart === undefined && document.querySelector('[data-testid="overview-chart"] svg')) {
      seen.chart = performance.now();
      seen.rowsAtChart = state ?? 'none';
    }
    if (seen.ready === undefined && state === 'ready') seen.ready = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true });
}

/**
 * Reloads «Данные», imports student rows (canonical template) through the file input and waits for
 * the report and for the save (the manifest's next generation). Returns the files from before.
 */
async function importAfterReload(h: BrowserHarness, name: string, rows: string[]): Promise<Files> {
  const before = await opfsFiles(h.page);
  await h.page.goto(`${h.origin}/#/data`);
  await h.page.reload();
  await h.page.getByTestId('file-input').waitFor({ state: 'attached', timeout: 120_000 });
  await h.page.getByTestId('file-input').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from('year,procedure,subject,grade,school_id,class,student_code,variant,primary_score,max_score,mark,journal_mark,test_score,absent\n' + rows.join('\n') + '\n'),
  });
  await h.page.getByTestId('import-results').locator('li.ok').first().waitFor({ timeout: 120_000 });
  await expect.poll(async () => (await opfsFiles(h.page)).manifest?.generation, { timeout: 60_000 }).toBe(before.manifest!.generation + 1);
  return before;
}

describe('the split workspace in OPFS', () => {
  let h: BrowserHarness;
  let first: string[];
  beforeAll(async () => {
    h = await openApp('#/data', slowStudentFiles);
    await h.page.getByTestId('imports-table').waitFor({ timeout: 180_000 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('the first start saves a summary, one file per import with student rows, and the manifest', { timeout: 180_000 }, async () => {
    first = await sqlFirstRow(h.page, h.origin, COUNTS);
    const files = await opfsFiles(h.page);
    expect(files.manifest).not.toBeNull();
    const m = files.manifest!;
    expect(files.names).toEqual(['manifest.json', m.summary, ...m.later.map((l) => l.file), ...m.students.map((s) => s.file)].sort());
    const [withRows] = await sqlFirstRow(h.page, h.origin, 'SELECT count(DISTINCT import_id) FROM student_results');
    expect(m.students).toHaveLength(Number(withRows));
    expect(m.students.reduce((s, f) => s + f.rows, 0)).toBe(Number(first[1]));
  });

  it('after a reload the pages show without the student rows; they load only when something needs them, unchanged', { timeout: 180_000 }, async () => {
    await h.page.evaluate(() => sessionStorage.setItem('slow-students', '1'));
    await h.page.goto(`${h.origin}/#/`);
    await h.page.reload();
    await h.page.locator('[data-testid="overview-chart"] svg').first().waitFor({ timeout: 120_000 });
    // Browsing every page needs no student rows: they stay out of memory.
    for (const hash of ['#/schools', '#/objectivity', '#/school/990105', '#/compare', '#/goals', '#/monitoring']) {
      await h.page.goto(`${h.origin}/${hash}`);
      await h.page.locator('main h1, main h2').first().waitFor({ timeout: 60_000 });
    }
    await h.page.waitForTimeout(1500);
    const seen = await h.page.evaluate(() => (window as unknown as { __seen: Record<string, string | number> }).__seen);
    expect(seen.rowsAtChart).toBe('deferred');
    expect(await h.page.evaluate(() => document.documentElement.dataset.studentRows)).toBe('deferred');
    // The objectivity page's figures come from the derived tables, loaded with the summary.
    await h.page.goto(`${h.origin}/#/objectivity`);
    await expect.poll(() => h.page.getByTestId('flagged-table').locator('tbody tr').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await h.page.evaluate(() => document.documentElement.dataset.studentRows)).toBe('deferred');
    // A query naming student_results loads them, then answers with all of them.
    expect(await sqlFirstRow(h.page, h.origin, COUNTS)).toEqual(first);
    expect(await h.page.evaluate(() => document.documentElement.dataset.studentRows)).toBe('ready');
    expect(Number(seen.chart)).toBeLessThan(Number((await h.page.evaluate(() => (window as unknown as { __seen: Record<string, string | number> }).__seen)).ready));
  });

  it('after a reload the views are created once the first part of the summary is in; a page that opens on a view waits for them', { timeout: 180_000 }, async () => {
    // Student files read at normal speed here (the SQL below loads them); slow again for the next test.
    await h.page.evaluate(() => sessionStorage.removeItem('slow-students'));
    await h.page.goto(`${h.origin}/#/goals`);
    await h.page.reload();
    // «Цели» reads goal_progress and goal_summary, views created after the tables are loaded.
    await expect.poll(() => h.page.getByTestId('goals-table').locator('tbody tr').count(), { timeout: 120_000 }).toBeGreaterThan(0);
    const marks = await h.page.evaluate(() =>
      Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('orientir:')).map((m) => [m.name.slice(9), m.startTime])),
    );
    expect(Object.keys(marks)).toEqual(expect.arrayContaining(['engine', 'schema', 'tables', 'summary-first', 'views']));
    expect(marks.schema!).toBeLessThan(marks.tables!);
    expect(marks['summary-first']!).toBeLessThan(marks.views!);
    const [views] = await sqlFirstRow(h.page, h.origin, `SELECT count(*) FROM duckdb_views() WHERE NOT internal AND schema_name = 'main'`);
    expect(Number(views)).toBeGreaterThan(30);
    await h.page.evaluate(() => sessionStorage.setItem('slow-students', '1'));
  });

  it('the SQL page says it waits for the student rows, then answers with all of them', { timeout: 180_000 }, async () => {
    await h.page.goto(`${h.origin}/#/sql`);
    await h.page.reload();
    const input = h.page.getByTestId('sql-input');
    await input.waitFor({ timeout: 120_000 });
    await input.fill('SELECT count(*) AS n FROM student_results');
    await h.page.getByTestId('sql-run').click();
    await h.page.getByTestId('sql-waiting').waitFor({ timeout: 10_000 });
    expect(await h.page.getByTestId('sql-waiting').innerText()).toBe('Загружаются строки учеников…');
    const cell = h.page.getByTestId('sql-result').locator('tbody tr td').first();
    await cell.waitFor({ timeout: 120_000 });
    expect(await cell.innerText()).toBe(first[1]);
    await h.page.evaluate(() => sessionStorage.removeItem('slow-students'));
  });

  it('a goal edit right after a reload is saved without loading the student rows; their files are kept as they were', { timeout: 180_000 }, async () => {
    const before = await opfsFiles(h.page);
    await h.page.goto(`${h.origin}/#/goals`);
    await h.page.reload();
    await h.page.getByTestId('goal-1').getByRole('button', { name: 'Изменить' }).click();
    const form = h.page.getByTestId('goal-editor');
    await form.waitFor({ timeout: 120_000 });
    await h.page.locator('#goal-field-target').fill('7');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(async () => (await opfsFiles(h.page)).manifest?.generation, { timeout: 60_000 }).toBe(before.manifest!.generation + 1);
    expect(await h.page.evaluate(() => document.documentElement.dataset.studentRows)).toBe('deferred');
    const after = await opfsFiles(h.page);
    expect(after.manifest!.students).toEqual(before.manifest!.students);
    expect(after.manifest!.later).toEqual(before.manifest!.later);
    expect(after.names).toEqual(['manifest.json', after.manifest!.summary, ...after.manifest!.later.map((l) => l.file), ...after.manifest!.students.map((s) => s.file)].sort());
    // After a reload: the edit is there, and every student row too.
    await h.page.reload();
    await expect.poll(() => h.page.getByTestId('goal-1').getByTestId('goal-target').innerText(), { timeout: 120_000 }).toContain('+7 п.п.');
    expect(await sqlFirstRow(h.page, h.origin, COUNTS)).toEqual(first);
  });

  it('an import right after a reload works, writes one new student file and keeps the others', { timeout: 180_000 }, async () => {
    const before = await importAfterReload(h, 'после-перезагрузки.csv',
      Array.from({ length: 9 }, (_, i) => `2025,ВПР,Математика,4,990999,4а,pz${i},1,${10 + i},20,${3 + (i % 3)},4,,0`));
    // 2025 ВПР Математика 4 has saved rows: the import loaded the one file that has them, no other.
    expect(await dataset(h.page)).toEqual({ rows: 'deferred', files: `1/${before.manifest!.students.length}` });
    const after = await opfsFiles(h.page);
    const m = after.manifest!;
    const added = m.students.filter((s) => !before.manifest!.students.some((b) => b.file === s.file));
    expect(added).toHaveLength(1);
    expect(added[0]!.rows).toBe(9);
    // Every older student file is kept as it was; the old summary is gone.
    expect(m.students.filter((s) => before.manifest!.students.some((b) => b.file === s.file))).toEqual(before.manifest!.students);
    expect(after.names).toEqual(['manifest.json', m.summary, ...m.later.map((l) => l.file), ...m.students.map((s) => s.file)].sort());
    // The import (2025 rows) changed that year's later tables (school results, analytics): only that
    // year's file was rewritten, the other years' files were kept.
    const laterFile = (mf: NonNullable<Files['manifest']>, year: number) => mf.later.find((l) => l.year === year)?.file;
    expect(laterFile(m, 2025)).not.toBe(laterFile(before.manifest!, 2025));
    const others = before.manifest!.later.filter((l) => l.year !== 2025);
    expect(others.length).toBeGreaterThan(0);
    expect(m.later.filter((l) => l.year !== 2025)).toEqual(others);

    await h.page.reload();
    await h.page.getByTestId('imports-table').waitFor({ timeout: 120_000 });
    const counts = await sqlFirstRow(h.page, h.origin, COUNTS);
    expect(Number(counts[0])).toBe(Number(first[0]) + 1);
    expect(Number(counts[1])).toBe(Number(first[1]) + 9);
  });

  it('a removal after a reload loads only the files of its slices, and is saved: after a reload the import and its rows are gone', { timeout: 180_000 }, async () => {
    const before = await opfsFiles(h.page);
    await h.page.goto(`${h.origin}/#/data`);
    await h.page.reload();
    const row = h.page.getByTestId('imports-table').locator('tr', { hasText: 'после-перезагрузки.csv' });
    await row.waitFor({ timeout: 120_000 });
    h.page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: /Удалить импорт/ }).click();
    await h.page.getByText('Импорт «после-перезагрузки.csv» удалён.').waitFor({ timeout: 120_000 });
    // Its own file and the sample's 2025 ВПР file (the same slice): two of the saved files.
    expect(await dataset(h.page)).toEqual({ rows: 'deferred', files: `2/${before.manifest!.students.length}` });
    await expect.poll(async () => (await opfsFiles(h.page)).manifest?.students.some((s) => s.rows === 9), { timeout: 60_000 }).toBe(false);
    expect((await opfsFiles(h.page)).manifest!.students).toEqual(before.manifest!.students.filter((s) => s.rows !== 9));
    await h.page.reload();
    expect(await sqlFirstRow(h.page, h.origin, COUNTS)).toEqual(first);
    expect(await sqlFirstRow(h.page, h.origin, DERIVED_DIFFERENCE)).toEqual(['0']);
  });

  it('an import into slices no saved file has (a new year) loads no student row; after a reload all rows are there', { timeout: 180_000 }, async () => {
    const before = await importAfterReload(h, 'новый-год.csv',
      Array.from({ length: 6 }, (_, i) => `2026,ВПР,Математика,4,990105,4а,ny${i},1,${8 + i},20,${3 + (i % 3)},4,,0`));
    expect(await h.page.evaluate(() => document.documentElement.dataset.studentRows)).toBe('deferred');
    const m = (await opfsFiles(h.page)).manifest!;
    expect(m.students.filter((s) => before.manifest!.students.some((b) => b.file === s.file))).toEqual(before.manifest!.students);
    expect(m.students.filter((s) => !before.manifest!.students.some((b) => b.file === s.file))).toEqual([expect.objectContaining({ rows: 6 })]);
    await h.page.reload();
    const counts = await sqlFirstRow(h.page, h.origin, COUNTS);
    expect(Number(counts[0])).toBe(Number(first[0]) + 1);
    expect(Number(counts[1])).toBe(Number(first[1]) + 6);
    expect(await sqlFirstRow(h.page, h.origin, `SELECT count(*), sum(primary_score) FROM student_results WHERE year = 2026`)).toEqual(['6', '63']);
  });

  it('an import replacing a school\'s saved rows loads only the files of its slice; saved, the analytics equal a recomputation from all rows', { timeout: 180_000 }, async () => {
    const SLICE = `year = 2024 AND procedure = 'ВПР' AND subject = 'Математика' AND grade = 4 AND school_id = '990105'`;
    const [old] = await sqlFirstRow(h.page, h.origin, `SELECT count(*) FROM student_results WHERE ${SLICE}`);
    expect(Number(old)).toBeGreaterThan(0);
    const [total] = await sqlFirstRow(h.page, h.origin, 'SELECT count(*) FROM student_results');
    const before = await importAfterReload(h, 'замена-2024.csv',
      Array.from({ length: 5 }, (_, i) => `2024,ВПР,Математика,4,990105,4б,rp${i},1,${11 + i},20,${3 + (i % 3)},4,,0`));
    expect(await dataset(h.page)).toEqual({ rows: 'deferred', files: `1/${before.manifest!.students.length}` });
    // One saved file lost that school's rows and was rewritten; every other one is kept as it was.
    const m = (await opfsFiles(h.page)).manifest!;
    const kept = m.students.filter((s) => before.manifest!.students.some((b) => b.file === s.file));
    expect(kept).toHaveLength(before.manifest!.students.length - 1);
    expect(m.students.filter((s) => !before.manifest!.students.some((b) => b.file === s.file)).map((s) => s.rows).sort())
      .toEqual([5, before.manifest!.students.find((b) => !kept.some((k) => k.file === b.file))!.rows - Number(old)].sort());
    await h.page.reload();
    expect(await sqlFirstRow(h.page, h.origin, `SELECT count(*), (SELECT count(*) FROM student_results) FROM student_results WHERE ${SLICE}`))
      .toEqual(['5', String(Number(total) - Number(old) + 5)]);
    expect(await sqlFirstRow(h.page, h.origin, DERIVED_DIFFERENCE)).toEqual(['0']);
  });

  it('«Экспорт рабочей области» downloads one file that a fresh engine opens to the very same tables', { timeout: 240_000 }, async () => {
    // Every table the file carries: its row count and the sum of its rows' hashes, one line.
    const TABLES = `SELECT string_agg(t || ':' || n || ':' || h, ' ' ORDER BY t) AS s FROM (${WORKSPACE_TABLES.map((t) =>
      `SELECT '${t}' AS t, count(*)::VARCHAR AS n, coalesce(sum(hash(x)), 0)::VARCHAR AS h FROM ${t} x`).join(' UNION ALL ')})`;
    await h.page.goto(`${h.origin}/#/data`);
    await h.page.reload();
    await h.page.getByTestId('export-workspace').waitFor({ timeout: 120_000 });
    const [download] = await Promise.all([h.page.waitForEvent('download', { timeout: 120_000 }), h.page.getByTestId('export-workspace').click()]);
    expect(download.suggestedFilename()).toMatch(/^orientir-\d{4}-\d{2}-\d{2}\.orientir$/);
    const file = new Uint8Array(readFileSync((await download.path())!));
    const inApp = (await sqlFirstRow(h.page, h.origin, TABLES))[0]!;
    expect(inApp).toMatch(/student_results:[1-9]\d*:/);
    const engine = await freshEngine();
    try {
      await loadWorkspace(engine, file);
      const [opened] = await engine.query<{ s: string }>(TABLES);
      expect(opened!.s).toBe(inApp);
    } finally {
      await engine.close();
    }
  });

  it('opening a workspace file, then deleting all data, right after reloads load no saved student row, and none of them comes back', { timeout: 240_000 }, async () => {
    const engine = await freshEngine();
    let file: Uint8Array;
    try {
      const csv = 'year,procedure,subject,grade,school_id,class,student_code,variant,primary_score,max_score,mark,journal_mark,test_score,absent\n' +
        Array.from({ length: 8 }, (_, i) => `2023,ВПР,Математика,5,990555,5а,ws${i},1,${9 + i},20,${3 + (i % 3)},4,,0`).join('\n') + '\n';
      expect((await importFile(engine, 'другая-область.csv', new TextEncoder().encode(csv))).status).toBe('ok');
      file = await saveWorkspace(engine);
    } finally {
      await engine.close();
    }
    const before = await opfsFiles(h.page);
    await h.page.goto(`${h.origin}/#/data`);
    await h.page.reload();
    await h.page.getByTestId('open-workspace').waitFor({ state: 'attached', timeout: 120_000 });
    await h.page.getByTestId('open-workspace').setInputFiles({ name: 'другая.orientir', mimeType: 'application/octet-stream', buffer: Buffer.from(file) });
    await h.page.getByText('Рабочая область «другая.orientir» открыта.').waitFor({ timeout: 120_000 });
    // No saved student file was loaded for it (before, all of them were: ~12 s and ~2 GiB at region scale).
    expect(await dataset(h.page)).toEqual({ rows: 'deferred', files: undefined });
    await expect.poll(async () => (await opfsFiles(h.page)).manifest?.generation, { timeout: 60_000 }).toBe(before.manifest!.generation + 1);
    expect((await opfsFiles(h.page)).manifest!.students).toEqual([expect.objectContaining({ rows: 8 })]);
    await h.page.reload();
    expect(await sqlFirstRow(h.page, h.origin, 'SELECT (SELECT count(*) FROM imports), count(*), sum(primary_score) FROM student_results')).toEqual(['1', '8', '100']);

    await h.page.goto(`${h.origin}/#/data`);
    await h.page.reload();
    await h.page.getByRole('button', { name: 'Удалить все данные' }).waitFor({ timeout: 120_000 });
    h.page.once('dialog', (d) => void d.accept());
    await h.page.getByRole('button', { name: 'Удалить все данные' }).click();
    await h.page.getByText('Все данные удалены.').waitFor({ timeout: 120_000 });
    // No saved student file was loaded for it (before, all of them were: ~12 s and ~2 GiB at region scale).
    expect(await dataset(h.page)).toEqual({ rows: 'deferred', files: undefined });
    await expect.poll(async () => (await opfsFiles(h.page)).manifest?.students.length, { timeout: 60_000 }).toBe(0);
    await h.page.reload();
    expect(await sqlFirstRow(h.page, h.origin, 'SELECT (SELECT count(*) FROM imports), (SELECT count(*) FROM school_results), count(*) FROM student_results')).toEqual(['0', '0', '0']);
  });

  it('made zero requests to other origins, and no errors', () => {
    expect(foreignRequests(h)).toEqual([]);
    expect(h.errors).toEqual([]);
  });
});

describe('an earlier version’s single-file snapshot', () => {
  it('is opened and converted once to the split layout', { timeout: 300_000 }, async () => {
    const engine = await freshEngine();
    let legacy: Uint8Array;
    try {
      const csv = 'year,procedure,subject,grade,school_id,class,student_code,variant,primary_score,max_score,mark,journal_mark,test_score,absent\n' +
        Array.from({ length: 14 }, (_, i) => `2024,ВПР,Русский язык,5,990777,5б,legacy${i},2,${20 + i},45,${2 + (i % 4)},4,,0`).join('\n') + '\n';
      expect((await importFile(engine, 'старый-снимок.csv', new TextEncoder().encode(csv))).status).toBe('ok');
      legacy = await saveWorkspace(engine);
    } finally {
      await engine.close();
    }
    const h = await openApp('#/data');
    try {
      await h.page.getByTestId('imports-table').waitFor({ timeout: 180_000 });
      // Replace what the first start saved with the old single file, as an earlier version left it.
      await h.page.evaluate(async (bytes) => {
        const root = await navigator.storage.getDirectory();
        await root.removeEntry('workspace', { recursive: true });
        const w = await (await root.getFileHandle('workspace.orientir', { create: true })).createWritable();
        await w.write(new Uint8Array(bytes));
        await w.close();
      }, [...legacy]);
      await h.page.reload();
      const [imports, students, name] = await sqlFirstRow(h.page, h.origin, `SELECT (SELECT count(*) FROM imports), (SELECT count(*) FROM student_results), (SELECT min(file_name) FROM imports)`);
      expect([imports, students, name]).toEqual(['1', '14', 'старый-снимок.csv']);
      await expect.poll(async () => (await opfsFiles(h.page)).legacy, { timeout: 60_000 }).toBe(false);
      const files = await opfsFiles(h.page);
      expect(files.manifest!.students.map((s) => s.rows)).toEqual([14]);
      await h.page.reload();
      expect(await sqlFirstRow(h.page, h.origin, `SELECT (SELECT count(*) FROM imports), (SELECT count(*) FROM student_results), (SELECT min(file_name) FROM imports)`)).toEqual(['1', '14', 'старый-снимок.csv']);
      expect(foreignRequests(h)).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
