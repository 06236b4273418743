/**
 * «500+» monitoring views (migration v4) on the real engine, on a small hand-computed fixture:
 * indicator progress, the direction / school rules and require_confirmed, the municipal share,
 * and the roadmap against a fixed today.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/db/engine.ts';
import { importFile } from '../../src/db/import-file.ts';
import { freshEngine } from '../helpers.ts';

const enc = (s: string) => new TextEncoder().encode(s);

const SCHOOLS = 'school_id,name,municipality\n100001,Школа 1,М1\n100002,Школа 2,М1\n100003,Школа 3,М1\n';
// 100003 is not a ШНОР: it never counts in the municipal share.
const CATEGORIES = 'year,school_id,shnor\n2025,100001,1\n2025,100002,1\n2025,100003,0\n';
const PROFILES = [
  'school_id,year,risk_code,level,activated',
  '100001,2025,3,высокий,да',
  '100001,2025,5,высокий,да',
  '100001,2025,7,высокий,да', // activated, no indicators: never positive
  '100001,2025,1,низкий,нет',
].join('\n') + '\n';
const INDICATORS = [
  'school_id,year,risk_code,indicator,unit,direction,baseline,target,stage1,evidence1,stage2,evidence2',
  // direction 3: at stage 2 i1 improved+confirmed, i2 improved (↓) but «частично», i3 the wrong way
  '100001,2025,3,i1,%,↑,10,20,10,подтверждено,15,подтверждено',
  '100001,2025,3,i2,%,↓,10,5,9,подтверждено,8,частично',
  '100001,2025,3,i3,%,↑,10,20,,,9,подтверждено',
  // direction 5: the wrong way at stage 1, improved and confirmed at stage 2
  '100001,2025,5,i4,ед.,↓,4,2,5,подтверждено,3,подтверждено',
  // school 2 has no profile: its indicator directions are its directions
  '100002,2025,1,i5,%,↑,0,10,,,5,подтверждено',
].join('\n') + '\n';

describe('monitoring views: hand-computed rules', () => {
  let engine: Engine;
  const setRules = async (direction: string, school: string, confirmed: boolean) => {
    await engine.exec(`UPDATE monitoring_settings SET value = '${direction}' WHERE key = 'direction_rule';
      UPDATE monitoring_settings SET value = '${school}' WHERE key = 'school_rule';
      UPDATE monitoring_settings SET value = '${confirmed}' WHERE key = 'require_confirmed'`);
  };
  beforeAll(async () => {
    engine = await freshEngine();
    for (const [name, text] of [['s.csv', SCHOOLS], ['c.csv', CATEGORIES], ['p.csv', PROFILES], ['i.csv', INDICATORS]]) {
      const r = await importFile(engine, name!, enc(text!));
      expect(r.status, JSON.stringify(r.problems)).toBe('ok');
    }
  });
  afterAll(() => engine.close());

  it('seeds the 11 risk factors and the default rules', async () => {
    expect(await engine.query('SELECT count(*)::INTEGER AS n, min(risk_code) AS lo, max(risk_code) AS hi FROM risk_factors')).toEqual([{ n: 11, lo: 1, hi: 11 }]);
    expect(await engine.query('SELECT key, value FROM monitoring_settings ORDER BY key')).toEqual([
      { key: 'direction_rule', value: 'all' },
      { key: 'require_confirmed', value: 'true' },
      { key: 'school_rule', value: 'all' },
    ]);
  });

  it('indicator_progress: change, progress toward target, improved, confirmed per stage', async () => {
    const rows = await engine.query(`SELECT indicator, stage, value, change, round(progress_pct, 6) AS progress_pct, improved, confirmed, positive
      FROM indicator_progress WHERE school_id = '100001' AND stage IN (1, 2) ORDER BY indicator, stage`);
    expect(rows).toEqual([
      { indicator: 'i1', stage: 1, value: 10, change: 0, progress_pct: 0, improved: false, confirmed: true, positive: false },
      { indicator: 'i1', stage: 2, value: 15, change: 5, progress_pct: 50, improved: true, confirmed: true, positive: true },
      { indicator: 'i2', stage: 1, value: 9, change: -1, progress_pct: 20, improved: true, confirmed: true, positive: true },
      { indicator: 'i2', stage: 2, value: 8, change: -2, progress_pct: 40, improved: true, confirmed: false, positive: false },
      { indicator: 'i3', stage: 1, value: null, change: null, progress_pct: null, improved: null, confirmed: null, positive: null },
      { indicator: 'i3', stage: 2, value: 9, change: -1, progress_pct: -10, improved: false, confirmed: true, positive: false },
      { indicator: 'i4', stage: 1, value: 5, change: 1, progress_pct: -50, improved: false, confirmed: true, positive: false },
      { indicator: 'i4', stage: 2, value: 3, change: -1, progress_pct: 50, improved: true, confirmed: true, positive: true },
    ]);
  });

  // [direction_rule, school_rule, require_confirmed] → direction 3 / 5 at stage 2, school 100001 at stage 2, ШНОР positive of 2
  const CASES: Array<[string, string, boolean, boolean, boolean, boolean, number]> = [
    ['all', 'all', true, false, true, false, 1],
    ['majority', 'all', true, false, true, false, 1], // 1 of 3 positive is no majority
    ['any', 'all', true, true, true, false, 1], // direction 7 (no data) keeps the school from «all»
    ['any', 'majority', true, true, true, true, 2], // 2 of 3 directions
    ['all', 'any', true, false, true, true, 2],
    ['all', 'all', false, false, true, false, 1], // i3 went the wrong way
    ['majority', 'all', false, true, true, false, 1], // «частично» counts once confirmation is off: 2 of 3
    ['majority', 'majority', false, true, true, true, 2],
    ['bogus', 'bogus', true, false, true, false, 1], // unknown values read as 'all'
  ];
  it.each(CASES)('direction %s, school %s, confirmed %s', async (dr, sr, rc, dir3, dir5, school, muni) => {
    await setRules(dr, sr, rc);
    const dirs = await engine.query<{ risk_code: number; positive: boolean }>(
      `SELECT risk_code, positive FROM risk_progress WHERE school_id = '100001' AND stage = 2 ORDER BY risk_code`);
    expect(dirs).toEqual([{ risk_code: 3, positive: dir3 }, { risk_code: 5, positive: dir5 }]);
    const trend = await engine.query(`SELECT directions, positive_directions, positive FROM school_risk_trend WHERE school_id = '100001' AND stage = 2`);
    expect(trend).toEqual([{ directions: 3, positive_directions: (dir3 ? 1 : 0) + (dir5 ? 1 : 0), positive: school }]);
    const m = await engine.query(`SELECT municipality, shnor_schools, positive, positive_pct, with_data, goal_pct FROM municipality_risk_trend WHERE year = 2025 AND stage = 2`);
    expect(m).toEqual([{ municipality: 'М1', shnor_schools: 2, positive: muni, positive_pct: muni * 50, with_data: 2, goal_pct: 100 }]);
    await setRules('all', 'all', true);
  });

  it('risk_progress counts indicators, improved, confirmed; a stage without values is «no data»', async () => {
    const rows = await engine.query(`SELECT stage, indicators, improved, confirmed, positive, with_data FROM risk_progress
      WHERE school_id = '100001' AND risk_code = 3 ORDER BY stage`);
    expect(rows).toEqual([
      { stage: 1, indicators: 3, improved: 1, confirmed: 2, positive: false, with_data: 2 },
      { stage: 2, indicators: 3, improved: 2, confirmed: 2, positive: false, with_data: 3 },
      { stage: 3, indicators: 3, improved: 0, confirmed: 0, positive: null, with_data: 0 },
    ]);
    const school2 = await engine.query(`SELECT stage, directions, positive FROM school_risk_trend WHERE school_id = '100002' ORDER BY stage`);
    expect(school2).toEqual([
      { stage: 1, directions: 1, positive: null },
      { stage: 2, directions: 1, positive: true },
      { stage: 3, directions: 1, positive: null },
    ]);
  });

  it('roadmap_status and roadmap_summary against monitoring_settings.today', async () => {
    const file = [
      'номер,мероприятие,срок,ответственный,показатель,целевое значение,факт,статус',
      '1,Профиль,март 2025,МК,100 % школ,,,выполнено',
      '2,Мониторинг,до 01.06.2025,МК,,100,80,в работе',
      '3,Справка,декабрь 2025,МК,,,,не выполнено',
      '4,Программы,II квартал 2025,МК,,,,выполнено 20.07.2025',
      '5,Сайты,в течение года,МК,,100 %,100 %,',
      '6,Семинары,ноябрь 2025,МК,,,,частично выполнено',
    ].join('\n') + '\n';
    const r = await importFile(engine, 'roadmap.csv', enc(file));
    expect(r.status, JSON.stringify(r.problems)).toBe('ok');
    await engine.exec(`INSERT INTO monitoring_settings VALUES ('today', '2025-12-15')`);
    const rows = await engine.query(`SELECT number, strftime(deadline, '%Y-%m-%d') AS deadline, status, overdue, days_overdue, done_on_time FROM roadmap_status ORDER BY number_sort`);
    expect(rows).toEqual([
      { number: '1', deadline: '2025-03-31', status: 'выполнено', overdue: false, days_overdue: null, done_on_time: true },
      { number: '2', deadline: '2025-06-01', status: 'просрочено', overdue: true, days_overdue: 197, done_on_time: false },
      { number: '3', deadline: '2025-12-31', status: 'в работе', overdue: false, days_overdue: null, done_on_time: false },
      { number: '4', deadline: '2025-06-30', status: 'выполнено', overdue: false, days_overdue: null, done_on_time: false },
      { number: '5', deadline: null, status: 'выполнено', overdue: false, days_overdue: null, done_on_time: true },
      { number: '6', deadline: '2025-11-30', status: 'просрочено', overdue: true, days_overdue: 15, done_on_time: false },
    ]);
    const [s] = await engine.query('SELECT * FROM roadmap_summary');
    expect(s).toMatchObject({ events: 6, done: 3, done_on_time: 2, overdue: 2, in_progress: 1 });
    expect(s!.done_on_time_pct).toBeCloseTo(100 / 3, 10);
    // a later «today»: event 3 is overdue too
    await engine.exec(`UPDATE monitoring_settings SET value = '2026-01-10' WHERE key = 'today'`);
    expect(await engine.query(`SELECT days_overdue FROM roadmap_status WHERE number = '3'`)).toEqual([{ days_overdue: 10 }]);
    await engine.exec(`DELETE FROM monitoring_settings WHERE key = 'today'`);
  });
});
