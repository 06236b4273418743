import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGoal, type GoalForm } from '../../src/core/goals/goal-checks.ts';
import { plural } from '../../src/core/import-problem.ts';
import { deleteGoalSql, insertGoalSql, setSchoolTargetSql, updateGoalSql } from '../../src/core/sql/goal-queries.ts';
import { freshEngine, importSample, ROOT } from '../helpers.ts';
import { foreignRequests, openApp, type BrowserHarness } from './harness.ts';

const SHOTS = path.join(ROOT, 'artifacts', 'screenshots');

const GOAL_1: GoalForm = { title: 'Качество знаний по ВПР +8 п.п. к концу проекта (ШНОР)', scope: 'shnor', school_id: '', metric: 'vpr_quality', interpretation: 'pp', baseline_year: '', target_year: '2025', target: '6' };
const NEW_GOAL: GoalForm = { title: 'Качество ВПР и ОГЭ +5 % к 2025 (все школы)', scope: 'all', school_id: '', metric: 'vpr_oge_quality', interpretation: 'relative', baseline_year: '2021', target_year: '2025', target: '5' };

interface Expected {
  summary: Map<string, { schools: number; met: number }>;
  status: Map<string, string>;
  peers: { compared: number; above: number; below: number };
}

/**
 * «Цели» in a real browser on the sample municipality: the coordinator edits a goal, sets
 * per-school targets (one outside 3–10 is warned about), adds a goal and deletes one; after a
 * reload everything is still there, and the shares and statuses on screen are what the views give
 * on the Node engine after the same statements. A read-only tab cannot edit. The school page shows
 * «Школы со схожими условиями» as peer_comparison computes it.
 */
describe('«Цели» page in a real browser', () => {
  let h: BrowserHarness;
  let expected: Expected;
  beforeAll(async () => {
    const engine = await freshEngine();
    await importSample(engine);
    const g1 = checkGoal(GOAL_1, new Set());
    const g3 = checkGoal(NEW_GOAL, new Set());
    if (!g1.ok || !g3.ok) throw new Error('fixture goals do not pass their checks');
    await engine.exec(updateGoalSql(1, g1.value));
    await engine.exec(setSchoolTargetSql(1, '990117', 4));
    await engine.exec(setSchoolTargetSql(1, '990118', 12));
    await engine.exec(insertGoalSql(g3.value));
    for (const s of deleteGoalSql(2)) await engine.exec(s);
    const summary = await engine.query<{ goal_id: number; scope: string; schools: number; met: number }>(`SELECT goal_id, scope, schools, met FROM goal_summary`);
    const status = await engine.query<{ school_id: string; status: string }>(`SELECT school_id, status FROM goal_progress WHERE goal_id = 1`);
    const [peers] = await engine.query<{ compared: number; above: number; below: number }>(
      `SELECT count(position)::INTEGER AS compared, count(*) FILTER (WHERE position = 'выше')::INTEGER AS above, count(*) FILTER (WHERE position = 'ниже')::INTEGER AS below
       FROM peer_comparison WHERE school_id = '990105' AND year = 2025`,
    );
    expected = {
      summary: new Map(summary.map((s) => [`${s.goal_id}|${s.scope}`, s])),
      status: new Map(status.map((s) => [s.school_id, s.status])),
      peers: peers!,
    };
    await engine.close();
    h = await openApp('#/goals');
    await h.page.getByTestId('goals-table').waitFor({ timeout: 180_000 });
  });
  afterAll(async () => {
    await h?.close();
  });

  const met = (goal: number, scope: 'все' | 'ШНОР') => {
    const s = expected.summary.get(`${goal}|${scope}`)!;
    return `${s.met} из ${s.schools} школ`;
  };

  it('lists the seeded goals with the share of schools meeting them; the Overview tile leads here', async () => {
    await expect.poll(() => h.page.getByTestId('goal-1').getByTestId('goal-met-shnor').innerText(), { timeout: 30_000 }).toContain('1 из 5 школ');
    expect(await h.page.getByTestId('goal-1').getByTestId('goal-target').innerText()).toContain('+8 п.п.');
    expect(await h.page.getByTestId('goal-2').getByTestId('goal-target').innerText()).toContain('+4 %');
    expect(await h.page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Цели' }).getAttribute('aria-current')).toBe('page');
  });

  it('edits goal 1 with Russian validation messages', async () => {
    await h.page.getByTestId('goal-1').getByRole('button', { name: 'Изменить' }).click();
    const form = h.page.getByTestId('goal-editor');
    await form.waitFor();
    await h.page.locator('#goal-field-target_year').fill('20x5');
    await h.page.locator('#goal-field-target').fill('');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    expect(await h.page.getByTestId('goal-error-target_year').innerText()).toBe('Год достижения цели — год из четырёх цифр (2000–2100), а не «20x5».');
    expect(await h.page.getByTestId('goal-error-target').innerText()).toContain('Укажите целевое изменение');
    await h.page.locator('#goal-field-target_year').fill('2025');
    await h.page.locator('#goal-field-target').fill('6');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => h.page.getByTestId('goal-1').getByTestId('goal-target').innerText()).toContain('+6 п.п.');
  });

  it('sets per-school targets; one outside 3–10 p.p. is saved with a warning', async () => {
    await h.page.getByTestId('goal-1').getByRole('button', { name: 'Школы' }).click();
    const b = h.page.getByTestId('goal-school-990117');
    await b.waitFor({ timeout: 30_000 });
    await b.getByTestId('school-target-input').fill('4');
    await b.getByRole('button', { name: 'Задать' }).click();
    await expect.poll(() => b.getByTestId('school-target').innerText()).toContain('+4 п.п. (своя)');
    expect(await b.getByTestId('school-target-warning').count()).toBe(0);

    const f1 = h.page.getByTestId('goal-school-990118');
    await f1.getByTestId('school-target-input').fill('12');
    await f1.getByRole('button', { name: 'Задать' }).click();
    await expect.poll(() => f1.getByTestId('school-target').innerText()).toContain('+12 п.п. (своя)');
    expect(await f1.getByTestId('school-target-warning').innerText()).toContain('вне диапазона 3–10 п.п.');

    const c = h.page.getByTestId('goal-school-990112');
    await c.getByTestId('school-target-input').fill('abc');
    await c.getByRole('button', { name: 'Задать' }).click();
    await expect.poll(() => c.innerText()).toContain('Цель школы — положительное число не больше 100, а не «abc».');
    expect(await c.getByTestId('school-target').innerText()).toContain('(общая)');
  });

  it('adds a goal and deletes another', async () => {
    await h.page.getByTestId('goal-add').click();
    const form = h.page.getByTestId('goal-editor');
    await h.page.locator('#goal-field-title').fill(NEW_GOAL.title);
    await h.page.locator('#goal-field-scope').selectOption('all');
    await h.page.locator('#goal-field-metric').selectOption('vpr_oge_quality');
    await h.page.locator('#goal-field-interpretation').selectOption('relative');
    await h.page.locator('#goal-field-baseline_year').fill('2021');
    await h.page.locator('#goal-field-target_year').fill('2025');
    await h.page.locator('#goal-field-target').fill('5');
    await form.getByRole('button', { name: 'Добавить' }).click();
    await h.page.getByTestId('goal-3').waitFor({ timeout: 30_000 });

    await h.page.getByTestId('goal-2').getByRole('button', { name: 'Удалить' }).click();
    await h.page.getByTestId('goal-2').getByRole('button', { name: 'Да, удалить' }).click();
    await h.page.getByTestId('goal-2').waitFor({ state: 'detached', timeout: 30_000 });
    // the message comes once the change is saved to browser storage
    await expect.poll(() => h.page.getByTestId('goals-message').innerText(), { timeout: 30_000 }).toContain('удалена вместе с целями школ');
  });

  it('after a reload the goals and targets are still there, and the screen says what goal_progress computes', async () => {
    await h.page.reload();
    await h.page.getByTestId('goals-table').waitFor({ timeout: 180_000 });
    expect(await h.page.getByTestId('goal-2').count()).toBe(0);
    const g1 = h.page.getByTestId('goal-1');
    await expect.poll(() => g1.getByTestId('goal-target').innerText(), { timeout: 30_000 }).toContain('+6 п.п.');
    expect(await g1.getByTestId('goal-target').innerText()).toContain('у 2 школ — своя цель');
    expect(await g1.getByTestId('goal-met-shnor').innerText()).toContain(met(1, 'ШНОР'));
    expect(await g1.getByTestId('goal-met-all').innerText()).toContain(met(1, 'все'));
    const g3 = h.page.getByTestId('goal-3');
    expect(await g3.innerText()).toContain(NEW_GOAL.title);
    expect(await g3.getByTestId('goal-target').innerText()).toContain('+5 %');
    expect(await g3.getByTestId('goal-met-all').innerText()).toContain(met(3, 'все'));
    expect(await g3.getByTestId('goal-met-shnor').innerText()).toContain(met(3, 'ШНОР'));
    // The edits changed the figures: A (+11.4) meets +6 p.p., B (+4.6) its own +4; before, 1 of 5.
    expect(met(1, 'ШНОР')).toBe('2 из 5 школ');
    expect(expected.status.get('990117')).toBe('достигнута');

    const rows = h.page.getByTestId('goal-schools-table');
    await rows.waitFor({ timeout: 30_000 });
    for (const id of ['990116', '990117', '990118', '990112', '990119']) {
      expect(await rows.getByTestId(`goal-school-${id}`).getByTestId('school-status').innerText()).toBe(expected.status.get(id));
    }
    expect(await rows.getByTestId('goal-school-990118').getByTestId('school-target').innerText()).toMatch(/\+12 п\.п\. \(своя\)\s+⚠ вне 3–10 п\.п\./);
    expect(await rows.getByTestId('goal-school-990117').getByTestId('school-target').innerText()).not.toContain('⚠');
    await h.page.screenshot({ path: path.join(SHOTS, 'goals.png'), fullPage: true });
  });

  it('a second, read-only tab shows the goals but cannot edit them', async () => {
    const second = await h.context.newPage();
    try {
      await second.goto(`${h.origin}/#/goals`);
      await second.getByTestId('goals-table').waitFor({ timeout: 180_000 });
      expect(await second.getByText('Вкладка открыта только для просмотра').count()).toBe(1);
      expect(await second.getByTestId('goal-add').isDisabled()).toBe(true);
      expect(await second.getByTestId('goal-1').getByRole('button', { name: 'Изменить' }).isDisabled()).toBe(true);
      expect(await second.getByTestId('goal-1').getByRole('button', { name: 'Удалить' }).isDisabled()).toBe(true);
      expect(await second.getByTestId('school-target-input').first().isDisabled()).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('the school page compares the school with schools of similar conditions, as peer_comparison does', async () => {
    await h.page.goto(`${h.origin}/#/school/990105`);
    const summary = h.page.getByTestId('school-peers-summary');
    await summary.waitFor({ timeout: 60_000 });
    const { compared, above, below } = expected.peers;
    expect(compared).toBeGreaterThan(0);
    expect(await summary.innerText()).toContain(`Из ${compared} ${plural(compared, 'работы', 'работ', 'работ')} качество выше, чем у схожих школ, в ${above}, ниже — в ${below}`);
    expect(await h.page.getByTestId('school-peers-table').locator('tbody tr').count()).toBeGreaterThanOrEqual(compared);
    // many works: the table is folded under «По работам (N)»
    await h.page.getByTestId('school-peers').getByText(/^По работам \(\d+\)$/).click();
    await h.page.getByTestId('school-peers-table').waitFor({ state: 'visible' });
    expect(await h.page.getByTestId('school-peers-table').innerText()).toMatch(/ВПР Русский язык, 4 кл\.[\s\S]*выше/);
    await h.page.getByTestId('school-peers').screenshot({ path: path.join(SHOTS, 'school-peers.png') });
  });

  it('made zero requests to other origins and logged no errors', () => {
    expect(foreignRequests(h)).toEqual([]);
    expect(h.errors).toEqual([]);
  });
});
