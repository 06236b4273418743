import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber, formatPct } from '../../src/core/format.ts';
import { plural } from '../../src/core/import-problem.ts';
import { compareBaseSql, compareCountSql, comparePageSql, type CompareRow, type SortColumn } from '../../src/core/sql/compare-queries.ts';
import type { Engine } from '../../src/db/engine.ts';
import { importFile } from '../../src/db/import-file.ts';
import { syntheticSchools } from '../compare-fixture.ts';
import { freshEngine, importSample, ROOT } from '../helpers.ts';
import { foreignRequests, openApp, type BrowserHarness } from './harness.ts';

const SHOTS = path.join(ROOT, 'artifacts', 'screenshots');
const SCHOOLS = 2000;
/** 2 000 synthetic schools less the 143 that have no ВПР result at all, plus the sample's 25. */
const TOTAL = SCHOOLS - 143 + 25;

/**
 * «Сравнение» with ~1 900 schools in a real browser: the synthetic schools enter through the file
 * input like any user's files; the order on screen is DuckDB's order (the same SQL on the Node
 * engine), the list scrolls to its last school, and the table works from the keyboard.
 */
describe('«Сравнение» with thousands of schools', () => {
  let h: BrowserHarness;
  let engine: Engine;
  const files = syntheticSchools(SCHOOLS);
  const base = compareBaseSql('ВПР', 2025, {});
  const ordered = async (sort: SortColumn, desc: boolean, grouped = false) => engine.query<CompareRow & Record<string, unknown>>(comparePageSql(base, sort, desc, 0, TOTAL, grouped));
  const rowIds = () => h.page.getByTestId('compare-table').locator('[data-testid^="compare-row-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')!.slice('compare-row-'.length)));

  beforeAll(async () => {
    engine = await freshEngine();
    await importSample(engine);
    for (const [name, text] of [['синтетические-школы.csv', files.schoolsCsv], ['синтетические-результаты.csv', files.resultsCsv]] as const) {
      const r = await importFile(engine, name, new TextEncoder().encode(text));
      if (r.status !== 'ok') throw new Error(`${name}: ${r.status}`);
    }
    h = await openApp('#/data');
    await h.page.getByTestId('imports-table').locator('tbody tr').nth(26).waitFor({ timeout: 120_000 });
  }, 300_000);
  afterAll(async () => {
    await h?.close();
    await engine?.close();
  });

  it('imports the synthetic schools through the file input', { timeout: 180_000 }, async () => {
    await h.page.getByTestId('file-input').setInputFiles([
      { name: 'синтетические-результаты.csv', mimeType: 'text/csv', buffer: Buffer.from(files.resultsCsv) },
      { name: 'синтетические-школы.csv', mimeType: 'text/csv', buffer: Buffer.from(files.schoolsCsv) },
    ]);
    await expect.poll(() => h.page.getByTestId('import-results').locator('li.ok').count(), { timeout: 120_000 }).toBe(2);
    expect(await h.page.getByTestId('import-results').locator('li.failed').count()).toBe(0);
    await h.page.goto(`${h.origin}/#/compare?procedure=ВПР&year=2025`);
    await h.page.getByTestId('compare-table').waitFor({ timeout: 60_000 });
  });

  it('counts the schools as DuckDB does and shows the first window in its order', async () => {
    const [{ n }] = (await engine.query<{ n: number }>(compareCountSql(base))) as [{ n: number }];
    expect(n).toBe(TOTAL);
    await expect.poll(() => h.page.getByTestId('compare-count').innerText(), { timeout: 30_000 }).toContain('1\u202f882 школы');
    expect(await h.page.getByTestId('compare-table').getAttribute('aria-rowcount')).toBe(String(TOTAL + 1));
    const expected = (await ordered('quality_pct', true)).map((r) => r.school_id);
    await expect.poll(rowIds, { timeout: 30_000 }).toEqual(expected.slice(0, 15));
  });

  it('sorts by a column in DuckDB: the order on screen is the SQL order, both directions', async () => {
    const table = h.page.getByTestId('compare-table');
    const header = table.getByRole('button', { name: /Средняя отметка/ });
    await header.click();
    const desc = await ordered('mean_mark', true);
    await expect.poll(rowIds, { timeout: 30_000 }).toEqual(desc.slice(0, 15).map((r) => r.school_id));
    expect(await table.getByRole('columnheader', { name: /Средняя отметка/ }).getAttribute('aria-sort')).toBe('descending');
    const first = table.getByTestId(`compare-row-${desc[0]!.school_id}`);
    expect(await first.getByTestId('quality').locator('.share-value').innerText()).toBe(formatPct(desc[0]!.quality_pct));
    await header.click();
    const asc = await ordered('mean_mark', false);
    await expect.poll(rowIds, { timeout: 30_000 }).toEqual(asc.slice(0, 15).map((r) => r.school_id));
    expect(await table.getByRole('columnheader', { name: /Средняя отметка/ }).getAttribute('aria-sort')).toBe('ascending');
    await table.screenshot({ path: path.join(SHOTS, 'compare-table.png') });
  });

  it('scrolls to the end of the list: the last rows are the last of the SQL order, empty values last', async () => {
    const asc = await ordered('mean_mark', false);
    const last = asc[asc.length - 1]!;
    expect(last.mean_mark).toBeNull();
    await h.page.getByTestId('compare-body').evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await expect.poll(async () => (await rowIds()).at(-1), { timeout: 30_000 }).toBe(last.school_id);
    const ids = await rowIds();
    expect(ids).toEqual(asc.slice(asc.length - ids.length).map((r) => r.school_id));
    expect(await h.page.getByTestId(`compare-row-${last.school_id}`).getAttribute('aria-rowindex')).toBe(String(TOTAL + 1));
    await h.page.screenshot({ path: path.join(SHOTS, 'compare-2000-end.png'), fullPage: false });
    // And back in the middle: a window that is neither the first nor the last page.
    await h.page.getByTestId('compare-body').evaluate((el) => {
      el.scrollTop = 44 * 1000;
    });
    await expect.poll(async () => (await rowIds())[0], { timeout: 30_000 }).toBe(asc[1000]!.school_id);
  });

  it('works from the keyboard: headers are buttons, ↑/↓ move between rows, Space picks a school', async () => {
    const table = h.page.getByTestId('compare-table');
    const header = table.getByRole('button', { name: /Качество знаний/ });
    await header.focus();
    await h.page.keyboard.press('Enter');
    const byQuality = await ordered('quality_pct', true);
    await expect.poll(rowIds, { timeout: 30_000 }).toEqual(byQuality.slice(0, 15).map((r) => r.school_id));
    const firstBox = table.getByLabel(`Сравнить: ${byQuality[0]!.name}`);
    await firstBox.focus();
    await h.page.keyboard.press('Space');
    for (let i = 0; i < 20; i++) await h.page.keyboard.press('ArrowDown');
    // Row 21 is below the first screen: the table scrolled to it and moved the focus there.
    const target = byQuality[20]!;
    await expect.poll(() => h.page.evaluate(() => document.activeElement?.getAttribute('aria-label')), { timeout: 30_000 }).toBe(`Сравнить: ${target.name}`);
    await h.page.keyboard.press('Space');
    await h.page.getByTestId('side-by-side').waitFor({ timeout: 30_000 });
    const side = await h.page.getByTestId('side-by-side-table').locator('tbody th').allInnerTexts();
    expect(side).toEqual([byQuality[0]!.name, target.name]);
    await h.page.keyboard.press('ArrowUp');
    await expect.poll(() => h.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Сравнить: ${byQuality[19]!.name}`);
  });

  it('lets at most 6 schools be picked: the other boxes are disabled until one is unticked', async () => {
    const table = h.page.getByTestId('compare-table');
    await h.page.getByTestId('compare-body').evaluate((el) => {
      el.scrollTop = 0;
    });
    const boxes = table.getByRole('checkbox');
    await expect.poll(() => table.getByRole('checkbox', { checked: true }).count(), { timeout: 30_000 }).toBe(1);
    const picked = () => h.page.getByTestId('side-by-side-table').locator('tbody tr').count();
    expect(await picked()).toBe(2);
    for (let i = 0; (await picked()) < 6 && i < 15; i++) {
      if (!(await boxes.nth(i).isChecked())) await boxes.nth(i).check();
    }
    await expect.poll(() => h.page.getByTestId('side-by-side-table').locator('tbody tr').count()).toBe(6);
    expect(await h.page.getByTestId('compare-count').innerText()).toContain('выбрано: 6');
    const unticked = table.getByRole('checkbox', { checked: false });
    expect(await unticked.count()).toBeGreaterThan(0);
    expect(await unticked.evaluateAll((els) => els.every((e) => (e as HTMLInputElement).disabled))).toBe(true);
    await table.getByRole('checkbox', { checked: true }).first().uncheck();
    await expect.poll(() => h.page.getByTestId('side-by-side-table').locator('tbody tr').count()).toBe(5);
    expect(await table.getByRole('checkbox', { checked: false }).evaluateAll((els) => els.some((e) => !(e as HTMLInputElement).disabled))).toBe(true);
  });

  it('groups by municipality and hides a column through the chooser', async () => {
    await h.page.getByLabel('группировать по муниципалитету').check();
    const grouped = await ordered('quality_pct', true, true);
    await h.page.getByTestId('compare-body').evaluate((el) => {
      el.scrollTop = 0;
    });
    await expect.poll(rowIds, { timeout: 30_000 }).toEqual(grouped.slice(0, 15).map((r) => r.school_id));
    const table = h.page.getByTestId('compare-table');
    await h.page.getByText('Столбцы', { exact: true }).click();
    await h.page.getByRole('checkbox', { name: 'Успеваемость' }).uncheck();
    await expect.poll(() => table.getByRole('columnheader', { name: /Успеваемость/ }).count()).toBe(0);
    expect(await table.getByRole('columnheader', { name: /Качество знаний/ }).count()).toBe(1);
    await h.page.getByRole('checkbox', { name: 'Успеваемость' }).check();
    await expect.poll(() => table.getByRole('columnheader', { name: /Успеваемость/ }).count()).toBe(1);
    await h.page.screenshot({ path: path.join(SHOTS, 'compare-2000.png'), fullPage: true });
    await h.page.getByTestId('quadrants').screenshot({ path: path.join(SHOTS, 'compare-quadrants.png') });
  });

  it('searches in DuckDB: typing narrows the table to the schools the same SQL finds', async () => {
    const searched = compareBaseSql('ВПР', 2025, {}, 'школа № 12');
    const [{ n }] = (await engine.query<{ n: number }>(compareCountSql(searched))) as [{ n: number }];
    const expected = await engine.query<CompareRow & Record<string, unknown>>(comparePageSql(searched, 'quality_pct', true, 0, n, true));
    expect(n).toBeGreaterThan(15);
    // Deep in the list first: the narrowed table must start from its top.
    await h.page.getByTestId('compare-body').evaluate((el) => {
      el.scrollTop = 44 * 500;
    });
    await h.page.getByTestId('compare-search').fill('школа № 12');
    await expect.poll(() => h.page.getByTestId('compare-count').innerText(), { timeout: 30_000 }).toContain(`поиск «школа № 12»: ${formatNumber(n)} ${plural(n, 'школа', 'школы', 'школ')}.`);
    await expect.poll(rowIds, { timeout: 30_000 }).toEqual(expected.slice(0, 15).map((r) => r.school_id));
    await h.page.getByTestId('compare-search').fill('нет такой школы');
    await h.page.getByTestId('compare-empty').waitFor({ timeout: 30_000 });
    expect(await h.page.getByTestId('compare-empty').innerText()).toContain('Ни одна школа не подходит под поиск «нет такой школы»');
    await h.page.getByTestId('compare-search').fill('');
    await expect.poll(() => h.page.getByTestId('compare-count').innerText(), { timeout: 30_000 }).toContain('1\u202f882 школы');
  });

  it('made zero requests to other origins and logged no errors', () => {
    expect(foreignRequests(h)).toEqual([]);
    expect(h.errors).toEqual([]);
  });
});
