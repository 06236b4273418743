/**
 * «Сравнение» in DuckDB: the per-school figures against a hand-computed fixture and against an
 * independent TypeScript computation over the raw counts; the order of every sortable column (both
 * directions, empty values last, grouped by municipality) and the windows the table fetches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compareBaseSql,
  compareCountSql,
  comparePageSql,
  compareSortFromState,
  DEFAULT_COMPARE_SORT,
  SORTABLE,
  type CompareRow,
  type SortColumn,
} from '../../src/core/sql/compare-queries.ts';
import { wilsonInterval } from '../../src/core/stats.ts';
import type { Engine } from '../../src/db/engine.ts';
import { importFile } from '../../src/db/import-file.ts';
import { syntheticSchools } from '../compare-fixture.ts';
import { freshEngine, importSample } from '../helpers.ts';

type Row = CompareRow & Record<string, unknown>;
const enc = (s: string) => new TextEncoder().encode(s);

async function importText(engine: Engine, name: string, text: string): Promise<void> {
  const r = await importFile(engine, name, enc(text));
  if (r.status !== 'ok') throw new Error(`${name}: ${r.status} ${JSON.stringify(r.problems.slice(0, 3))}`);
}

async function all(engine: Engine, base: string, sort: SortColumn, desc: boolean, grouped = false): Promise<Row[]> {
  const [{ n }] = (await engine.query<{ n: number }>(compareCountSql(base))) as [{ n: number }];
  return engine.query<Row>(comparePageSql(base, sort, desc, 0, Math.max(1, n), grouped));
}

/** The order the table promises, computed in TypeScript: empty values last in both directions, then name, then id. */
function expectedOrder(rows: Row[], sort: SortColumn, desc: boolean, grouped: boolean): string[] {
  const cmp = (a: unknown, b: unknown): number => {
    if (a === b) return 0;
    if (a === null || a === undefined) return 1;
    if (b === null || b === undefined) return -1;
    const c = (a as number | string) < (b as number | string) ? -1 : 1;
    return desc ? -c : c;
  };
  const plain = (a: unknown, b: unknown) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : (a as string) < (b as string) ? -1 : 1);
  return [...rows]
    .sort((a, b) => (grouped ? plain(a.municipality, b.municipality) : 0) || cmp(a[sort], b[sort]) || plain(a.name, b.name) || plain(a.school_id, b.school_id))
    .map((r) => r.school_id);
}

describe('«Сравнение» on a hand-computed fixture', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await freshEngine();
    await importText(engine, 'школы.csv', 'school_id,login,name,municipality,region\n700001,sch700001,Школа А,Район А,Область\n700002,sch700002,Школа Б,Район Б,Область\n700003,sch700003,Школа В,Район А,Область\n');
    await importText(
      engine,
      'результаты.csv',
      [
        'year,procedure,subject,grade,school_id,participants,n2,n3,n4,n5',
        '2025,ВПР,Математика,4,700001,10,1,2,3,4',
        '2024,ВПР,Математика,4,700001,10,2,3,3,2',
        '2025,ВПР,Математика,4,700002,10,0,5,5,0',
        '2025,ВПР,Русский язык,4,700002,10,5,5,0,0',
        '2024,ВПР,Математика,4,700003,10,0,0,10,0',
      ].join('\n') + '\n',
    );
  });
  afterAll(() => engine.close());

  it('pools counts per school, keeps a school that has only a trend, and computes the change in p.p.', async () => {
    const base = compareBaseSql('ВПР', 2025, {});
    const rows = await all(engine, base, 'quality_pct', true);
    expect(rows.map((r) => r.school_id)).toEqual(['700001', '700002', '700003']);
    const [a, b, c] = rows as [Row, Row, Row];
    // А: 1·2 + 2·3 + 3·4 + 4·5 = 40 over 10 marks.
    expect(a).toMatchObject({ marked: 10, name: 'Школа А', municipality: 'Район А', position: 1 });
    expect(a.quality_pct).toBeCloseTo(70, 10);
    expect(a.success_pct).toBeCloseTo(90, 10);
    expect(a.mean_mark).toBeCloseTo(4, 10);
    expect(a.change_pp).toBeCloseTo(20, 10);
    expect(a.trend).toBe('2024:50.0;2025:70.0');
    const wa = wilsonInterval(7, 10)!;
    expect(a.quality_low).toBeCloseTo(wa.low, 6);
    expect(a.quality_high).toBeCloseTo(wa.high, 6);
    // Б: two subjects pooled — 5 of 20 at «4»–«5», 15 of 20 at «3» or better, (5·2 + 10·3 + 5·4)/20 = 3.
    expect(b.marked).toBe(20);
    expect(b.quality_pct).toBeCloseTo(25, 10);
    expect(b.success_pct).toBeCloseTo(75, 10);
    expect(b.mean_mark).toBeCloseTo(3, 10);
    expect(b.change_pp).toBeNull();
    // В: no marks in 2025, a 2024 result only.
    expect(c).toMatchObject({ marked: null, quality_pct: null, change_pp: null, trend: '2024:100.0', position: 3 });
  });

  it('sorts ascending with empty values still last, and groups by municipality first', async () => {
    const base = compareBaseSql('ВПР', 2025, {});
    expect((await all(engine, base, 'quality_pct', false)).map((r) => r.school_id)).toEqual(['700002', '700001', '700003']);
    expect((await all(engine, base, 'quality_pct', true, true)).map((r) => r.school_id)).toEqual(['700001', '700003', '700002']);
    expect((await all(engine, base, 'name', false)).map((r) => r.name)).toEqual(['Школа А', 'Школа Б', 'Школа В']);
  });

  it('filters by municipality', async () => {
    const base = compareBaseSql('ВПР', 2025, { municipality: 'Район А' });
    expect((await all(engine, base, 'quality_pct', true)).map((r) => r.school_id)).toEqual(['700001', '700003']);
  });
});

describe('«Сравнение» on the sample and 600 synthetic schools', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await freshEngine();
    await importSample(engine);
    const { schoolsCsv, resultsCsv } = syntheticSchools(600);
    await importText(engine, 'синтетические-школы.csv', schoolsCsv);
    await importText(engine, 'синтетические-результаты.csv', resultsCsv);
  });
  afterAll(() => engine.close());

  it('agrees with figures computed in TypeScript from the raw counts', async () => {
    const base = compareBaseSql('ВПР', 2025, {});
    const rows = await all(engine, base, 'quality_pct', true);
    const raw = await engine.query<{ school_id: string; year: number; n2: number; n3: number; n4: number; n5: number }>(
      `SELECT school_id, year, n2, n3, n4, n5 FROM school_results WHERE procedure = 'ВПР' AND year IN (2024, 2025)`,
    );
    const sums = new Map<string, [number, number, number, number]>();
    const prev = new Map<string, [number, number]>();
    for (const r of raw) {
      if (r.year === 2025) {
        const s = sums.get(r.school_id) ?? [0, 0, 0, 0];
        sums.set(r.school_id, [s[0] + r.n2, s[1] + r.n3, s[2] + r.n4, s[3] + r.n5]);
      } else {
        const p = prev.get(r.school_id) ?? [0, 0];
        prev.set(r.school_id, [p[0] + r.n4 + r.n5, p[1] + r.n2 + r.n3 + r.n4 + r.n5]);
      }
    }
    // Every school with a ВПР result in any year, and no other (600 synthetic less the 43 without any, plus the sample's 25).
    const [withResults] = await engine.query<{ n: number }>(`SELECT count(DISTINCT school_id)::INTEGER AS n FROM school_results WHERE procedure = 'ВПР'`);
    expect(rows.length).toBe(withResults!.n);
    expect(rows.length).toBe(600 - 43 + 25);
    let checked = 0;
    for (const r of rows) {
      const s = sums.get(r.school_id);
      const n = s ? s[0] + s[1] + s[2] + s[3] : 0;
      if (!s || n === 0) {
        expect(r.quality_pct).toBeNull();
        continue;
      }
      checked++;
      expect(r.marked).toBe(n);
      expect(r.quality_pct).toBeCloseTo(((s[2] + s[3]) * 100) / n, 9);
      expect(r.success_pct).toBeCloseTo(((s[1] + s[2] + s[3]) * 100) / n, 9);
      expect(r.mean_mark).toBeCloseTo((2 * s[0] + 3 * s[1] + 4 * s[2] + 5 * s[3]) / n, 9);
      const w = wilsonInterval(s[2] + s[3], n)!;
      expect(r.quality_low).toBeCloseTo(w.low, 6);
      expect(r.quality_high).toBeCloseTo(w.high, 6);
      const p = prev.get(r.school_id);
      if (p && p[1] > 0) expect(r.change_pp).toBeCloseTo(((s[2] + s[3]) * 100) / n - (p[0] * 100) / p[1], 9);
      else expect(r.change_pp).toBeNull();
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('sorts by every column in both directions as computed in TypeScript, grouped or not', async () => {
    const base = compareBaseSql('ВПР', 2025, {});
    const rows = await all(engine, base, 'name', false);
    for (const col of SORTABLE) {
      for (const desc of [false, true]) {
        for (const grouped of [false, true]) {
          const got = await all(engine, base, col, desc, grouped);
          expect(got.map((r) => r.school_id), `${col} ${desc ? 'desc' : 'asc'}${grouped ? ' grouped' : ''}`).toEqual(expectedOrder(rows, col, desc, grouped));
          expect(got.map((r) => r.position)).toEqual(got.map((_, i) => i + 1));
        }
      }
    }
  });

  it('windows of 50 rows put together are the whole sorted table, each row at its position', async () => {
    const base = compareBaseSql('ВПР', 2025, {});
    const whole = await all(engine, base, 'mean_mark', true);
    const windows: Row[] = [];
    for (let offset = 0; offset < whole.length; offset += 50) windows.push(...(await engine.query<Row>(comparePageSql(base, 'mean_mark', true, offset, 50))));
    expect(windows.map((r) => [r.school_id, r.position])).toEqual(whole.map((r, i) => [r.school_id, i + 1]));
  });

  it('maps a table sorting state to the DuckDB order', () => {
    expect(compareSortFromState([{ id: 'mean_mark', desc: false }])).toEqual({ column: 'mean_mark', desc: false });
    expect(compareSortFromState([{ id: 'trend', desc: true }, { id: 'name', desc: true }])).toEqual({ column: 'name', desc: true });
    expect(compareSortFromState([])).toEqual(DEFAULT_COMPARE_SORT);
  });
});

describe('«Сравнение» search by name or code', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await freshEngine();
    await importSample(engine);
  });
  afterAll(() => engine.close());

  it('finds schools by part of the name in any case, «е» for «ё», or by the start of the code', async () => {
    const names = async (search: string) => (await all(engine, compareBaseSql('ВПР', 2025, {}, search), 'name', false)).map((r) => r.name);
    const everyName = (await engine.query<{ name: string }>(`SELECT name FROM schools ORDER BY name`)).map((r) => r.name);
    const expected = (part: string) => everyName.filter((n) => n.toLowerCase().replace(/ё/g, 'е').includes(part));
    expect(await names('озерская')).toEqual(['МБОУ «Озёрская СОШ»']);
    expect(await names('  ООШ ')).toEqual(expected('оош'));
    expect((await names('ООШ')).length).toBeGreaterThan(3);
    expect(await names('9901')).toHaveLength(25);
    expect(await names('990105')).toEqual(['МБОУ «СОШ № 5»']);
    expect(await names("'; DROP TABLE schools; --")).toEqual([]);
    expect(await names('')).toHaveLength(25);
  });
});
