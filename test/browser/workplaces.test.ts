import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPct } from '../../src/core/format.ts';
import { schoolsTableSql, type SchoolRow } from '../../src/core/sql/queries.ts';
import { freshEngine, importSample, ROOT } from '../helpers.ts';
import { foreignRequests, openApp, type BrowserHarness } from './harness.ts';

const SHOTS = path.join(ROOT, 'artifacts', 'screenshots');

/** Filters kept in the URL, table and chart exports, and the SQL console, on the sample municipality. */
describe('filters, exports and the SQL console in a real browser', () => {
  let h: BrowserHarness;
  let oge2023: SchoolRow[];
  beforeAll(async () => {
    const engine = await freshEngine();
    await importSample(engine);
    oge2023 = await engine.query<SchoolRow & Record<string, unknown>>(schoolsTableSql('ОГЭ', 2023, {}));
    await engine.close();
    h = await openApp('#/schools?procedure=ОГЭ&year=2023');
    await h.page.getByTestId('schools-table').waitFor({ timeout: 120_000 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('opens a bookmarked view with its filters, and its numbers equal the Node engine', async () => {
    const table = h.page.getByTestId('schools-table');
    expect(await table.locator('caption').innerText()).toContain('ОГЭ, 2023 год');
    for (const r of oge2023.filter((x) => x.quality_pct !== null)) {
      const cell = table.getByTestId(`school-row-${r.school_id}`).getByTestId('quality').locator('.share-value');
      expect(await cell.innerText(), r.school_id).toBe(formatPct(r.quality_pct));
    }
  });

  it('changes a filter into a new URL, and back restores the previous view', async () => {
    const table = h.page.getByTestId('schools-table');
    await h.page.getByTestId('filter-category').selectOption('shnor');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(5);
    expect(h.page.url()).toContain('category=shnor');
    await h.page.goBack();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(25);
    expect(h.page.url()).not.toContain('category=');
  });

  it('exports the table to CSV that round-trips, and to XLSX with real numbers and context', async () => {
    const [csvDownload] = await Promise.all([h.page.waitForEvent('download'), h.page.getByTestId('export-csv').click()]);
    const csv = readFileSync((await csvDownload.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = Papa.parse<string[]>(csv.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    expect(rows[0]![0]).toMatch(/^Ориентир .* — Школы$/);
    expect(rows[1]![0]).toBe('Фильтры: ОГЭ, 2023 год');
    expect(rows[2]![0]).toMatch(/^Источники данных: .*oge-2023\.csv \(\d\d\.\d\d\.\d{4}\)/);
    const header = rows.findIndex((r) => r[0] === 'Код ОО');
    expect(rows.length - header - 1).toBe(25);

    const [xlsxDownload] = await Promise.all([h.page.waitForEvent('download'), h.page.getByTestId('export-xlsx').click()]);
    const wb = XLSX.read(readFileSync((await xlsxDownload.path())!), { type: 'buffer' });
    expect(wb.SheetNames).toEqual(['Данные', 'Контекст']);
    const data = wb.Sheets['Данные']!;
    expect(data['!autofilter']?.ref).toBe('A1:K26');
    expect(data['A1']?.v).toBe('Код ОО');
    const qualityCells = Array.from({ length: 25 }, (_, i) => data[`G${i + 2}`]).filter((c) => c !== undefined);
    expect(qualityCells.length).toBeGreaterThan(20);
    expect(qualityCells.every((c) => c!.t === 'n')).toBe(true);
    expect(String(wb.Sheets['Контекст']!['A2']?.v)).toBe('Фильтры: ОГЭ, 2023 год');
  });

  it('downloads a chart as PNG and SVG with its title', async () => {
    await h.page.goto(`${h.origin}/#/school/990116`);
    const chart = h.page.getByTestId('chart-ВПР');
    await chart.locator('svg').first().waitFor({ timeout: 60_000 });
    const [png] = await Promise.all([h.page.waitForEvent('download'), chart.getByRole('button', { name: /как PNG/ }).click()]);
    const bytes = readFileSync((await png.path())!);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const [svg] = await Promise.all([h.page.waitForEvent('download'), chart.getByRole('button', { name: /как SVG/ }).click()]);
    const text = readFileSync((await svg.path())!, 'utf8');
    expect(text).toContain('<svg');
    expect(text).toContain('качество знаний по годам');
  });

  it('runs read-only SQL and refuses writes', async () => {
    await h.page.goto(`${h.origin}/#/sql`);
    const input = h.page.getByTestId('sql-input');
    await input.waitFor({ timeout: 60_000 });
    await input.fill("SELECT count(*)::INTEGER AS n FROM schools");
    await h.page.getByTestId('sql-run').click();
    await expect.poll(() => h.page.getByTestId('sql-result').locator('tbody td').first().innerText()).toBe('25');
    await input.fill('DROP TABLE schools');
    await h.page.getByTestId('sql-run').click();
    await expect.poll(() => h.page.getByTestId('sql-error').innerText()).toMatch(/только читает данные/);
    await h.page.screenshot({ path: path.join(SHOTS, 'sql.png'), fullPage: true });
  });

  it('made zero requests to other origins and logged no errors', () => {
    expect(foreignRequests(h)).toEqual([]);
    expect(h.errors).toEqual([]);
  });
});
