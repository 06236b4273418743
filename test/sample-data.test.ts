/**
 * The committed sample-data/ is reproducible (byte-identical regeneration) and carries the planted
 * phenomena documented in sample-data/README.md. The CSVs are parsed here independently of the
 * generator (tiny split-based parsers, cp1251 via TextDecoder).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const ROOT = path.resolve(__dirname, '..');
const SAMPLE = path.join(ROOT, 'sample-data');
const SCRIPT = path.join(ROOT, 'scripts', 'generate-sample-data.ts');
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];

const A = '990116';
const B = '990117';
const C = '990112';
const D = '990105';
const E = '990107';

type Row = Record<string, string>;

function parseCsvLine(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (q) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') q = false;
      else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === sep) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function readTable(file: string, opts: { cp1251?: boolean; sep?: string } = {}): { header: string[]; rows: Row[] } {
  const buf = fs.readFileSync(path.join(SAMPLE, file));
  const text = opts.cp1251 ? new TextDecoder('windows-1251').decode(buf) : new TextDecoder('utf-8').decode(buf);
  const eol = opts.cp1251 ? '\r\n' : '\n';
  const lines = text.split(eol);
  expect(lines.pop()).toBe(''); // trailing line end
  const sep = opts.sep ?? ',';
  const header = parseCsvLine(lines[0]!, sep);
  const rows = lines.slice(1).map((l) => {
    const f = parseCsvLine(l, sep);
    expect(f.length).toBe(header.length);
    const r: Row = {};
    header.forEach((h, i) => (r[h] = f[i]!));
    return r;
  });
  return { header, rows };
}

const VPR_HEADER = 'year,procedure,subject,grade,school_id,class,student_code,variant,primary_score,max_score,mark,journal_mark,test_score,absent';

function meanCi(xs: number[]): { lo: number; hi: number; mean: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  const h = (1.96 * Math.sqrt(v)) / Math.sqrt(n);
  return { mean, lo: mean - h, hi: mean + h };
}

function avgRanks(xs: number[]): number[] {
  const order = xs.map((x, i) => ({ x, i })).sort((p, q) => p.x - q.x);
  const r: number[] = new Array(xs.length).fill(0);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]!.x === order[i]!.x) j++;
    for (let k = i; k <= j; k++) r[order[k]!.i] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

function spearman(a: number[], b: number[]): number {
  const ra = avgRanks(a);
  const rb = avgRanks(b);
  const n = a.length;
  const ma = ra.reduce((s, x) => s + x, 0) / n;
  const mb = rb.reduce((s, x) => s + x, 0) / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (ra[i]! - ma) * (rb[i]! - mb);
    da += (ra[i]! - ma) ** 2;
    db += (rb[i]! - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}

describe('sample-data generator', () => {
  let tmp = '';
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'orientir-sample-'));
    execFileSync(process.execPath, ['--import', 'tsx', SCRIPT, '--out', tmp], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  }, 120_000);
  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('regenerates the committed files byte for byte', () => {
    const generated = fs.readdirSync(tmp).sort();
    const committed = fs.readdirSync(SAMPLE).filter((f) => f !== 'README.md').sort();
    expect(generated).toEqual(committed);
    // schools, categories, scales, «500+» monitoring (risk-profiles, risk-indicators, roadmap), 3 per year
    expect(generated.length).toBe(6 + 3 * YEARS.length);
    for (const f of ['risk-profiles.csv', 'risk-indicators.csv', 'roadmap.csv']) expect(generated).toContain(f);
    for (const f of generated) {
      const a = fs.readFileSync(path.join(tmp, f));
      const b = fs.readFileSync(path.join(SAMPLE, f));
      expect(a.equals(b), `${f} differs`).toBe(true);
      expect(a.length, `${f} size`).toBeLessThan(1_500_000);
    }
  });
});

describe('sample-data contents and planted phenomena', () => {
  const vpr = new Map<number, Row[]>();
  const oge = new Map<number, Row[]>();
  const schoolIds: string[] = [];
  const scales = new Map<string, { max: number; min3: number; min4: number; min5: number }>();

  beforeAll(() => {
    const schools = readTable('schools.csv');
    expect(schools.header.join(',')).toBe('school_id,login,name,municipality,region');
    for (const r of schools.rows) schoolIds.push(r.school_id!);
    const sc = readTable('grading-scales.csv');
    expect(sc.header.join(',')).toBe('procedure,year,subject,grade,max_score,min_score_3,min_score_4,min_score_5');
    for (const r of sc.rows) {
      scales.set(`${r.procedure}|${r.year}|${r.subject}|${r.grade}`, {
        max: +r.max_score!, min3: +r.min_score_3!, min4: +r.min_score_4!, min5: +r.min_score_5!,
      });
    }
    for (const y of YEARS) {
      const v = readTable(`vpr-${y}.csv`);
      expect(v.header.join(',')).toBe(VPR_HEADER);
      vpr.set(y, v.rows);
      const o = readTable(`oge-${y}.csv`, { cp1251: true, sep: ';' });
      expect(o.header.join(',')).toBe(VPR_HEADER);
      oge.set(y, o.rows);
    }
  });

  const present = (rows: Row[]): Row[] => rows.filter((r) => r.absent === '0');
  const quality = (rows: Row[]): number => {
    const p = present(rows);
    return (100 * p.filter((r) => +r.mark! >= 4).length) / p.length;
  };
  const schoolQuality = (id: string, y: number): number => quality(vpr.get(y)!.filter((r) => r.school_id === id));

  it('has the expected schools, categories and consistent marks', () => {
    expect(schoolIds).toHaveLength(25);
    expect(schoolIds.every((id) => /^\d{6}$/.test(id))).toBe(true);
    const cats = readTable('school-categories.csv');
    expect(cats.header.join(',')).toBe('year,school_id,shnor,sssu,cohort,curator,partner_school_id');
    expect(cats.rows).toHaveLength(25 * YEARS.length);
    const shnor = new Set(cats.rows.filter((r) => r.shnor === '1').map((r) => r.school_id));
    const sssu = new Set(cats.rows.filter((r) => r.sssu === '1').map((r) => r.school_id));
    expect(shnor.size).toBe(5);
    expect(sssu.size).toBe(2);
    expect([...sssu].some((id) => shnor.has(id))).toBe(false);
    const cohorts = new Map<string, string>();
    for (const r of cats.rows.filter((x) => x.shnor === '1')) {
      cohorts.set(r.school_id!, r.cohort!);
      expect(+r.year!).toBeGreaterThanOrEqual(+r.cohort!);
      expect(r.curator).not.toBe('');
      expect(schoolIds).toContain(r.partner_school_id);
    }
    expect([...cohorts.values()].filter((c) => c === '2021')).toHaveLength(3);
    expect([...cohorts.values()].filter((c) => c === '2022')).toHaveLength(2);
    for (const y of YEARS) {
      for (const r of present(vpr.get(y)!)) {
        const s = scales.get(`ВПР|${y}|${r.subject}|${r.grade}`)!;
        const score = +r.primary_score!;
        const mark = score >= s.min5 ? 5 : score >= s.min4 ? 4 : score >= s.min3 ? 3 : 2;
        if (mark !== +r.mark! || s.max !== +r.max_score!) throw new Error(`bad mark in ${JSON.stringify(r)}`);
      }
    }
  });

  it('ЕГЭ rows are internally consistent and only in schools with grade 11', () => {
    const withEge = new Set<string>();
    for (const y of YEARS) {
      const t = readTable(`ege-${y}.csv`, { cp1251: true, sep: ';' });
      expect(t.header.join(';')).toBe(
        'year;procedure;subject;grade;school_id;participants;n2;n3;n4;n5;mean_score;below_min;high_scorers');
      for (const r of t.rows) {
        withEge.add(r.school_id!);
        expect(r.mean_score).toMatch(/^\d+,\d$/);
        if (r.subject === 'Математика базовая') {
          expect(+r.n2! + +r.n3! + +r.n4! + +r.n5!).toBe(+r.participants!);
          expect(r.below_min).toBe(r.n2);
        } else {
          expect(r.n2).toBe('');
          expect(+r.below_min!).toBeLessThanOrEqual(+r.participants!);
        }
      }
    }
    expect(withEge.size).toBe(15);
  });

  it('a/b/c: ШНОР quality trajectories', () => {
    expect(schoolQuality(A, 2025) - schoolQuality(A, 2021)).toBeGreaterThanOrEqual(8);
    const db = schoolQuality(B, 2025) - schoolQuality(B, 2021);
    expect(db).toBeGreaterThanOrEqual(3);
    expect(db).toBeLessThanOrEqual(5);
    const dc = schoolQuality(C, 2025) - schoolQuality(C, 2022);
    expect(dc).toBeGreaterThanOrEqual(-8);
    expect(dc).toBeLessThanOrEqual(-4);
  });

  it('e/g: only school D has its mean CI above the municipality in ВПР РУ/МА 4–5', () => {
    const flaggedYears = new Map<string, Set<number>>();
    for (const y of YEARS) {
      for (const subject of ['Русский язык', 'Математика']) {
        for (const grade of ['4', '5']) {
          const rows = present(vpr.get(y)!).filter((r) => r.subject === subject && r.grade === grade);
          const muni = meanCi(rows.map((r) => +r.primary_score!));
          for (const id of schoolIds) {
            const xs = rows.filter((r) => r.school_id === id).map((r) => +r.primary_score!);
            if (xs.length < 2) continue;
            const above = meanCi(xs).lo > muni.hi;
            if (id === D) expect(above, `D ${y} ${subject} ${grade}`).toBe(true);
            if (above) {
              if (!flaggedYears.has(id)) flaggedYears.set(id, new Set());
              flaggedYears.get(id)!.add(y);
            }
          }
        }
      }
    }
    for (const [id, ys] of flaggedYears) if (id !== D) expect(ys.size, `school ${id}`).toBeLessThanOrEqual(1);
  });

  it('e: school D has many «понизили» and a negative journal/score Spearman', () => {
    for (const y of YEARS) {
      const rows = present(vpr.get(y)!).filter((r) => r.journal_mark !== '');
      const lowered = (xs: Row[]): number => (100 * xs.filter((r) => +r.mark! < +r.journal_mark!).length) / xs.length;
      expect(lowered(rows.filter((r) => r.school_id === D))).toBeGreaterThanOrEqual(35);
      const rest = lowered(rows.filter((r) => r.school_id !== D));
      expect(rest).toBeGreaterThanOrEqual(8);
      expect(rest).toBeLessThanOrEqual(17);
      for (const id of schoolIds) {
        const m4 = rows.filter((r) => r.school_id === id && r.subject === 'Математика' && r.grade === '4');
        const rho = spearman(m4.map((r) => +r.journal_mark!), m4.map((r) => +r.primary_score!));
        if (id === D && y >= 2023) expect(rho, `D ${y}`).toBeLessThanOrEqual(-0.2);
        if (id === D) expect(rho, `D ${y}`).toBeLessThan(0);
        if (id !== D && m4.length >= 15) expect(rho, `${id} ${y}`).toBeGreaterThan(0);
      }
    }
  });

  it('e: school D is weak at the ОГЭ (Русский язык, Математика)', () => {
    for (const subject of ['Русский язык', 'Математика']) {
      const all = YEARS.flatMap((y) => oge.get(y)!.filter((r) => r.subject === subject));
      const qd = quality(all.filter((r) => r.school_id === D));
      const qm = quality(all);
      expect(qm - qd).toBeGreaterThanOrEqual(10);
    }
  });

  it('f: school E has a peak exactly at the 2→3 boundary in ВПР Математика 4 and 5', () => {
    for (const grade of ['4', '5']) {
      let at = 0;
      let below1 = 0;
      let below2 = 0;
      for (const y of YEARS) {
        const s = scales.get(`ВПР|${y}|Математика|${grade}`)!;
        for (const r of present(vpr.get(y)!)) {
          if (r.school_id !== E || r.subject !== 'Математика' || r.grade !== grade) continue;
          const x = +r.primary_score!;
          if (x === s.min3) at++;
          if (x === s.min3 - 1) below1++;
          if (x === s.min3 - 2) below2++;
        }
      }
      expect(at).toBeGreaterThanOrEqual(3 * Math.max(1, below1));
      expect(at).toBeGreaterThanOrEqual(3 * Math.max(1, below2));
    }
  });
});

describe('sample-data «500+» monitoring files', () => {
  it('cover the 5 ШНОР over 2024 and 2025 with 1–3 activated directions and 2–3 indicators each', () => {
    const p = readTable('risk-profiles.csv');
    expect(p.header.join(',')).toBe('school_id,year,risk_code,level,activated');
    const ind = readTable('risk-indicators.csv');
    expect(ind.header.join(',')).toBe(
      'school_id,year,risk_code,indicator,unit,direction,baseline,target,stage1,evidence1,stage2,evidence2,final,evidence_final,comment');
    const shnor = [A, B, '990118', C, '990119'].sort();
    for (const year of ['2024', '2025']) {
      const rows = p.rows.filter((r) => r.year === year);
      expect([...new Set(rows.map((r) => r.school_id))].sort()).toEqual(shnor);
      for (const id of shnor) {
        const act = rows.filter((r) => r.school_id === id && r.activated === 'да');
        expect(act.length).toBeGreaterThanOrEqual(1);
        expect(act.length).toBeLessThanOrEqual(3);
        for (const a of act) {
          const code = year === '2024' ? a.risk_code : undefined;
          const n = ind.rows.filter((r) => r.school_id === id && r.year === year && (code === undefined || r.risk_code === code)).length;
          expect(n).toBeGreaterThanOrEqual(2);
        }
      }
    }
    const road = readTable('roadmap.csv');
    expect(road.header.join(',')).toBe('number,event,deadline,executor,indicator,target,actual,status');
    expect(road.rows.map((r) => r.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
    expect(road.rows.every((r) => r.executor === 'Муниципальный координатор')).toBe(true);
  });
});
