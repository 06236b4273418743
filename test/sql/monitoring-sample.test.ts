/**
 * The planted «500+» monitoring cases of sample-data/README.md, found on the sample imported the
 * way the app imports it at first start (orderForImport + importFile, every sample-data/*.csv).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as mq from '../../src/core/sql/monitoring-queries.ts';
import type { Engine } from '../../src/db/engine.ts';
import { freshEngine, importSample } from '../helpers.ts';

const A = '990116';
const B = '990117';
const F1 = '990118';
const C = '990112';
const F2 = '990119';

describe('monitoring on the imported sample', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await freshEngine();
    await importSample(engine);
    await engine.exec(`INSERT INTO monitoring_settings VALUES ('today', '2025-12-15')`);
  });
  afterAll(() => engine.close());

  const trend = async (year: number, stage: number) =>
    Object.fromEntries(
      (await engine.query<{ school_id: string; positive: boolean | null; pd: number; d: number }>(
        `SELECT school_id, positive, positive_directions AS pd, directions AS d FROM school_risk_trend WHERE year = ${year} AND stage = ${stage}`,
      )).map((r) => [r.school_id, `${r.pd}/${r.d} ${r.positive}`]),
    );

  it('imports 5 ШНОР × 11 factors × 2 years, 1–3 activated directions with 2–3 indicators each', async () => {
    expect(await engine.query(`SELECT year, count(*)::INTEGER AS n, count(*) FILTER (WHERE activated)::INTEGER AS act FROM risk_profiles GROUP BY year ORDER BY year`)).toEqual([
      { year: 2024, n: 55, act: 11 },
      { year: 2025, n: 55, act: 11 },
    ]);
    const per = await engine.query<{ k: number; n: number }>(`SELECT count(*)::INTEGER AS n FROM risk_indicators GROUP BY school_id, year, risk_code`);
    expect(per.every((r) => r.n >= 2 && r.n <= 3)).toBe(true);
  });

  it('2025 stage 2: A positive in all directions, B in some, F1 unconfirmed, C a wrong-way indicator, F2 positive', async () => {
    expect(await trend(2025, 2)).toEqual({
      [A]: '3/3 true',
      [B]: '1/2 false',
      [F1]: '0/2 false',
      [C]: '2/3 false',
      [F2]: '1/1 true',
    });
    // C: «Доля отметок «2» по ВПР» ↓ went 15 → 19
    expect(await engine.query(`SELECT value, improved FROM indicator_progress WHERE school_id = '${C}' AND year = 2025 AND stage = 2 AND indicator = 'Доля отметок «2» по ВПР'`))
      .toEqual([{ value: 19, improved: false }]);
    // F1 improved everywhere at stage 2, but not confirmed
    expect(await engine.query(`SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE improved)::INTEGER AS imp, count(*) FILTER (WHERE confirmed)::INTEGER AS conf
      FROM indicator_progress WHERE school_id = '${F1}' AND year = 2025 AND stage = 2`)).toEqual([{ n: 4, imp: 4, conf: 2 }]);
  });

  it('stage 1 → stage 2 arrows: B direction 10 worse, F2 better', async () => {
    const q = async (id: string, risk: number) =>
      (await engine.query<{ positive: boolean | null }>(`SELECT positive FROM risk_progress WHERE school_id = '${id}' AND year = 2025 AND risk_code = ${risk} AND stage IN (1, 2) ORDER BY stage`)).map((r) => r.positive);
    expect(await q(B, 10)).toEqual([true, false]);
    expect(await q(F2, 5)).toEqual([false, true]);
    expect(await q(A, 3)).toEqual([true, true]);
  });

  it('municipal share: 40 % of 5 ШНОР at 2025 stage 2 (80 % in 2024); the settings move it', async () => {
    const share = async (year: number, stage: number) =>
      (await engine.query(`SELECT shnor_schools, positive, positive_pct FROM municipality_risk_trend WHERE year = ${year} AND stage = ${stage}`))[0];
    expect(await share(2025, 2)).toEqual({ shnor_schools: 5, positive: 2, positive_pct: 40 });
    expect(await share(2025, 1)).toEqual({ shnor_schools: 5, positive: 2, positive_pct: 40 });
    expect(await share(2024, 1)).toEqual({ shnor_schools: 5, positive: 4, positive_pct: 80 });
    expect(await share(2024, 2)).toEqual({ shnor_schools: 5, positive: 4, positive_pct: 80 });
    expect(await share(2024, 3)).toEqual({ shnor_schools: 5, positive: 5, positive_pct: 100 });
    await engine.exec(`UPDATE monitoring_settings SET value = 'false' WHERE key = 'require_confirmed'`);
    expect((await trend(2025, 2))[F1]).toBe('2/2 true');
    expect(await share(2025, 2)).toMatchObject({ positive: 3 });
    await engine.exec(`UPDATE monitoring_settings SET value = 'true' WHERE key = 'require_confirmed'; UPDATE monitoring_settings SET value = 'majority' WHERE key = 'direction_rule'`);
    expect((await trend(2025, 2))[C]).toBe('3/3 true');
    await engine.exec(`UPDATE monitoring_settings SET value = 'all' WHERE key = 'direction_rule'; UPDATE monitoring_settings SET value = 'any' WHERE key = 'school_rule'`);
    expect(await share(2025, 2)).toMatchObject({ positive: 4 }); // all but F1
    await engine.exec(`UPDATE monitoring_settings SET value = 'all' WHERE key = 'school_rule'`);
  });

  it('roadmap as of 15.12.2025: 11 events, 6 done (5 on time), 2 overdue', async () => {
    expect(await engine.query(`SELECT number, days_overdue FROM roadmap_status WHERE overdue ORDER BY days_overdue DESC`)).toEqual([
      { number: '8', days_overdue: 45 },
      { number: '6', days_overdue: 15 },
    ]);
    expect(await engine.query(`SELECT number FROM roadmap_status WHERE done AND NOT done_on_time`)).toEqual([{ number: '3' }]);
    expect(await engine.query(`SELECT number FROM roadmap_status WHERE deadline IS NULL`)).toEqual([{ number: '11' }]);
    const [s] = await engine.query('SELECT events, done, done_on_time, overdue, in_progress FROM roadmap_summary');
    expect(s).toEqual({ events: 11, done: 6, done_on_time: 5, overdue: 2, in_progress: 3 });
  });

  it('shnor_outcomes: risk progress beside the ВПР quality change since the cohort year', async () => {
    const rows = await engine.query<{ school_id: string; risk_positive_stage2: boolean; cohort: number; ch: number }>(
      `SELECT school_id, risk_positive_stage2, cohort, round(vpr_quality_change_pp, 1) AS ch FROM shnor_outcomes WHERE year = 2025 ORDER BY school_id`);
    expect(rows).toEqual([
      { school_id: C, risk_positive_stage2: false, cohort: 2022, ch: -6.3 },
      { school_id: A, risk_positive_stage2: true, cohort: 2021, ch: 11.4 },
      { school_id: B, risk_positive_stage2: false, cohort: 2021, ch: 4.6 },
      { school_id: F1, risk_positive_stage2: false, cohort: 2021, ch: 0 },
      { school_id: F2, risk_positive_stage2: true, cohort: 2022, ch: 0.3 },
    ]);
  });

  it('the page queries (src/core/sql/monitoring-queries.ts) run and give the page its numbers', async () => {
    expect(await engine.query(mq.monitoringYearsSql())).toEqual([{ year: 2024 }, { year: 2025 }]);
    expect(await engine.query(mq.riskFactorsSql())).toHaveLength(11);
    expect(await engine.query(mq.monitoringRulesSql())).toEqual([{ direction_rule: 'all', school_rule: 'all', require_confirmed: true, today: '15.12.2025' }]);
    const matrix = await engine.query<mq.MatrixRow & Record<string, unknown>>(mq.monitoringMatrixSql(2025));
    expect(matrix).toHaveLength(11 * 3);
    expect(matrix.find((r) => r.school_id === C && r.risk_code === 6 && r.stage === 2)).toMatchObject({ positive: false, indicators: 3, positive_indicators: 2 });
    expect(await engine.query(mq.schoolTrendSql(2025))).toHaveLength(15);
    const [m2] = (await engine.query<mq.MunicipalTrendRow & Record<string, unknown>>(mq.municipalTrendSql(2025))).filter((r) => r.stage === 2);
    expect(m2).toMatchObject({ shnor_schools: 5, positive: 2, positive_pct: 40, with_data: 5, goal_pct: 100 });
    expect(m2!.positive_low).toBeLessThan(40);
    const road = await engine.query<mq.RoadmapRow & Record<string, unknown>>(mq.roadmapSql());
    expect(road.map((r) => r.number)).toEqual(['8', '6', '1', '2', '3', '4', '5', '7', '9', '10', '11']);
    expect(road[0]).toMatchObject({ deadline: '31.10.2025', status: 'просрочено', days_overdue: 45 });
    expect(await engine.query(mq.roadmapSummarySql())).toMatchObject([{ events: 11, done_on_time: 5 }]);
    expect(await engine.query(mq.shnorOutcomesSql(2025))).toHaveLength(5);
    expect(await engine.query(mq.riskCardSchoolSql(A))).toMatchObject([{ name: 'МКОУ «Лесновская ООШ»' }]);
    expect(await engine.query(mq.riskProfileSql(A))).toHaveLength(22);
    const ind = await engine.query<mq.IndicatorRow & Record<string, unknown>>(mq.riskIndicatorsSql(C));
    expect(ind.find((i) => i.year === 2025 && i.indicator === 'Доля отметок «2» по ВПР')).toMatchObject({
      baseline: 15, stage1: 17, stage2: 19, target: 8, positive1: false, positive2: false, positive3: null, direction_positive2: false,
    });
    expect(mq.stageArrow(true, false)).toEqual({ icon: '↓', label: 'ухудшение' });
    expect(mq.stageArrow(false, true)).toEqual({ icon: '↑', label: 'улучшение' });
    expect(mq.stageArrow(true, true)).toEqual({ icon: '→', label: 'без изменений' });
    expect(mq.stageArrow(null, true)).toBeUndefined();
  });
});
