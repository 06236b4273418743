import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber, formatPct } from '../../src/core/format.ts';
import { overviewSql, type OverviewRow } from '../../src/core/sql/queries.ts';
import { freshEngine, importSample, ROOT } from '../helpers.ts';
import { foreignRequests, openApp, type BrowserHarness } from './harness.ts';

const SHOTS = path.join(ROOT, 'artifacts', 'screenshots');

/**
 * The built app in Debian's Chromium: it opens with the sample municipality, its numbers equal the
 * core's on the Node engine over the same files, it logs no errors and asks no other origin.
 */
describe('the app in a real browser', () => {
  let h: BrowserHarness;
  let expected: OverviewRow[];
  beforeAll(async () => {
    const engine = await freshEngine();
    await importSample(engine);
    expected = await engine.query<OverviewRow & Record<string, unknown>>(overviewSql());
    await engine.close();
    mkdirSync(SHOTS, { recursive: true });
    h = await openApp('#/');
    await h.page.waitForSelector('[data-testid="overview-table"]', { timeout: 120_000 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('opens with the sample municipality and shows the same overview numbers as the Node engine', async () => {
    await h.page.screenshot({ path: path.join(SHOTS, 'overview.png'), fullPage: true });
    expect(await h.page.getByTestId('tile-schools').innerText()).toBe('25');
    expect(expected.length).toBe(21);
    for (const r of expected) {
      const row = h.page.getByTestId(`overview-row-${r.procedure}-${r.year}`);
      expect(await row.getByTestId('schools').innerText()).toBe(formatNumber(r.schools));
      expect(await row.getByTestId('participants').innerText()).toBe(formatNumber(r.participants));
      expect(await row.getByTestId('quality').locator('.share-value').innerText()).toBe(formatPct(r.quality_pct));
      expect(await row.getByTestId('success').locator('.share-value').innerText()).toBe(formatPct(r.success_pct));
      expect(await row.getByTestId('quality').locator('.share-n').innerText()).toContain(`n=${formatNumber(r.marked)}`);
    }
  });

  it('lists schools, sortable, each share with its n', async () => {
    await h.page.getByRole('link', { name: 'Школы', exact: true }).click();
    const table = h.page.getByTestId('schools-table');
    await table.waitFor({ timeout: 60_000 });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(25);
    const firstQuality = async () => table.locator('tbody tr').first().getByTestId('quality').locator('.share-value').innerText();
    const top = await firstQuality();
    await table.getByRole('button', { name: /Качество знаний/ }).click();
    await expect.poll(firstQuality).not.toBe(top);
    expect(await table.locator('tbody tr').first().getByTestId('quality').locator('.share-n').innerText()).toMatch(/^n=\d/);
    await h.page.screenshot({ path: path.join(SHOTS, 'schools.png'), fullPage: true });
  });

  it("shows a school page with its quality trend and its goal's line (+8 p.p. from goal_progress)", async () => {
    await h.page.goto(`${h.origin}/#/school/990116`);
    await h.page.getByTestId('chart-ВПР').locator('svg').waitFor({ timeout: 60_000 });
    expect(await h.page.getByRole('heading', { level: 1 }).innerText()).toBe('МКОУ «Лесновская ООШ»');
    expect(await h.page.getByTestId('summary-ВПР').innerText()).toMatch(/Качество по ВПР выросло на 11,\d\s?п\.п\. с 2021 года[\s\S]*: \+8\s?п\.п\. от 2021 года к 2025 году[\s\S]*статус — достигнута/);
    expect(await h.page.getByTestId('chart-ВПР').innerText()).toContain('Цель: +8');
    await h.page.screenshot({ path: path.join(SHOTS, 'school.png'), fullPage: true });
  });

  it('went back and forward through the hash routes', async () => {
    await h.page.goBack();
    await h.page.getByTestId('schools-table').waitFor();
    await h.page.goForward();
    await h.page.getByTestId('chart-ВПР').waitFor();
  });

  it('logged no errors and made zero requests to any other origin', () => {
    expect(h.errors).toEqual([]);
    expect(h.requests.length).toBeGreaterThan(5);
    expect(foreignRequests(h)).toEqual([]);
  });
});
