/**
 * Comparison with schools of similar context (`peer_comparison`, migration v8) and the
 * «высокие результаты» group of `group_comparison`, on the real engine: a hand-computed fixture
 * (enrolment bands from ФИС ОКО context data, ШССУ, location type, participant bands without
 * context) and the sample municipality recomputed independently in TypeScript.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENROLMENT_BANDS, PARTICIPANT_BANDS } from '../../src/core/sql/analytics/peer-comparison.ts';
import { schoolPeersSql } from '../../src/core/sql/peer-queries.ts';
import { wilsonInterval } from '../../src/core/stats.ts';
import type { Engine } from '../../src/db/engine.ts';
import { importFile } from '../../src/db/import-file.ts';
import { freshEngine, importSample } from '../helpers.ts';

const enc = (s: string) => new TextEncoder().encode(s);

// ВПР Математика 4, 2024. Context (enrolment, location) for all but 770006/770007; 770009 has
// context of 2022 only (the latest earlier row is used). ШССУ: 770005.
//            enrolment  place  ШССУ  marked  good (n4 + n5)
// 770001        150     село    0      20     10   ┐
// 770002        250     село    0      30      6   │ 100–299, село, не ШССУ
// 770003        120     село    0      25      5   │
// 770009   160 (2022)   село    0      25     12   ┘
// 770004        200     город   0      40     30   ┐ 100–299, город
// 770010        210     город   0      40      5   ┘
// 770005        180     село    1      20      2     alone (ШССУ)
// 770008        800     село    0      60     30     alone (700 и более)
// 770006         —        —     0      22     11   ┐ no context: 15–29 participants
// 770007         —        —     0      18      3   ┘
const CONTEXT_2024 = `Сбор контекстных данных об ОО. ВПР 2024
Логин ОО;Наименование ОО;Муниципалитет;Тип местности;Число обучающихся;Число педагогических работников;Число обучающихся с ОВЗ;Число классов
sch770001;Школа 1;Район;сельская местность;150;15;3;9
sch770002;Школа 2;Район;село;250;20;4;11
sch770003;Школа 3;Район;село;120;12;2;9
sch770004;Школа 4;Район;город;200;18;5;11
sch770005;Школа 5;Район;село;180;16;9;10
sch770008;Школа 8;Район;село;800;60;12;33
sch770010;Школа 10;Район;город;210;19;3;11
`;
const CONTEXT_2022 = `Сбор контекстных данных об ОО. ВПР 2022
Логин ОО;Наименование ОО;Муниципалитет;Тип местности;Число обучающихся;Число педагогических работников;Число обучающихся с ОВЗ;Число классов
sch770009;Школа 9;Район;село;160;14;2;9
sch770001;Школа 1;Район;город;900;15;3;9
`;
const IDS = ['770001', '770002', '770003', '770004', '770005', '770006', '770007', '770008', '770009', '770010'];
const SCHOOLS = `school_id,login,name,municipality,region\n${IDS.map((id) => `${id},sch${id},Школа ${Number(id.slice(4))},Район,Область`).join('\n')}\n`;
const CATEGORIES = `year,school_id,shnor,sssu,cohort,curator,partner_school_id\n${IDS.map((id) => `2024,${id},0,${id === '770005' ? 1 : 0},,,`).join('\n')}\n`;
// n2, n3, n4, n5 with n4 + n5 = good
const MARKS: Record<string, [number, number, number, number]> = {
  '770001': [2, 8, 8, 2],
  '770002': [6, 18, 5, 1],
  '770003': [5, 15, 4, 1],
  '770004': [2, 8, 20, 10],
  '770005': [8, 10, 2, 0],
  '770006': [3, 8, 9, 2],
  '770007': [5, 10, 3, 0],
  '770008': [5, 25, 25, 5],
  '770009': [3, 10, 10, 2],
  '770010': [15, 20, 5, 0],
};
const RESULTS = `year,procedure,subject,grade,school_id,participants,n2,n3,n4,n5\n${IDS.map((id) => {
  const m = MARKS[id]!;
  return `2024,ВПР,Математика,4,${id},${m.reduce((a, b) => a + b, 0)},${m.join(',')}`;
}).join('\n')}\n`;

interface Peer {
  school_id: string;
  marked: number;
  quality_pct: number;
  quality_low: number;
  quality_high: number;
  basis: string;
  size_band: string;
  sssu: boolean | null;
  settlement: string | null;
  peer_group: string;
  peer_schools: number;
  peer_marked: number;
  peer_quality_pct: number | null;
  peer_low: number | null;
  peer_high: number | null;
  diff_pp: number | null;
  outside: boolean | null;
  position: string | null;
  [k: string]: unknown;
}

describe('peer_comparison on a hand-computed fixture', () => {
  let engine: Engine;
  let rows: Map<string, Peer>;
  beforeAll(async () => {
    engine = await freshEngine();
    for (const [name, text] of [
      ['schools.csv', SCHOOLS],
      ['categories.csv', CATEGORIES],
      ['Сбор контекстных данных 2024.csv', CONTEXT_2024],
      ['Сбор контекстных данных 2022.csv', CONTEXT_2022],
      ['results.csv', RESULTS],
    ] as const) {
      const r = await importFile(engine, name, enc(text));
      expect(r.status, `${name}: ${JSON.stringify(r.problems)}`).toBe('ok');
    }
    rows = new Map((await engine.query<Peer>(`SELECT * FROM peer_comparison`)).map((r) => [r.school_id, r]));
  });
  afterAll(() => engine.close());

  it('has one row per school slice with the documented columns', async () => {
    const cols = await engine.query<{ c: string }>(
      `SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) AS c FROM information_schema.columns WHERE table_name = 'peer_comparison'`,
    );
    expect(cols[0]!.c).toBe(
      'year, procedure, subject, grade, school_id, marked, quality_pct, quality_low, quality_high, basis, size_band, sssu, settlement, peer_group, peer_schools, peer_marked, peer_quality_pct, peer_low, peer_high, diff_pp, outside, position',
    );
    expect([...rows.keys()].sort()).toEqual(IDS);
  });

  it('groups by enrolment band, ШССУ and location type; the context row of the same year wins over an older one', () => {
    const groups = (id: string) => [rows.get(id)!.basis, rows.get(id)!.size_band, rows.get(id)!.sssu, rows.get(id)!.settlement, rows.get(id)!.peer_schools];
    expect(groups('770001')).toEqual(['enrolment', '100–299 обучающихся', false, 'село', 3]);
    expect(groups('770009')).toEqual(['enrolment', '100–299 обучающихся', false, 'село', 3]); // context of 2022
    expect(groups('770004')).toEqual(['enrolment', '100–299 обучающихся', false, 'город', 1]);
    expect(groups('770005')).toEqual(['enrolment', '100–299 обучающихся', true, 'село', 0]);
    expect(groups('770008')).toEqual(['enrolment', `${ENROLMENT_BANDS[2]} и более обучающихся`, false, 'село', 0]);
    expect(ENROLMENT_BANDS[2]).toBe(700);
    expect(groups('770006')).toEqual(['participants', '15–29 участников', false, null, 1]);
    expect(rows.get('770001')!.peer_group).toBe('школы того же размера (100–299 обучающихся), не ШССУ, сельские');
    expect(rows.get('770005')!.peer_group).toBe('школы того же размера (100–299 обучающихся), ШССУ, сельские');
    expect(rows.get('770006')!.peer_group).toBe('школы с тем же числом участников работы (15–29 участников), не ШССУ');
  });

  it('peers leave the school out and pool counts: quality, Wilson interval, difference (by hand and wilsonInterval)', () => {
    const check = (id: string, peerGood: number, peerMarked: number, peers: number) => {
      const r = rows.get(id)!;
      const good = MARKS[id]![2] + MARKS[id]![3];
      const own = wilsonInterval(good, r.marked)!;
      const w = wilsonInterval(peerGood, peerMarked)!;
      expect(r.peer_schools).toBe(peers);
      expect(r.peer_marked).toBe(peerMarked);
      expect(r.quality_pct).toBeCloseTo(own.pct, 10);
      expect(r.quality_low).toBeCloseTo(own.low, 10);
      expect(r.peer_quality_pct!).toBeCloseTo((100 * peerGood) / peerMarked, 10);
      expect(r.peer_low!).toBeCloseTo(w.low, 10);
      expect(r.peer_high!).toBeCloseTo(w.high, 10);
      expect(r.diff_pp!).toBeCloseTo(own.pct - w.pct, 10);
      return r;
    };
    // 770001: peers 770002, 770003, 770009 — (6 + 5 + 12) / (30 + 25 + 25) = 23 / 80 = 28.75 %
    const a = check('770001', 23, 80, 3);
    expect(a.peer_quality_pct!).toBeCloseTo(28.75, 10);
    expect(a.diff_pp!).toBeCloseTo(50 - 28.75, 10);
    // 50 % [29.9; 70.1] against 28.75 % [19.9; 39.6]: the intervals overlap
    expect([a.outside, a.position]).toEqual([false, 'в пределах']);
    // 770002: peers 770001, 770003, 770009 — (10 + 5 + 12) / (20 + 25 + 25) = 27 / 70
    check('770002', 27, 70, 3);
    // 770004 (75 % [59.8; 85.8]) and 770010 (12.5 % [5.5; 26.1]) are each other's only peer
    const high = check('770004', 5, 40, 1);
    const low = check('770010', 30, 40, 1);
    expect([high.outside, high.position]).toEqual([true, 'выше']);
    expect([low.outside, low.position]).toEqual([true, 'ниже']);
    // without context: 770006 (22 participants) and 770007 (18)
    check('770006', 3, 18, 1);
  });

  it('a school with no peers keeps its row, with no peer figures', () => {
    const r = rows.get('770005')!;
    expect([r.peer_schools, r.peer_marked, r.peer_quality_pct, r.peer_low, r.diff_pp, r.outside, r.position]).toEqual([0, 0, null, null, null, null, null]);
    expect(r.quality_pct).toBeCloseTo(10, 10);
  });

  it('the school page query returns the school’s slices of the year', async () => {
    const page = await engine.query(schoolPeersSql('770001', 2024));
    expect(page).toHaveLength(1);
    expect(page[0]).toMatchObject({ procedure: 'ВПР', subject: 'Математика', grade: 4, marked: 20, peer_schools: 3, peer_marked: 80, position: 'в пределах' });
    expect(await engine.query(schoolPeersSql('770001', 2023))).toEqual([]);
  });

  it('reads school_results, school_context and school_categories, never student_results', async () => {
    const [v] = await engine.query<{ sql: string }>(`SELECT sql FROM duckdb_views() WHERE view_name = 'peer_comparison'`);
    expect(v!.sql).toContain('school_results');
    expect(v!.sql).toContain('school_context');
    expect(v!.sql).toContain('school_categories');
    expect(v!.sql).not.toContain('student_results');
  });
});

describe('peer_comparison and «высокие результаты» on the sample municipality', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await freshEngine();
    await importSample(engine);
  });
  afterAll(() => engine.close());

  it('every row equals an independent TypeScript regrouping of school_results and school_categories (no context loaded: participant bands)', async () => {
    const results = await engine.query<{ year: number; procedure: string; subject: string; grade: number; school_id: string; participants: number; good: number; marked: number }>(
      `SELECT year, procedure, subject, grade, school_id, participants, n4 + n5 AS good, n2 + n3 + n4 + n5 AS marked FROM school_results WHERE n2 + n3 + n4 + n5 > 0`,
    );
    const sssu = new Map(
      (await engine.query<{ year: number; school_id: string; sssu: boolean }>(`SELECT year, school_id, sssu FROM school_categories`)).map((c) => [`${c.year}|${c.school_id}`, c.sssu]),
    );
    const band = (n: number) => PARTICIPANT_BANDS.filter((b) => n >= b).length;
    const key = (r: (typeof results)[number]) => `${r.year}|${r.procedure}|${r.subject}|${r.grade}|${band(r.participants)}|${sssu.get(`${r.year}|${r.school_id}`)}`;
    const groups = new Map<string, { good: number; marked: number; schools: number }>();
    for (const r of results) {
      const g = groups.get(key(r)) ?? { good: 0, marked: 0, schools: 0 };
      groups.set(key(r), { good: g.good + r.good, marked: g.marked + r.marked, schools: g.schools + 1 });
    }
    const view = new Map(
      (await engine.query<Peer & { year: number; procedure: string; subject: string; grade: number }>(`SELECT * FROM peer_comparison`)).map((p) => [
        `${p.year}|${p.procedure}|${p.subject}|${p.grade}|${p.school_id}`,
        p,
      ]),
    );
    expect(view.size).toBe(results.length);
    let withPeers = 0;
    for (const r of results) {
      const p = view.get(`${r.year}|${r.procedure}|${r.subject}|${r.grade}|${r.school_id}`)!;
      const g = groups.get(key(r))!;
      expect(p.basis).toBe('participants');
      expect(p.peer_schools).toBe(g.schools - 1);
      expect(p.peer_marked).toBe(g.marked - r.marked);
      if (g.marked > r.marked) {
        withPeers++;
        const w = wilsonInterval(g.good - r.good, g.marked - r.marked)!;
        expect(p.peer_quality_pct!).toBeCloseTo(w.pct, 9);
        expect(p.peer_low!).toBeCloseTo(w.low, 9);
        const own = wilsonInterval(r.good, r.marked)!;
        expect(p.position).toBe(own.low > w.high ? 'выше' : own.high < w.low ? 'ниже' : 'в пределах');
      } else expect(p.peer_quality_pct).toBeNull();
    }
    expect(withPeers).toBeGreaterThan(results.length * 0.9);
  });

  it('the school page query (restricted to the school’s slices) gives exactly the view’s rows, for every school and year', async () => {
    const cols = 'year, procedure, subject, grade, marked, quality_pct, quality_low, quality_high, size_band, peer_group, peer_schools, peer_marked, peer_quality_pct, peer_low, peer_high, diff_pp, position';
    const pairs = await engine.query<{ school_id: string; year: number }>(`SELECT DISTINCT school_id, year FROM peer_comparison WHERE year IN (2019, 2025) ORDER BY ALL`);
    expect(pairs).toHaveLength(50);
    for (const { school_id, year } of pairs) {
      const page = await engine.query(schoolPeersSql(school_id, year));
      const view = await engine.query(
        `SELECT ${cols} FROM peer_comparison WHERE school_id = '${school_id}' AND year = ${year} ORDER BY CASE procedure WHEN 'ВПР' THEN 1 WHEN 'ОГЭ' THEN 2 ELSE 3 END, grade, subject`,
      );
      expect(page.length).toBeGreaterThan(0);
      expect(page).toEqual(view);
    }
  });

  it('ШССУ schools (990113, 990120) are compared only with ШССУ schools', async () => {
    const rows = await engine.query<{ school_id: string; sssu: boolean; peer_group: string; peer_schools: number }>(
      `SELECT school_id, sssu, peer_group, peer_schools FROM peer_comparison WHERE school_id IN ('990113', '990120')`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.sssu).toBe(true);
      expect(r.peer_group).toContain(', ШССУ');
      expect(r.peer_schools).toBeLessThanOrEqual(1);
    }
  });

  it('D 990105 (inflated ВПР results) stands above similar schools in ВПР Русский язык 4 more often than not', async () => {
    const rows = await engine.query<{ position: string; n: number }>(
      `SELECT position, count(*)::INTEGER AS n FROM peer_comparison WHERE school_id = '990105' AND procedure = 'ВПР' AND subject = 'Русский язык' AND grade = 4 GROUP BY position`,
    );
    const above = rows.find((r) => r.position === 'выше')?.n ?? 0;
    expect(above).toBeGreaterThanOrEqual(4);
  });

  it('«высокие результаты»: schools at or above the upper quartile of school quality (n ≥ 10), recomputed in TypeScript', async () => {
    const schools = await engine.query<{ year: number; procedure: string; school_id: string; good: number; marked: number }>(
      `SELECT year, procedure, school_id, sum(n4 + n5)::INTEGER AS good, sum(n2 + n3 + n4 + n5)::INTEGER AS marked
       FROM school_results WHERE n2 + n3 + n4 + n5 > 0 GROUP BY ALL`,
    );
    const view = await engine.query<{ year: number; procedure: string; schools: number; marked: number; quality_pct: number; quality_low: number }>(
      `SELECT year, procedure, schools, marked, quality_pct, quality_low FROM group_comparison WHERE grp = 'высокие результаты' ORDER BY procedure, year`,
    );
    const keys = [...new Set(schools.map((s) => `${s.procedure}|${s.year}`))].sort();
    expect(view.map((v) => `${v.procedure}|${v.year}`)).toEqual(keys);
    for (const v of view) {
      const eligible = schools.filter((s) => s.year === v.year && s.procedure === v.procedure && s.marked >= 10);
      const q = eligible.map((s) => (100 * s.good) / s.marked).sort((a, b) => a - b);
      // type-7 quantile (linear interpolation), as quantile_cont
      const h = (q.length - 1) * 0.75;
      const q3 = q[Math.floor(h)]! + (h - Math.floor(h)) * (q[Math.ceil(h)]! - q[Math.floor(h)]!);
      const top = eligible.filter((s) => (100 * s.good) / s.marked >= q3);
      const good = top.reduce((a, s) => a + s.good, 0);
      const marked = top.reduce((a, s) => a + s.marked, 0);
      expect(v.schools).toBe(top.length);
      expect(v.marked).toBe(marked);
      expect(v.quality_pct).toBeCloseTo((100 * good) / marked, 9);
      expect(v.quality_low).toBeCloseTo(wilsonInterval(good, marked)!.low, 9);
    }
    // ВПР 2025: the 7 best of 25 schools, 54.9 % against 44.7 % for all; no ШНОР among them
    const vpr2025 = view.find((v) => v.procedure === 'ВПР' && v.year === 2025)!;
    expect(vpr2025.schools).toBe(7);
    expect(Math.round(vpr2025.quality_pct * 10) / 10).toBe(54.9);
  });
});
