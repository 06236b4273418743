import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REAL, ROOT } from '../helpers.ts';
import { foreignRequests, openApp, type BrowserHarness, sqlFirstRow } from './harness.ts';

const RUS5_XLSX = path.join(REAL, 'altai-vpr-2021', 'Проведение работы по русскому языку, 5 класс. ВПР 2021.xlsx');
const XSS_NAME = '<img src=x onerror=alert(1)><script>alert(2)</script>';
const FORMULA_NAME = "=cmd|' /C calc'!A0";


/** What the workspace holds, checked for consistency: every import's rows are all there or not at all. */
async function state(page: Page, origin: string) {
  const [imports, students, orphans, rus5, rus5Rows, rus5Imports] = await sqlFirstRow(
    page,
    origin,
    `SELECT (SELECT count(*) FROM imports) AS imports, (SELECT count(*) FROM student_results) AS students,
       (SELECT count(*) FROM student_results WHERE import_id NOT IN (SELECT id FROM imports)) AS orphans,
       (SELECT count(*) FROM student_results WHERE import_id IN (SELECT id FROM imports WHERE file_name LIKE '%русскому языку, 5 класс%')) AS rus5,
       (SELECT COALESCE(sum(rows), 0) FROM imports WHERE file_name LIKE '%русскому языку, 5 класс%') AS rus5_rows,
       (SELECT count(*) FROM imports WHERE file_name LIKE '%русскому языку, 5 класс%') AS rus5_imports`,
  );
  return { imports: Number(imports), students: Number(students), orphans: Number(orphans), rus5: Number(rus5), rus5Rows: Number(rus5Rows), rus5Imports: Number(rus5Imports) };
}

describe('reliability and safety in a real browser', () => {
  let h: BrowserHarness;
  const dialogs: string[] = [];
  let before: Awaited<ReturnType<typeof state>>;

  beforeAll(async () => {
    h = await openApp('#/data');
    h.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await h.page.getByTestId('imports-table').waitFor({ timeout: 120_000 });
    before = await state(h.page, h.origin);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('starts with the sample: no orphan rows, the real file not yet imported', () => {
    expect(before).toMatchObject({ orphans: 0, rus5: 0, rus5Imports: 0 });
    expect(before.imports).toBeGreaterThan(0);
  });

  /** Old data, or all of the new file: never a mix. */
  const expectOldOrNew = (s: Awaited<ReturnType<typeof state>>) => {
    expect(s.orphans).toBe(0);
    if (s.rus5Imports === 0) {
      expect(s).toMatchObject({ imports: before.imports, students: before.students, rus5: 0 });
    } else {
      expect(s.rus5Imports).toBe(1);
      expect(s.imports).toBe(before.imports + 1);
      expect(s.rus5).toBe(s.rus5Rows);
      expect(s.students).toBe(before.students + s.rus5Rows);
    }
  };

  it('a reload in the middle of importing a large xlsx leaves the old data or the new, never a mix', { timeout: 300_000 }, async () => {
    await h.page.goto(`${h.origin}/#/data`);
    await h.page.getByTestId('file-input').setInputFiles(RUS5_XLSX);
    await h.page.getByTestId('import-progress').waitFor({ timeout: 30_000 });
    await h.page.waitForTimeout(1500);
    await h.page.reload();
    await h.page.getByTestId('imports-table').waitFor({ timeout: 120_000 });
    const after = await state(h.page, h.origin);
    expectOldOrNew(after);
  });

  it('a reload right after the import finished (while it is being saved) also leaves old or new', { timeout: 300_000 }, async () => {
    await h.page.goto(`${h.origin}/#/data`);
    await h.page.getByTestId('imports-table').waitFor({ timeout: 120_000 });
    const start = await state(h.page, h.origin);
    if (start.rus5Imports === 1) return; // already imported by the previous test's race: nothing to add
    await h.page.goto(`${h.origin}/#/data`);
    await h.page.getByTestId('file-input').setInputFiles(RUS5_XLSX);
    await h.page.getByTestId('import-results').locator('li.ok').first().waitFor({ timeout: 180_000 });
    await h.page.reload();
    await h.page.getByTestId('imports-table').waitFor({ timeout: 120_000 });
    expectOldOrNew(await state(h.page, h.origin));
  });

  it('a second tab on the same profile shows the read-only banner', { timeout: 120_000 }, async () => {
    const second = await h.context.newPage();
    try {
      await second.goto(`${h.origin}/#/data`);
      await second.getByText('Ориентир открыт в другой вкладке').waitFor({ timeout: 120_000 });
    } finally {
      await second.close();
    }
  });

  it('a school name with HTML renders as text on «Школы» and in the SQL console; no dialog fires', { timeout: 180_000 }, async () => {
    await h.page.goto(`${h.origin}/#/data`);
    await h.page.getByTestId('imports-table').waitFor({ timeout: 120_000 });
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    await h.page.getByTestId('file-input').setInputFiles([
      {
        name: 'школы-xss.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(`school_id,name,municipality\n990777,${quote(XSS_NAME)},${quote(XSS_NAME)}\n990778,${quote(FORMULA_NAME)},Город\n`),
      },
      {
        name: 'результаты-xss.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('year,procedure,subject,grade,school_id,participants,n2,n3,n4,n5\n2025,ВПР,Математика,4,990777,20,2,6,8,4\n2025,ВПР,Математика,4,990778,10,1,3,4,2\n'),
      },
    ]);
    await expect.poll(() => h.page.getByTestId('import-results').locator('li.ok').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    await h.page.goto(`${h.origin}/#/schools`);
    const row = h.page.getByTestId('school-row-990777');
    await row.waitFor({ timeout: 60_000 });
    expect(await row.innerText()).toContain(XSS_NAME);
    expect(await h.page.evaluate(() => document.querySelectorAll('img[src="x"]').length)).toBe(0);
    expect(await h.page.evaluate(() => [...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('alert(')).length)).toBe(0);

    const [name] = await sqlFirstRow(h.page, h.origin, `SELECT name FROM schools WHERE school_id = '990777'`);
    expect(name).toBe(XSS_NAME);
    expect(await h.page.evaluate(() => document.querySelectorAll('img[src="x"]').length)).toBe(0);
    await h.page.goto(`${h.origin}/#/school/990777`);
    await h.page.getByText(XSS_NAME).first().waitFor({ timeout: 60_000 });
    expect(await h.page.evaluate(() => document.querySelectorAll('img[src="x"]').length)).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('the CSV export of «Школы» neutralises a formula in a school name with a leading apostrophe', { timeout: 120_000 }, async () => {
    await h.page.goto(`${h.origin}/#/schools`);
    await h.page.getByTestId('school-row-990778').waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([h.page.waitForEvent('download'), h.page.getByTestId('export-csv').first().click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toContain(`;'${FORMULA_NAME};`);
    expect(text).not.toMatch(/(^|;)=cmd/m);
  });

  it('the SQL page refuses writes, files, URLs and extensions, with no request leaving', { timeout: 180_000 }, async () => {
    const payloads = [
      "ATTACH 'https://example.com/x.duckdb' AS x",
      "COPY schools TO '/tmp/schools.csv'",
      'INSTALL httpfs',
      'LOAD httpfs',
      "EXPORT DATABASE '/tmp/dump'",
      "INSERT INTO schools (school_id) VALUES ('1')",
      'DELETE FROM student_results',
      "SELECT * FROM read_csv('/etc/passwd')",
      "SELECT * FROM 'http://example.com/data.csv'",
      "SELECT * FROM read_json('https://example.com/a.json')",
      "SELECT * FROM query('SELECT 1')",
    ];
    await h.page.goto(`${h.origin}/#/sql`);
    for (const p of payloads) {
      await h.page.getByTestId('sql-input').fill(p);
      await h.page.getByTestId('sql-run').click();
      const error = h.page.getByTestId('sql-error');
      await expect.poll(() => error.innerText(), { timeout: 10_000 }).toMatch(/только читает/);
    }
    const after = await state(h.page, h.origin);
    expect(after.orphans).toBe(0);
    expect(foreignRequests(h)).toEqual([]);
  });

  it('every page loads with zero requests to other origins', { timeout: 300_000 }, async () => {
    for (const hash of ['#/', '#/schools', '#/compare', '#/objectivity', '#/monitoring', '#/data', '#/sql', '#/school/990116']) {
      await h.page.goto(`${h.origin}/${hash}`);
      await h.page.locator('h1').first().waitFor({ timeout: 120_000 });
      await h.page.waitForLoadState('networkidle');
      const csp = await h.page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '');
      expect(csp).toContain("default-src 'self'");
    }
    expect(foreignRequests(h)).toEqual([]);
    expect(h.errors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});

describe('the built index.html carries a strict Content-Security-Policy', () => {
  it('allows only its own origin (plus WebAssembly compilation and blob: workers)', () => {
    const html = readFileSync(path.join(ROOT, 'dist', 'index.html'), 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(csp).toBeDefined();
    const directives = new Map(csp!.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k!, v]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    // No other origin anywhere, no wildcard, no eval.
    expect(csp).not.toMatch(/https?:|\*|'unsafe-eval'|ws:|wss:/);
  });
});
