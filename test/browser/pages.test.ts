import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber, formatPct } from '../../src/core/format.ts';
import { goalLevel, type SchoolGoalProgress } from '../../src/core/goals/school-goal-text.ts';
import { schoolGoalsSql } from '../../src/core/sql/school-queries.ts';
import { freshEngine, importSample, ROOT } from '../helpers.ts';
import { foreignRequests, openApp, type BrowserHarness } from './harness.ts';

const SHOTS = path.join(ROOT, 'artifacts', 'screenshots');

/**
 * The workplaces on the sample municipality: what each page says is what the views compute on the
 * Node engine, and the planted phenomena are visible where a user would look for them.
 */
describe('workplaces in a real browser', () => {
  let h: BrowserHarness;
  let expected: { flaggedSchools2025: number; index2025: number; shnorGap: number; goalA: SchoolGoalProgress; goalB: SchoolGoalProgress };
  beforeAll(async () => {
    const engine = await freshEngine();
    await importSample(engine);
    const [idx] = await engine.query<{ flagged: number; index: number }>(`SELECT sum(flagged)::INTEGER AS flagged, 100 - 100.0 * sum(flagged) / sum(schools) AS index FROM objectivity_index WHERE year = 2025`);
    const [gap] = await engine.query<{ gap_pp: number }>(`SELECT gap_pp FROM group_gap WHERE procedure = 'ВПР' ORDER BY year DESC LIMIT 1`);
    const goal1 = async (id: string) => (await engine.query<SchoolGoalProgress & Record<string, unknown>>(schoolGoalsSql(id))).find((g) => g.goal_id === 1)!;
    expected = { flaggedSchools2025: idx!.flagged, index2025: idx!.index, shnorGap: gap!.gap_pp, goalA: await goal1('990116'), goalB: await goal1('990117') };
    await engine.close();
    h = await openApp('#/');
    await h.page.getByTestId('coordinator-tiles').waitFor({ timeout: 120_000 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('«Обзор» tiles say what the views compute', async () => {
    await expect.poll(() => h.page.getByTestId('tile-objectivity').innerText(), { timeout: 30_000 }).toContain(formatNumber(expected.index2025, 0));
    expect(await h.page.getByTestId('tile-objectivity').innerText()).toContain(`признаки у ${expected.flaggedSchools2025} школ из 25`);
    await expect.poll(() => h.page.getByTestId('tile-shnor-gap').innerText()).toContain(`−${formatNumber(Math.abs(expected.shnorGap), 1)}`);
    await expect.poll(() => h.page.getByTestId('tile-monitoring').innerText()).toMatch(/40\s?%[\s\S]*у 2 из 5 школ ШНОР/);
    await expect.poll(() => h.page.getByTestId('tile-goals').innerText()).toContain('1 из 5 школ');
    await h.page.screenshot({ path: path.join(SHOTS, 'overview-coordinator.png'), fullPage: true });
  });

  it('«Объективность» shows school D with its evidence, as a signal for review', async () => {
    await h.page.goto(`${h.origin}/#/objectivity?year=2025`);
    const table = h.page.getByTestId('flagged-table');
    await table.waitFor({ timeout: 60_000 });
    expect(await h.page.getByText('сигналы для проверки, а не вердикт').count()).toBe(1);
    const d = table.getByTestId('flag-990105-inflated_mean').first();
    expect(await d.innerText()).toMatch(/МБОУ «СОШ № 5»[\s\S]*Средний балл школы/);
    expect(await table.getByTestId('flag-990105-journal_mismatch').count()).toBeGreaterThan(0);
    await h.page.getByTestId('histogram').locator('svg').first().waitFor({ timeout: 30_000 });
    await h.page.screenshot({ path: path.join(SHOTS, 'objectivity.png'), fullPage: true });
  });

  it('«Мониторинг 500+» shows the matrix, the 40 % share and the roadmap with overdue first', async () => {
    await h.page.goto(`${h.origin}/#/monitoring`);
    await h.page.getByTestId('monitoring-matrix').waitFor({ timeout: 60_000 });
    expect(await h.page.getByTestId('municipal-share-2').innerText()).toMatch(/2 из 5/);
    expect(await h.page.getByTestId('school-status-990116').innerText()).toMatch(/позитивн/);
    const firstRoadmap = h.page.getByTestId('roadmap-table').locator('tbody tr').first();
    expect(await firstRoadmap.innerText()).toMatch(/просрочено/);
    await h.page.screenshot({ path: path.join(SHOTS, 'monitoring.png'), fullPage: true });
    await h.page.goto(`${h.origin}/#/risk/990116`);
    await h.page.getByTestId('risk-year-2025').waitFor({ timeout: 60_000 });
    await h.page.screenshot({ path: path.join(SHOTS, 'risk-card.png'), fullPage: true });
  });

  it('«Сравнение» lists all schools sorted in DuckDB and compares picked ones side by side', async () => {
    await h.page.goto(`${h.origin}/#/compare?procedure=ВПР&year=2025`);
    const table = h.page.getByTestId('compare-table');
    await table.waitFor({ timeout: 60_000 });
    await expect.poll(() => h.page.getByTestId('compare-count').innerText()).toContain('25 школ');
    const first = table.locator('[data-testid^="compare-row-"]').first();
    await expect.poll(() => first.getAttribute('data-testid')).toBe('compare-row-990103');
    await table.getByRole('button', { name: /Качество знаний/ }).click();
    await expect.poll(() => table.locator('[data-testid^="compare-row-"]').first().getAttribute('data-testid')).toBe('compare-row-990118');
    await h.page.getByLabel('Сравнить: МКОУ «Луговская ООШ»').check();
    await h.page.getByLabel('Сравнить: МКОУ «Ольховская ООШ»').check();
    await h.page.getByTestId('side-by-side').waitFor();
    await h.page.getByTestId('heatmap').locator('svg').first().waitFor({ timeout: 30_000 });
    await h.page.getByTestId('quadrants').locator('svg').first().waitFor({ timeout: 30_000 });
    await h.page.screenshot({ path: path.join(SHOTS, 'compare.png'), fullPage: true });
    await table.screenshot({ path: path.join(SHOTS, 'compare-table-sample.png') });
  });

  it('the director page carries goals, marks, signs and risks', async () => {
    await h.page.goto(`${h.origin}/#/school/990116`);
    await h.page.getByTestId('school-goals').waitFor({ timeout: 60_000 });
    expect(await h.page.getByTestId('school-goals').innerText()).toMatch(/достигнута/);
    await h.page.getByTestId('marks-chart').locator('svg').first().waitFor({ timeout: 30_000 });
    expect(await h.page.getByTestId('school-journal').innerText()).toMatch(/понизили \d/);
    expect(await h.page.getByTestId('school-risks').innerText()).toMatch(/тенденция положительная/);
    await h.page.screenshot({ path: path.join(SHOTS, 'school-director.png'), fullPage: true });
    await h.page.emulateMedia({ media: 'print' });
    await h.page.waitForTimeout(300);
    const pdf = await h.page.pdf({ format: 'A4', printBackground: true });
    await h.page.emulateMedia({ media: 'screen' });
    writeFileSync(path.join(SHOTS, 'school-director.pdf'), pdf);
    // One printed A4 sheet for the director's meeting.
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
  });

  it("the school page draws the school's goal from goal_progress, and its own target once set on «Цели»", async () => {
    const sp = (s: string) => s.replace(/\u202f/g, ' ');
    const svgText = async (testId: string) => sp((await h.page.getByTestId(testId).locator('svg text').allTextContents()).join(' | '));
    const pct = (v: number | null) => sp(formatPct(v));
    const { goalA, goalB } = expected;
    // A 990116: the goal's +8 p.p. from its cohort year 2021, reached
    await h.page.goto(`${h.origin}/#/school/990116`);
    const a = h.page.getByTestId('summary-ВПР').getByTestId('goal-sentence-1');
    await a.waitFor({ timeout: 60_000 });
    expect(sp(await a.innerText())).toContain(`(ШНОР)»: +8 п.п. от 2021 года к 2025 году, то есть до ${pct(goalLevel(goalA))} (в 2021 году — ${pct(goalA.baseline)}`);
    expect(sp(await a.innerText())).toContain(`в 2025 году — ${pct(goalA.latest)}`);
    expect(sp(await a.innerText())).toContain('статус — достигнута');
    await expect.poll(() => svgText('chart-ВПР'), { timeout: 30_000 }).toContain(`Цель: +8 п.п. от 2021 г. к 2025 г. (${pct(goalLevel(goalA))})`);
    // the goal pooling ВПР and ОГЭ is told without a line; ОГЭ has no goal of its own
    expect(sp(await h.page.getByTestId('summary-ВПР').getByTestId('goal-sentence-2').innerText())).toContain('(качество знаний по ВПР и ОГЭ вместе; линии на графике нет): +4 % от уровня 2021 года к 2025 году');
    expect(await h.page.getByTestId('summary-ОГЭ').innerText()).toContain('Цель по ВПР и ОГЭ вместе описана у графика ВПР; линии цели здесь нет.');
    // narrowed to one subject the chart is no longer the goal's pooled quality: no line, and it says why
    await h.page.getByLabel('Предмет').selectOption('Математика');
    await expect.poll(async () => sp(await h.page.getByTestId('summary-ВПР').innerText()), { timeout: 30_000 }).toContain('(по всем предметам и классам вместе — при отборе линии на графике нет)');
    await expect.poll(() => svgText('chart-ВПР'), { timeout: 30_000 }).not.toContain('Цель');

    // B 990117 gets its own +4 p.p. on «Цели»: its +4,6 p.p. now meets it
    expect(goalB.status).not.toBe('достигнута');
    await h.page.goto(`${h.origin}/#/goals`);
    await h.page.getByTestId('goal-1').getByRole('button', { name: 'Школы' }).click();
    const row = h.page.getByTestId('goal-school-990117');
    await row.waitFor({ timeout: 30_000 });
    await row.getByTestId('school-target-input').fill('4');
    await row.getByRole('button', { name: 'Задать' }).click();
    await expect.poll(() => row.getByTestId('school-target').innerText(), { timeout: 30_000 }).toContain('+4 п.п. (своя)');

    await h.page.goto(`${h.origin}/#/school/990117`);
    const b = h.page.getByTestId('summary-ВПР').getByTestId('goal-sentence-1');
    await b.waitFor({ timeout: 60_000 });
    const level = pct(goalB.baseline! + 4);
    expect(sp(await b.innerText())).toContain(`своя цель школы — +4 п.п. (общая цель — +8 п.п.) от 2021 года к 2025 году, то есть до ${level}`);
    expect(sp(await b.innerText())).toContain('статус — достигнута');
    await expect.poll(() => svgText('chart-ВПР'), { timeout: 30_000 }).toContain(`Цель (своя цель школы): +4 п.п. от 2021 г. к 2025 г. (${level})`);
    // the goals table says whose target it is: the school's own for goal 1, the goal's for goal 2
    const goalsTable = sp(await h.page.getByTestId('school-goals').innerText());
    expect(goalsTable).toContain('своя цель школы +4 п.п.');
    expect(goalsTable).toContain('цель +4 %');
    expect(goalsTable).not.toContain('своя цель школы +4 %');
    await h.page.screenshot({ path: path.join(SHOTS, 'school-own-target.png'), fullPage: true });
    await h.page.emulateMedia({ media: 'print' });
    await h.page.waitForTimeout(300);
    const pdf = await h.page.pdf({ format: 'A4', printBackground: true });
    await h.page.emulateMedia({ media: 'screen' });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);

    // a school outside every ВПР-only goal: no line, said plainly (990101 is not ШНОР)
    await h.page.goto(`${h.origin}/#/school/990101`);
    await h.page.getByTestId('summary-ЕГЭ').waitFor({ timeout: 60_000 });
    expect(sp(await h.page.getByTestId('summary-ЕГЭ').innerText())).toContain('Целей по ЕГЭ для школы нет — линии цели на графике нет.');
    await expect.poll(() => svgText('chart-ВПР'), { timeout: 30_000 }).not.toContain('Цель');
  });

  it('made zero requests to other origins and logged no errors', () => {
    expect(foreignRequests(h)).toEqual([]);
    expect(h.errors).toEqual([]);
  });
});
