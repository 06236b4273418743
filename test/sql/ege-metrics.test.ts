import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/db/engine.ts';
import { importFile } from '../../src/db/import-file.ts';
import { freshEngine, importSample } from '../helpers.ts';

const HEAD = 'year,procedure,subject,grade,school_id,class,student_code,variant,primary_score,max_score,mark,journal_mark,test_score,absent';
const scores = [20, 30, 40, 60, 61, 80, 81, 95, 100];
const FILE = [
  HEAD,
  ...scores.map((s, i) => `2025,ЕГЭ,Русский язык,11,990101,11а,e${i},1,,,,,${s},0`),
  '2025,ЕГЭ,Русский язык,11,990101,11а,e99,,,,,,,1',
].join('\n');

/**
 * ЕГЭ metrics from student test scores, against hand counts: scores 20 30 40 60 61 80 81 95 100
 * (one more student absent) → n = 9, mean 567 / 9 = 63; below 36 (вуз): 20, 30 → 2; below 24
 * (аттестат): 20 → 1; ФИПИ groups: below the minimum 2, minimum–60: 40, 60 → 2, 61–80: 61, 80 → 2,
 * 81–100: 81, 95, 100 → 3; high scorers 81–100: 3, with the band set to 80–100: 4.
 */
describe('ЕГЭ metrics', () => {
  let engine: Engine;
  const school = async () =>
    (await engine.query(`SELECT participants, mean_test_score, below_min, below_24, below_36, high_scorers, fipi_below_min, fipi_min_60, fipi_61_80, fipi_81_100, min_score, source
      FROM ege_metrics WHERE year = 2025 AND subject = 'Русский язык' AND school_id = '990101'`))[0];
  beforeAll(async () => {
    engine = await freshEngine();
    const r = await importFile(engine, 'ege-students.csv', new TextEncoder().encode(FILE));
    expect(r.status).toBe('ok');
  });
  afterAll(() => engine.close());

  it('counts thresholds, ФИПИ groups and high scorers from test scores', async () => {
    expect(await school()).toEqual({
      participants: 9, mean_test_score: 63, below_min: 2, below_24: 1, below_36: 2, high_scorers: 3,
      fipi_below_min: 2, fipi_min_60: 2, fipi_61_80: 2, fipi_81_100: 3, min_score: 36, source: 'student_results',
    });
  });

  it('switches the Russian threshold and the high-score band by setting', async () => {
    await engine.exec(`UPDATE analytics_settings SET value = 'аттестат' WHERE key = 'russian_minimum'`);
    await engine.exec(`UPDATE analytics_settings SET value = '80' WHERE key = 'high_band_low'`);
    expect(await school()).toMatchObject({ below_min: 1, min_score: 24, high_scorers: 4, fipi_below_min: 1, fipi_min_60: 3 });
  });

  it('on school-level files uses what they carry, and pools all schools by participants', async () => {
    const e = await freshEngine();
    await importSample(e);
    const [pooled] = await e.query<Record<string, number>>(`SELECT participants, below_min, high_scorers, mean_test_score FROM ege_metrics
      WHERE year = 2025 AND subject = 'Русский язык' AND school_id IS NULL`);
    const [direct] = await e.query<Record<string, number>>(`SELECT sum(participants)::INTEGER AS participants, sum(below_min)::INTEGER AS below_min,
      sum(high_scorers)::INTEGER AS high_scorers, sum(mean_score * participants) / sum(participants) AS mean_test_score
      FROM school_results WHERE procedure = 'ЕГЭ' AND year = 2025 AND subject = 'Русский язык'`);
    expect(pooled!.participants).toBe(direct!.participants);
    expect(pooled!.below_min).toBe(direct!.below_min);
    expect(pooled!.high_scorers).toBe(direct!.high_scorers);
    expect(pooled!.mean_test_score).toBeCloseTo(direct!.mean_test_score!, 9);
    await e.close();
  });
});
