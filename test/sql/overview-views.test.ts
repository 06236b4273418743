import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupComparisonViews } from '../../src/core/sql/analytics/comparisons.ts';
import { GOAL_SUMMARY_VIEW, goalProgressView } from '../../src/core/sql/analytics/goals.ts';
import { egeOverviewSql, goalTilesSql, monitoringTileSql, shnorGapSql } from '../../src/core/sql/coordinator-queries.ts';
import { deleteGoalSql, insertGoalSql, setSchoolTargetSql, updateGoalSql } from '../../src/core/sql/goal-queries.ts';
import { V4_MONITORING } from '../../src/core/sql/migration-v4-monitoring.ts';
import { refreshDerived } from '../../src/db/derived.ts';
import { importFile } from '../../src/db/import-file.ts';
import type { Engine, Row } from '../../src/db/engine.ts';
import { freshEngine, importSample } from '../helpers.ts';

/**
 * Migration v9 recomputes `monitoring_rules` in one pass, and `group_comparison` / `group_gap` and `goal_progress` / `goal_summary`
 * from the roll-up `school_year_marks`. Here the v8 definitions (over every `school_results` row)
 * are created beside them under `old_*` names, and both must give the same rows.
 */
const VIEWS = ['goal_summary', 'goal_progress', 'group_gap', 'group_comparison'];
function renamed(sql: string): string {
  return VIEWS.reduce((s, v) => s.replace(new RegExp(`\\b${v}\\b`, 'g'), `old_${v}`), sql);
}
const OLD_VIEWS = renamed([goalProgressView(true), GOAL_SUMMARY_VIEW, groupComparisonViews(true)].join('\n'));

const OLD_RULES = /CREATE VIEW monitoring_rules AS[\s\S]*?;\n/.exec(V4_MONITORING)![0].replace('monitoring_rules', 'old_monitoring_rules');
/** The ЕГЭ table of «Обзор» as it was: ege_metrics referenced twice. */
const OLD_EGE = `SELECT year, subject, participants, mean_test_score, below_min, below_min_pct, high_scorers, high_scorers_pct, min_score,
  fipi_below_min, fipi_min_60, fipi_61_80, fipi_81_100
FROM ege_metrics WHERE school_id IS NULL AND year = (SELECT max(year) FROM ege_metrics) ORDER BY subject`;
/** The monitoring tile as it was: the view chain referenced twice. */
const OLD_MONITORING_TILE = `SELECT year, stage, sum(shnor_schools)::INTEGER AS shnor_schools, sum(positive)::INTEGER AS positive,
  100.0 * sum(positive) / NULLIF(sum(shnor_schools), 0) AS positive_pct, sum(with_data)::INTEGER AS with_data
FROM municipality_risk_trend
WHERE year = (SELECT max(year) FROM municipality_risk_trend)
GROUP BY year, stage ORDER BY stage`;

const KEYS: Record<string, string> = {
  group_comparison: 'year, procedure, grp',
  group_gap: 'year, procedure',
  goal_progress: 'goal_id, school_id',
  goal_summary: 'goal_id, scope',
};

/** Doubles may differ in the last digits (regression sums in another order); everything else exactly. */
function expectSameRows(actual: Row[], expected: Row[], what: string): void {
  expect(actual.length, what).toBe(expected.length);
  actual.forEach((row, i) => {
    const want = expected[i]!;
    expect(Object.keys(row), what).toEqual(Object.keys(want));
    for (const [k, v] of Object.entries(row)) {
      const w = want[k];
      if (typeof v === 'number' && typeof w === 'number' && !Number.isInteger(w)) {
        expect(Math.abs(v - w), `${what} ${k} row ${i}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(w)));
      } else {
        expect(v, `${what} ${k} row ${i}`).toEqual(w);
      }
    }
  });
}

async function expectViewsAsBefore(e: Engine, label: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const v of VIEWS) {
    const now = await e.query(`SELECT * FROM ${v} ORDER BY ${KEYS[v]}`);
    const before = await e.query(`SELECT * FROM old_${v} ORDER BY ${KEYS[v]}`);
    expectSameRows(now, before, `${label}: ${v}`);
    counts[v] = now.length;
  }
  // The tiles themselves, as «Обзор» runs them.
  expect(await e.query(shnorGapSql()), label).toEqual(await e.query(renamed(shnorGapSql())));
  expectSameRows(await e.query(goalTilesSql()), await e.query(renamed(goalTilesSql())), `${label}: goal tiles`);
  return counts;
}

const GOAL_3 = { title: 'Качество ВПР +5 п.п. с 2024', scope: 'all', school_id: null, metric: 'vpr_quality', interpretation: 'pp', baseline_year: 2024, target_year: 2025, target: 5 } as const;

describe('overview views over school_year_marks: a hand-computed fixture', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await freshEngine();
    await e.exec(`INSERT INTO schools VALUES ('1', 'sch1', 'Школа А', 'Город', NULL, 0), ('2', 'sch2', 'Школа Б', 'Город', NULL, 0),
      ('3', 'sch3', 'Школа В', 'Село', NULL, 0), ('4', 'sch4', 'Школа Г', 'Село', NULL, 0)`);
    // A is ШНОР in 2024 and 2025, B only in 2025, C has no category row, D writes only ЕГЭ.
    await e.exec(`INSERT INTO school_categories (year, school_id, shnor, sssu, import_id) VALUES
      (2024, '1', true, false, 0), (2025, '1', true, false, 0), (2024, '2', false, false, 0), (2025, '2', true, false, 0)`);
    const r = (y: number, p: string, s: string, g: number, id: string, n: string) =>
      `(${y}, '${p}', '${s}', ${g}, '${id}', ${n}, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'file', 0)`;
    await e.exec(`INSERT INTO school_results (year, procedure, subject, grade, school_id, participants, n2, n3, n4, n5,
        mean_score, max_score, below_min, high_scorers, journal_n, lowered, confirmed, raised, source, import_id) VALUES
      ${r(2024, 'ВПР', 'Математика', 4, '1', '20, 4, 8, 6, 2')},
      ${r(2024, 'ВПР', 'Русский язык', 4, '1', '10, 2, 4, 3, 1')},
      ${r(2024, 'ВПР', 'Математика', 4, '2', '30, 3, 9, 12, 6')},
      ${r(2024, 'ВПР', 'Математика', 4, '3', '15, NULL, 5, 5, 5')},
      ${r(2024, 'ВПР', 'Русский язык', 4, '3', '10, 0, 0, 0, 0')},
      ${r(2024, 'ВПР', 'Русский язык', 5, '3', '12, 2, 4, 4, 2')},
      ${r(2025, 'ВПР', 'Математика', 4, '1', '20, 2, 6, 8, 4')},
      ${r(2025, 'ВПР', 'Математика', 4, '2', '30, 3, 9, 12, 6')},
      ${r(2025, 'ВПР', 'Математика', 4, '3', '12, 1, 3, 5, 3')},
      ${r(2025, 'ОГЭ', 'Математика', 9, '1', '10, 1, 3, 4, 2')},
      ${r(2025, 'ЕГЭ', 'Русский язык', 11, '4', '20, NULL, NULL, NULL, NULL')}`);
    await refreshDerived(e);
    await e.exec(OLD_VIEWS);
  });
  afterAll(() => e.close());

  it('school_year_marks pools only rows with marks: the partial row and the all-zero row add nothing', async () => {
    expect(await e.query(`SELECT procedure, year, school_id, good::INTEGER AS good, marked::INTEGER AS marked FROM school_year_marks ORDER BY ALL`)).toEqual([
      { procedure: 'ВПР', year: 2024, school_id: '1', good: 12, marked: 30 },
      { procedure: 'ВПР', year: 2024, school_id: '2', good: 18, marked: 30 },
      { procedure: 'ВПР', year: 2024, school_id: '3', good: 6, marked: 12 },
      { procedure: 'ВПР', year: 2025, school_id: '1', good: 12, marked: 20 },
      { procedure: 'ВПР', year: 2025, school_id: '2', good: 18, marked: 30 },
      { procedure: 'ВПР', year: 2025, school_id: '3', good: 8, marked: 12 },
      { procedure: 'ОГЭ', year: 2025, school_id: '1', good: 6, marked: 10 },
    ]);
  });

  it('group_gap: ШНОР against the others by hand, with the two-proportion z-test', async () => {
    const rows = await e.query<{ year: number; shnor_quality: number; other_quality: number; gap_pp: number; z: number; significant: boolean }>(
      `SELECT year, shnor_quality, other_quality, gap_pp, z, significant FROM group_gap WHERE procedure = 'ВПР' ORDER BY year`);
    // 2024: ШНОР = A 12/30; others = B 18/30 + C 6/12 = 24/42. 2025: ШНОР = A + B 30/50; others = C 8/12.
    const z = (g1: number, n1: number, g2: number, n2: number) => {
      const p = (g1 + g2) / (n1 + n2);
      return (g1 / n1 - g2 / n2) / Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
    };
    const want = [[2024, 12, 30, 24, 42], [2025, 30, 50, 8, 12]] as const;
    expect(rows.length).toBe(2);
    rows.forEach((row, i) => {
      const [year, g1, n1, g2, n2] = want[i]!;
      expect(row.year).toBe(year);
      expect(row.shnor_quality).toBeCloseTo((100 * g1) / n1, 10);
      expect(row.other_quality).toBeCloseTo((100 * g2) / n2, 10);
      expect(row.gap_pp).toBeCloseTo((100 * g1) / n1 - (100 * g2) / n2, 10);
      expect(row.z).toBeCloseTo(z(g1, n1, g2, n2), 10);
      expect(row.significant).toBe(Math.abs(z(g1, n1, g2, n2)) > 1.96);
    });
    const all = await e.query(`SELECT year, grp, schools, marked FROM group_comparison WHERE procedure = 'ВПР' AND grp = 'все' ORDER BY year`);
    expect(all).toEqual([{ year: 2024, grp: 'все', schools: 3, marked: 72 }, { year: 2025, grp: 'все', schools: 3, marked: 62 }]);
    expect(await e.query(`SELECT * FROM group_comparison WHERE procedure = 'ЕГЭ'`)).toEqual([]);
  });

  it('equal to the v8 views, and stay equal while goals and own targets are edited', async () => {
    const counts = await expectViewsAsBefore(e, 'seeded goals');
    for (const v of VIEWS) expect(counts[v], v).toBeGreaterThan(0);
    // Goal 1 (ШНОР, +8 п.п. from the first ШНОР year): A 40 % → 60 % reached; B has no year after 2025.
    expect(await e.query(`SELECT school_id, status FROM goal_progress WHERE goal_id = 1 ORDER BY school_id`))
      .toEqual([{ school_id: '1', status: 'достигнута' }, { school_id: '2', status: null }]);

    await e.exec(insertGoalSql(GOAL_3));
    await expectViewsAsBefore(e, 'goal 3 added');
    // +5 п.п. from 2024: A +20 reached, B 60 → 60 behind, C 50 → 66.7 reached.
    expect(await e.query(`SELECT school_id, status FROM goal_progress WHERE goal_id = 3 ORDER BY school_id`)).toEqual([
      { school_id: '1', status: 'достигнута' }, { school_id: '2', status: 'отстаёт' }, { school_id: '3', status: 'достигнута' },
    ]);
    await e.exec(setSchoolTargetSql(3, '1', 25));
    await expectViewsAsBefore(e, 'own target of A');
    expect(await e.query(`SELECT status, target_source FROM goal_progress WHERE goal_id = 3 AND school_id = '1'`))
      .toEqual([{ status: 'отстаёт', target_source: 'школа' }]);
    expect(await e.query(`SELECT scope, schools, met FROM goal_summary WHERE goal_id = 3 ORDER BY scope`))
      .toEqual([{ scope: 'ШНОР', schools: 2, met: 0 }, { scope: 'все', schools: 3, met: 1 }]);

    await e.exec(updateGoalSql(3, { ...GOAL_3, metric: 'vpr_oge_quality', interpretation: 'relative', target: 10 }));
    await expectViewsAsBefore(e, 'goal 3 relative, ВПР and ОГЭ');
    await e.exec(updateGoalSql(3, { ...GOAL_3, scope: 'school', school_id: '3' }));
    await expectViewsAsBefore(e, 'goal 3 of one school');
    for (const s of deleteGoalSql(3)) await e.exec(s);
    await expectViewsAsBefore(e, 'goal 3 deleted');
  });
});

describe('overview views over school_year_marks: the sample municipality', () => {
  let e: Engine;
  beforeAll(async () => {
    e = await freshEngine();
    await importSample(e);
    await e.exec(OLD_VIEWS);
  }, 300_000);
  afterAll(() => e.close());

  it('equal to the v8 views over every school row, with own targets and another goal', async () => {
    const counts = await expectViewsAsBefore(e, 'sample');
    expect(counts.group_comparison).toBeGreaterThan(10);
    expect(counts.goal_progress).toBeGreaterThan(10);
    const [s] = await e.query<{ school_id: string }>(`SELECT school_id FROM goal_progress WHERE goal_id = 1 AND status IS NOT NULL ORDER BY school_id LIMIT 1`);
    await e.exec(setSchoolTargetSql(1, s!.school_id, 3));
    await e.exec(insertGoalSql({ ...GOAL_3, baseline_year: null }));
    await expectViewsAsBefore(e, 'sample, edited goals');
    // ШНОР categories gone: everything is «остальные», still the same numbers.
    await e.exec(`CREATE TEMP TABLE kept_categories AS SELECT * FROM school_categories`);
    await e.exec(`UPDATE school_categories SET shnor = false`);
    await refreshDerived(e);
    await expectViewsAsBefore(e, 'sample without ШНОР');
    await e.exec(`DELETE FROM school_categories; INSERT INTO school_categories SELECT * FROM kept_categories`);
    await refreshDerived(e);
  });

  it('monitoring_rules read in one pass equal v4\'s for every kind of setting, and so does the «500+» tile', async () => {
    await e.exec(OLD_RULES);
    const states = [
      '',
      `UPDATE monitoring_settings SET value = 'false' WHERE key = 'require_confirmed'`,
      `UPDATE monitoring_settings SET value = ' Majority ' WHERE key = 'direction_rule'`,
      `UPDATE monitoring_settings SET value = 'ANY' WHERE key = 'school_rule'`,
      `INSERT INTO monitoring_settings VALUES ('today', '2025-12-15')`,
      `UPDATE monitoring_settings SET value = NULL WHERE key = 'direction_rule'`,
      `UPDATE monitoring_settings SET value = 'Да' WHERE key = 'require_confirmed'`,
      `UPDATE monitoring_settings SET value = 'не дата' WHERE key = 'today'`,
      `DELETE FROM monitoring_settings WHERE key = 'school_rule'`,
      `UPDATE monitoring_settings SET value = NULL WHERE key = 'require_confirmed'`,
      `DELETE FROM monitoring_settings`,
    ];
    const seen = new Set<string>();
    for (const change of states) {
      if (change) await e.exec(change);
      const rules = await e.query(`SELECT * FROM monitoring_rules`);
      expect(rules, change).toEqual(await e.query(`SELECT * FROM old_monitoring_rules`));
      expect(rules.length).toBe(1);
      seen.add(JSON.stringify(rules));
      const tile = await e.query(monitoringTileSql());
      expect(tile.length, change).toBe(3);
      expect(tile, change).toEqual(await e.query(OLD_MONITORING_TILE));
    }
    // The states really differ: each rule took more than one value.
    expect(seen.size).toBeGreaterThanOrEqual(6);
  });

  it('the ЕГЭ table with ege_metrics computed once equals the one that read it twice, under other settings too', async () => {
    expect((await e.query(egeOverviewSql())).length).toBeGreaterThan(3);
    expect(await e.query(egeOverviewSql())).toEqual(await e.query(OLD_EGE));
    // Test scores of participants in a later year: the thresholds and the band of the settings apply.
    const head = 'year,procedure,subject,grade,school_id,class,student_code,variant,primary_score,max_score,mark,journal_mark,test_score,absent';
    const file = [head, ...[20, 30, 40, 60, 75, 81, 95].map((t, i) => `2026,ЕГЭ,Русский язык,11,990101,11а,e${i},1,,,,,${t},0`)].join('\n');
    expect((await importFile(e, 'ege-2026.csv', new TextEncoder().encode(file))).status).toBe('ok');
    const rows = await e.query(egeOverviewSql());
    expect(rows).toMatchObject([{ year: 2026, subject: 'Русский язык', participants: 7 }]);
    expect(rows).toEqual(await e.query(OLD_EGE));
    await e.exec(`UPDATE analytics_settings SET value = '70' WHERE key = 'high_band_low'`);
    await e.exec(`UPDATE analytics_settings SET value = 'аттестат' WHERE key = 'russian_minimum'`);
    const changed = await e.query(egeOverviewSql());
    expect(changed).not.toEqual(rows);
    expect(changed).toEqual(await e.query(OLD_EGE));
  });
});
