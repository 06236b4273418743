/**
 * Per-school goal targets (migration v8, `goal_school_targets`) and the goal editor's writes on the
 * real engine: a hand-computed fixture where a school's own target changes its status, the goal's
 * share of schools meeting it, and the workspace file keeps the targets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linearRegression } from 'simple-statistics';
import { checkGoal } from '../../src/core/goals/goal-checks.ts';
import { clearSchoolTargetSql, deleteGoalSql, goalListSql, goalSchoolsSql, insertGoalSql, setSchoolTargetSql, updateGoalSql } from '../../src/core/sql/goal-queries.ts';
import type { Engine } from '../../src/db/engine.ts';
import { importFile } from '../../src/db/import-file.ts';
import { removeAllData } from '../../src/db/remove-import.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import { loadWorkspace, saveWorkspace } from '../../src/db/workspace.ts';
import { freshEngine, importSample } from '../helpers.ts';

const enc = (s: string) => new TextEncoder().encode(s);

// S1, S2: ШНОР of cohort 2021; S3: not ШНОР. ВПР Математика 4, 40 marked each year.
// S1: 8/40 = 20 % (2021) → 10/40 = 25 % (2023): +5 p.p.; line through both years → 30 % in 2025 (+10).
// S2: 10/40 = 25 % → 14/40 = 35 %: +10 p.p.; line → 45 % in 2025 (+20).
// S3: 20/40 = 50 % → 18/40 = 45 %: −5 p.p.
const SCHOOLS = `school_id,login,name,municipality,region
880001,sch880001,Школа Первая,Тестовый район,Тестовая область
880002,sch880002,Школа Вторая,Тестовый район,Тестовая область
880003,sch880003,Школа Третья,Тестовый район,Тестовая область
`;
const CATEGORIES = `year,school_id,shnor,sssu,cohort,curator,partner_school_id
2021,880001,1,0,2021,,
2021,880002,1,0,2021,,
2021,880003,0,0,,,
2023,880001,1,0,2021,,
2023,880002,1,0,2021,,
2023,880003,0,0,,,
`;
const RESULTS = `year,procedure,subject,grade,school_id,participants,n2,n3,n4,n5
2021,ВПР,Математика,4,880001,40,12,20,6,2
2023,ВПР,Математика,4,880001,40,10,20,8,2
2021,ВПР,Математика,4,880002,40,10,20,8,2
2023,ВПР,Математика,4,880002,40,6,20,10,4
2021,ВПР,Математика,4,880003,40,5,15,15,5
2023,ВПР,Математика,4,880003,40,6,16,14,4
`;

async function importFixture(engine: Engine) {
  for (const [name, text] of [
    ['schools.csv', SCHOOLS],
    ['categories.csv', CATEGORIES],
    ['results.csv', RESULTS],
  ] as const) {
    const r = await importFile(engine, name, enc(text));
    expect(r.status, `${name}: ${JSON.stringify(r.problems)}`).toBe('ok');
  }
}

type Progress = { school_id: string; change_pp: number; target: number; target_source: string; status: string; projection: number };
const progress = (engine: Engine, goal = 1) =>
  engine.query<Progress>(`SELECT school_id, change_pp, target, target_source, status, projection FROM goal_progress WHERE goal_id = ${goal} ORDER BY school_id`);
const summary = (engine: Engine, goal = 1) => engine.query(`SELECT scope, schools, met FROM goal_summary WHERE goal_id = ${goal} ORDER BY scope`);

describe('per-school goal targets on a hand-computed fixture', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await freshEngine();
    await importFixture(engine);
  });
  afterAll(() => engine.close());

  it('creates goal_school_targets with its columns, empty', async () => {
    const cols = await engine.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'goal_school_targets' ORDER BY ordinal_position`);
    expect(cols).toEqual([
      { column_name: 'goal_id', data_type: 'INTEGER' },
      { column_name: 'school_id', data_type: 'VARCHAR' },
      { column_name: 'target', data_type: 'DOUBLE' },
    ]);
    expect(await engine.query(`SELECT count(*)::INTEGER AS n FROM goal_school_targets`)).toEqual([{ n: 0 }]);
  });

  it('without own targets every ШНОР school has the goal’s +8 p.p.; statuses as computed by hand', async () => {
    const rows = await progress(engine);
    expect(rows.map((r) => [r.school_id, r.target, r.target_source, r.status])).toEqual([
      ['880001', 8, 'цель', 'в пути'], // +5 < 8, trend line gives +10 by 2025
      ['880002', 8, 'цель', 'достигнута'], // +10 ≥ 8
    ]);
    expect(rows[0]!.change_pp).toBeCloseTo(5, 10);
    expect(rows[1]!.change_pp).toBeCloseTo(10, 10);
    // the trend projection, independently with simple-statistics
    const line = linearRegression([
      [2021, 20],
      [2023, 25],
    ]);
    expect(rows[0]!.projection).toBeCloseTo(line.m * 2025 + line.b, 9);
    expect(await summary(engine)).toEqual([
      { scope: 'ШНОР', schools: 2, met: 1 },
      { scope: 'все', schools: 2, met: 1 },
    ]);
  });

  it('a school’s own target replaces the goal’s for that school only, and says so', async () => {
    await engine.exec(setSchoolTargetSql(1, '880001', 4));
    let rows = await progress(engine);
    expect(rows.map((r) => [r.school_id, r.target, r.target_source, r.status])).toEqual([
      ['880001', 4, 'школа', 'достигнута'], // +5 ≥ 4
      ['880002', 8, 'цель', 'достигнута'],
    ]);
    expect(await summary(engine)).toEqual([
      { scope: 'ШНОР', schools: 2, met: 2 },
      { scope: 'все', schools: 2, met: 2 },
    ]);

    // replacing: 12 p.p. — +5 now, the line gives +10 by 2025 < 12
    await engine.exec(setSchoolTargetSql(1, '880001', 12));
    // S2's own 10.5: +10 < 10.5 now, the line gives +20 by 2025
    await engine.exec(setSchoolTargetSql(1, '880002', 10.5));
    rows = await progress(engine);
    expect(rows.map((r) => [r.school_id, r.target, r.target_source, r.status])).toEqual([
      ['880001', 12, 'школа', 'отстаёт'],
      ['880002', 10.5, 'школа', 'в пути'],
    ]);
    expect(await engine.query(`SELECT count(*)::INTEGER AS n FROM goal_school_targets`)).toEqual([{ n: 2 }]);
    expect(await summary(engine)).toEqual([
      { scope: 'ШНОР', schools: 2, met: 0 },
      { scope: 'все', schools: 2, met: 0 },
    ]);

    await engine.exec(clearSchoolTargetSql(1, '880001'));
    await engine.exec(clearSchoolTargetSql(1, '880002'));
    rows = await progress(engine);
    expect(rows.map((r) => [r.school_id, r.target_source, r.status])).toEqual([
      ['880001', 'цель', 'в пути'],
      ['880002', 'цель', 'достигнута'],
    ]);
  });

  it('a target for a school outside the goal’s scope changes nothing', async () => {
    await engine.exec(setSchoolTargetSql(1, '880003', 1));
    expect((await progress(engine)).map((r) => r.school_id)).toEqual(['880001', '880002']);
    await engine.exec(clearSchoolTargetSql(1, '880003'));
  });

  it('the goal list gives the share meeting each goal with n; the goal’s schools carry their target', async () => {
    await engine.exec(setSchoolTargetSql(1, '880001', 4));
    const list = await engine.query(goalListSql());
    expect(list[0]).toMatchObject({ goal_id: 1, scope: 'shnor', school_targets: 1, all_schools: 2, all_met: 2, all_met_pct: 100, shnor_schools: 2, shnor_met: 2 });
    expect(list[1]).toMatchObject({ goal_id: 2, scope: 'all', school_targets: 0, all_schools: 3 });
    const schools = await engine.query(goalSchoolsSql(1));
    expect(schools.map((s) => [s.school_id, s.name, s.is_shnor, s.target, s.target_source])).toEqual([
      // ШНОР first, then by name
      ['880002', 'Школа Вторая', true, 8, 'цель'],
      ['880001', 'Школа Первая', true, 4, 'школа'],
    ]);
    await engine.exec(clearSchoolTargetSql(1, '880001'));
  });

  it('adds, edits and deletes goals through the editor’s statements (deleting takes its school targets along)', async () => {
    const checked = checkGoal(
      { title: 'Качество ВПР +5 п.п. к 2023 (все школы)', scope: 'all', school_id: '', metric: 'vpr_quality', interpretation: 'pp', baseline_year: '2021', target_year: '2023', target: '5' },
      new Set(['880001', '880002', '880003']),
    );
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    await engine.exec(insertGoalSql(checked.value));
    expect(await engine.query(`SELECT goal_id, title, scope, school_id, baseline_year, target_year, target FROM goals WHERE goal_id = 3`)).toEqual([
      { goal_id: 3, title: 'Качество ВПР +5 п.п. к 2023 (все школы)', scope: 'all', school_id: null, baseline_year: 2021, target_year: 2023, target: 5 },
    ]);
    // S1 +5 ≥ 5, S2 +10, S3 −5
    expect((await progress(engine, 3)).map((r) => [r.school_id, r.status])).toEqual([
      ['880001', 'достигнута'],
      ['880002', 'достигнута'],
      ['880003', 'ухудшение'],
    ]);
    expect(await summary(engine, 3)).toEqual([
      { scope: 'ШНОР', schools: 2, met: 2 },
      { scope: 'все', schools: 3, met: 2 },
    ]);

    await engine.exec(updateGoalSql(3, { ...checked.value, scope: 'school', school_id: '880003', target: 1 }));
    expect((await progress(engine, 3)).map((r) => [r.school_id, r.target, r.status])).toEqual([['880003', 1, 'ухудшение']]);

    await engine.exec(updateGoalSql(3, checked.value));
    await engine.exec(setSchoolTargetSql(3, '880002', 12));
    expect((await progress(engine, 3)).find((r) => r.school_id === '880002')!.status).toBe('отстаёт'); // +10 < 12; line +10 by 2023
    await inTransaction(engine, async () => {
      for (const s of deleteGoalSql(3)) await engine.exec(s);
    });
    expect(await engine.query(`SELECT count(*)::INTEGER AS n FROM goals WHERE goal_id = 3`)).toEqual([{ n: 0 }]);
    expect(await engine.query(`SELECT count(*)::INTEGER AS n FROM goal_school_targets WHERE goal_id = 3`)).toEqual([{ n: 0 }]);
    expect(await engine.query(`SELECT count(*)::INTEGER AS n FROM goal_progress WHERE goal_id = 3`)).toEqual([{ n: 0 }]);
  });

  it('keeps goals and per-school targets in the workspace file and when all data is deleted', async () => {
    await engine.exec(setSchoolTargetSql(1, '880001', 4));
    await engine.exec(`UPDATE goals SET target = 9 WHERE goal_id = 2`);
    const bytes = await saveWorkspace(engine);
    const other = await freshEngine();
    try {
      await loadWorkspace(other, bytes);
      expect(await other.query(`SELECT * FROM goal_school_targets`)).toEqual([{ goal_id: 1, school_id: '880001', target: 4 }]);
      expect(await other.query(`SELECT target FROM goals WHERE goal_id = 2`)).toEqual([{ target: 9 }]);
      expect((await progress(other)).map((r) => [r.school_id, r.target_source, r.status])).toEqual([
        ['880001', 'школа', 'достигнута'],
        ['880002', 'цель', 'достигнута'],
      ]);
      await removeAllData(other);
      expect(await other.query(`SELECT * FROM goal_school_targets`)).toEqual([{ goal_id: 1, school_id: '880001', target: 4 }]);
    } finally {
      await other.close();
    }
  });
});

describe('per-school targets on the sample municipality', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await freshEngine();
    await importSample(engine);
  });
  afterAll(() => engine.close());

  it('B 990117 (+4.6 p.p. since 2021) meets an own target of 4 p.p.; the ШНОР share of goal 1 goes from 1 of 5 to 2 of 5', async () => {
    const met = async () => (await engine.query<{ met: number; schools: number }>(`SELECT met, schools FROM goal_summary WHERE goal_id = 1 AND scope = 'ШНОР'`))[0];
    expect(await met()).toEqual({ met: 1, schools: 5 });
    await engine.exec(setSchoolTargetSql(1, '990117', 4));
    const b = (await engine.query<Progress>(`SELECT * FROM goal_progress WHERE goal_id = 1 AND school_id = '990117'`))[0]!;
    expect(b.change_pp).toBeCloseTo(4.556, 3);
    expect([b.target, b.target_source, b.status]).toEqual([4, 'школа', 'достигнута']);
    expect(await met()).toEqual({ met: 2, schools: 5 });
    // the other four keep the goal's +8
    expect(await engine.query(`SELECT DISTINCT target, target_source FROM goal_progress WHERE goal_id = 1 AND school_id <> '990117'`)).toEqual([{ target: 8, target_source: 'цель' }]);
  });
});
