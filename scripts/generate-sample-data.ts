/**
 * Deterministic generator of a FICTIONAL municipality's assessment results (ВПР, ОГЭ, ЕГЭ) with
 * planted phenomena for the Ориентир demo and tests.
 *
 *   npx tsx scripts/generate-sample-data.ts [--schools N] [--years 2019-2025] [--seed S] [--out DIR]
 *
 * Defaults: 25 schools, 2019–2025, seed 42, out sample-data. Output is byte-identical across runs
 * (seeded PRNG streams, no Math.random, no clock). Rows are streamed to disk school by school, so
 * `--schools 2000` works in bounded memory. A summary of the planted-phenomena checks goes to stderr.
 */
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { rngFor, type Rng } from './lib/prng.ts';
import { encodeCp1251 } from './lib/cp1251.ts';
import { monitoringFiles } from './lib/monitoring-sample.ts';
import {
  CURATORS, EGE_D, EGE_MIN, EGE_SUBJECTS, OGE_SCALES, OGE_SUBJECTS, REGION, TEMPLATE, VILLAGES,
  VPR_SCALES, VPR_SUBJECTS_BY_GRADE, markFor, municipalityName, type Role, type Scale,
} from './lib/sample-model.ts';

// ───────────────────────────── options ─────────────────────────────

type Options = { schools: number; fromYear: number; toYear: number; seed: number; out: string };

function parseArgs(argv: string[]): Options {
  const o: Options = { schools: 25, fromYear: 2019, toYear: 2025, seed: 42, out: 'sample-data' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    const need = (): string => {
      if (v === undefined) throw new Error(`missing value for ${a}`);
      i++;
      return v;
    };
    if (a === '--schools') o.schools = Number.parseInt(need(), 10);
    else if (a === '--seed') o.seed = Number.parseInt(need(), 10);
    else if (a === '--out') o.out = need();
    else if (a === '--years') {
      const m = /^(\d{4})(?:-(\d{4}))?$/.exec(need());
      if (!m) throw new Error('--years expects YYYY or YYYY-YYYY');
      o.fromYear = Number(m[1]);
      o.toYear = Number(m[2] ?? m[1]);
    } else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: generate-sample-data.ts [--schools N] [--years 2019-2025] [--seed S] [--out DIR]\n');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!(o.schools >= 1) || !Number.isFinite(o.seed) || o.fromYear > o.toYear) throw new Error('bad arguments');
  return o;
}

// ───────────────────────────── model parameters ─────────────────────────────

const STUDENT_SD = 0.75; // spread of student ability (logit units)
const COHORT_SD = 0.07; // class-cohort effect
const TEST_NOISE = 0.3; // day-of-test noise
const JOURNAL_NOISE = 0.45; // teacher's journal mark vs. ability
const JOURNAL_BIAS = -0.18; // journal marks slightly stricter than ВПР on average (понизили ≈ 13 %)
const D_SHIFT = 0.05; // global difficulty shift
const ABSENT_VPR = 0.05;
const ABSENT_OGE = 0.02;
const NO_JOURNAL = 0.01;
const D_OGE_PENALTY = -0.3;
const D_INFLATED = 2.0; // logit of the fabricated share of max in school D (ВПР РУ/МА 4–5)

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
const logit = (p: number): number => Math.log(p / (1 - p));
const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);
const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** difficulty so that an average student sits just below the «4» boundary */
function difficulty(sc: Scale): number {
  return logit((sc.min4 - 0.5) / sc.max) + D_SHIFT;
}

// ───────────────────────────── schools ─────────────────────────────

type School = {
  idx: number;
  id: string;
  name: string;
  muni: string;
  muniIdx: number;
  kind: 'СОШ' | 'ООШ' | 'Гимназия' | 'Лицей';
  hasGrade11: boolean;
  level: number;
  trend: number;
  size: number;
  role: Role;
  shnorCohort: number | null;
  sssu: boolean;
  curator: string;
  partnerId: string;
  /** calibrated extra level reached at the end year (ШНОР trajectories) */
  boost: number;
};

const MUNI_COUNT_LARGE = 60;

function buildSchools(o: Options): School[] {
  const schools: School[] = [];
  const nTemplate = Math.min(o.schools, TEMPLATE.length);
  for (let i = 0; i < nTemplate; i++) {
    const t = TEMPLATE[i]!;
    const r = rngFor(o.seed, 'school', i);
    const id = `9901${pad(i + 1, 2)}`;
    schools.push({
      idx: i, id, name: t.name, muni: municipalityName(0), muniIdx: 0, kind: t.kind,
      hasGrade11: t.kind !== 'ООШ', level: t.level + 0.03 * r.normal(),
      trend: t.shnorCohort || t.role === 'D' || t.role === 'E' ? 0 : 0.012 * r.normal(),
      size: t.size, role: t.role, shnorCohort: t.shnorCohort ?? null, sssu: t.sssu ?? false,
      curator: t.curator ?? '', partnerId: '', boost: 0,
    });
  }
  for (let i = 0; i < nTemplate; i++) {
    const p = TEMPLATE[i]!.partner;
    if (p !== undefined && p < nTemplate) schools[i]!.partnerId = schools[p]!.id;
  }
  // Large runs: the remaining schools spread over up to 59 further municipalities.
  const rest = o.schools - nTemplate;
  if (rest > 0) {
    const nMuni = Math.min(MUNI_COUNT_LARGE - 1, Math.max(1, Math.ceil(rest / 20)));
    const perMuni: School[][] = Array.from({ length: nMuni }, () => []);
    for (let k = 0; k < rest; k++) {
      const m = k % nMuni;
      const list = perMuni[m]!;
      const j = list.length + 1;
      if (j > 99) throw new Error('too many schools per municipality (max 99 × 59 + 25)');
      const r = rngFor(o.seed, 'xschool', m, j);
      const u = r.next();
      const kind: School['kind'] = u < 0.04 ? 'Гимназия' : u < 0.07 ? 'Лицей' : u < 0.55 ? 'СОШ' : 'ООШ';
      const village = VILLAGES[r.int(0, VILLAGES.length - 1)]!;
      const name = kind === 'Гимназия' ? `МАОУ «Гимназия № ${j}»`
        : kind === 'Лицей' ? `МАОУ «Лицей № ${j}»`
          : kind === 'ООШ' ? `МКОУ «${village} ООШ»`
            : r.next() < 0.5 ? `МБОУ «СОШ № ${j}»` : `МБОУ «${village} СОШ»`;
      const su = r.next();
      const size = kind === 'ООШ'
        ? (su < 0.7 ? r.int(4, 12) : r.int(12, 22))
        : su < 0.2 ? r.int(8, 14) : su < 0.8 ? r.int(14, 26) : r.int(26, 48);
      const shnorU = r.next();
      const shnorCohort = shnorU < 0.035 ? 2021 : shnorU < 0.06 ? 2022 : null;
      const level = clamp(0.2 * r.normal(), -0.6, 0.6) + (kind === 'Гимназия' || kind === 'Лицей' ? 0.25 : 0)
        + (shnorCohort ? -0.45 : 0) + (kind === 'ООШ' ? -0.1 : 0);
      const s: School = {
        idx: schools.length, id: `99${pad(m + 2, 2)}${pad(j, 2)}`, name,
        muni: municipalityName(m + 1), muniIdx: m + 1, kind, hasGrade11: kind !== 'ООШ',
        level, trend: 0.02 * r.normal(), size, role: '', shnorCohort,
        sssu: !shnorCohort && r.next() < 0.05, curator: shnorCohort ? CURATORS[r.int(0, CURATORS.length - 1)]! : '',
        partnerId: '', boost: 0,
      };
      list.push(s);
      schools.push(s);
    }
    for (const list of perMuni) {
      let best: School | undefined;
      for (const s of list) if (!s.shnorCohort && (!best || s.level > best.level)) best = s;
      for (const s of list) if (s.shnorCohort && best) s.partnerId = best.id;
    }
  }
  return schools;
}

// ───────────────────────────── students ─────────────────────────────

type Student = { code: string; cls: string; base: number };
type Roster = { students: Student[]; cohortEff: number };

/** The class cohort that was in grade 4 in year `c` (stable students, stable codes). */
function roster(seed: number, s: School, c: number): Roster {
  const r = rngFor(seed, 'roster', s.id, c);
  const n = Math.max(3, Math.round(s.size * (0.88 + 0.24 * r.next())));
  const cohortEff = COHORT_SD * r.normal();
  const nClasses = Math.max(1, Math.ceil(n / 30));
  const letters = 'абвгд';
  const students: Student[] = [];
  for (let i = 0; i < n; i++) {
    const letter = letters[Math.min(letters.length - 1, Math.floor((i * nClasses) / n))]!;
    students.push({ code: `${s.id}${pad(c % 100, 2)}${pad(i + 1, 3)}`, cls: letter, base: STUDENT_SD * r.normal() });
  }
  // balanced classes: the cohort's level is the school's level plus cohortEff, not a sampling accident
  const mean = students.reduce((a, x) => a + x.base, 0) / n;
  for (const x of students) x.base -= mean;
  return { students, cohortEff };
}

function levelAt(s: School, y: number, endYear: number): number {
  let l = s.level + s.trend * (y - 2022);
  if (s.shnorCohort !== null && s.boost !== 0 && y > s.shnorCohort) {
    const span = Math.max(1, endYear - s.shnorCohort);
    l += s.boost * Math.min(1, (y - s.shnorCohort) / span);
  }
  return l;
}

type Rec = {
  cls: string; code: string; variant: number | null; score: number | null; mark: number | null;
  journal: number | null; absent: boolean;
};

function subjectEffect(seed: number, s: School, subject: string): number {
  return 0.05 * rngFor(seed, 'subjEff', s.id, subject).normal();
}

/** Journal mark in school D: mostly «5» whatever the student does. */
function journalD(base: number, jn: number): number {
  const z = base + 0.6 * jn;
  return z > -0.55 ? 5 : z > -1.6 ? 4 : 3;
}

function protocol(
  seed: number, endYear: number, s: School, y: number, proc: 'ВПР' | 'ОГЭ', subject: string, grade: number,
  ro: Roster,
): Rec[] {
  const sc = (proc === 'ВПР' ? VPR_SCALES : OGE_SCALES)[`${subject}|${grade}`]!;
  const r: Rng = rngFor(seed, proc, s.id, y, subject, grade);
  const d = difficulty(sc) + subjectEffect(seed, s, subject);
  // school D: the external ОГЭ shows its real (weak) level
  const lvl = levelAt(s, y, endYear) + ro.cohortEff + (s.role === 'D' && proc === 'ОГЭ' ? D_OGE_PENALTY : 0);
  const elective = proc === 'ОГЭ' && (subject === 'Обществознание' || subject === 'География');
  const takeP = subject === 'Обществознание' ? 0.55 : 0.45;
  const inflated = s.role === 'D' && proc === 'ВПР' && (grade === 4 || grade === 5)
    && (subject === 'Математика' || subject === 'Русский язык');
  const pullE = s.role === 'E' && proc === 'ВПР' && subject === 'Математика' && (grade === 4 || grade === 5);
  const out: Rec[] = [];
  for (const st of ro.students) {
    // fixed number of draws per student keeps the streams aligned whatever the role
    const uTake = r.next();
    const uAbs = r.next();
    const uVar = r.next();
    const tn = r.normal();
    const jn = r.normal();
    const uNoJ = r.next();
    const uPull = r.next();
    if (elective && uTake >= takeP) continue;
    const ability = st.base + lvl;
    let journal: number | null;
    if (s.role === 'D') journal = journalD(st.base, jn);
    else {
      const jl = ability + d + JOURNAL_NOISE * jn + JOURNAL_BIAS;
      journal = markFor(sc, Math.round(sc.max * logistic(jl)));
    }
    if (uNoJ < NO_JOURNAL) journal = null;
    const absent = uAbs < (proc === 'ВПР' ? ABSENT_VPR : ABSENT_OGE);
    if (absent) {
      out.push({ cls: st.cls, code: st.code, variant: null, score: null, mark: null, journal, absent });
      continue;
    }
    let lat: number;
    if (inflated) lat = D_INFLATED - 0.7 * st.base + TEST_NOISE * tn;
    else lat = ability + d + TEST_NOISE * tn;
    let score = clamp(Math.round(sc.max * logistic(lat)), 0, sc.max);
    if (pullE && (score === sc.min3 - 1 || score === sc.min3 - 2) && uPull < 0.93) score = sc.min3;
    out.push({
      cls: st.cls, code: st.code, variant: uVar < 0.5 ? 1 : 2, score, mark: markFor(sc, score), journal, absent,
    });
  }
  return out;
}

function vprQuality(seed: number, endYear: number, s: School, y: number): number {
  let n = 0;
  let q = 0;
  for (let g = 4; g <= 8; g++) {
    const ro = roster(seed, s, y - (g - 4));
    for (const subj of VPR_SUBJECTS_BY_GRADE[g]!) {
      for (const rec of protocol(seed, endYear, s, y, 'ВПР', subj, g, ro)) {
        if (rec.mark === null) continue;
        n++;
        if (rec.mark >= 4) q++;
      }
    }
  }
  return n ? (100 * q) / n : NaN;
}

/** Which years a school's ВПР РУ/МА 4–5 mean CI lies above its municipality's (any of the four). */
function coreFlags(seed: number, endYear: number, group: School[], years: number[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const y of years) {
    const muni = new Map<string, Moments>();
    const per = new Map<string, Moments>();
    for (const s of group) {
      for (const g of [4, 5]) {
        const ro = roster(seed, s, y - (g - 4));
        for (const subj of ['Русский язык', 'Математика']) {
          const m = muni.get(`${subj}|${g}`) ?? mom();
          muni.set(`${subj}|${g}`, m);
          const a = mom();
          per.set(`${s.id}|${subj}|${g}`, a);
          for (const r of protocol(seed, endYear, s, y, 'ВПР', subj, g, ro)) {
            if (r.score === null) continue;
            addM(m, r.score);
            addM(a, r.score);
          }
        }
      }
    }
    for (const s of group) {
      let flagged = false;
      for (const [k, m] of muni) {
        const a = per.get(`${s.id}|${k}`)!;
        if (a.n >= 2 && ci(a).lo > ci(m).hi) flagged = true;
      }
      if (flagged) out.set(s.id, [...(out.get(s.id) ?? []), y]);
    }
  }
  return out;
}

/**
 * Keep the municipality clean: a school other than D whose mean CI is above the municipality's in
 * more than one year gets its level nudged down until no such school is left.
 */
function declutter(seed: number, endYear: number, group: School[], years: number[]): void {
  for (let iter = 0; iter < 40; iter++) {
    const flags = coreFlags(seed, endYear, group, years);
    const bad = group.filter((s) => s.role !== 'D' && (flags.get(s.id)?.length ?? 0) > 1);
    if (!bad.length) return;
    for (const s of bad) s.level -= 0.03;
  }
}

/** Planted ШНОР trajectories: pick the boost whose realised quality change is nearest the target. */
const TARGETS: Partial<Record<Role, { target: number; lo: number; hi: number }>> = {
  A: { target: 11, lo: 10, hi: 12 },
  B: { target: 4, lo: 3, hi: 5 },
  C: { target: -6, lo: -8, hi: -4 },
  F1: { target: 0, lo: -2, hi: 2 },
  F2: { target: 0, lo: -2, hi: 2 },
};

function calibrate(seed: number, endYear: number, s: School): void {
  const t = TARGETS[s.role];
  if (!t || s.shnorCohort === null) return;
  s.boost = 0;
  const base = vprQuality(seed, endYear, s, s.shnorCohort);
  let best = 0;
  let bestErr = Infinity;
  for (let k = -60; k <= 80; k++) {
    s.boost = k * 0.02;
    const delta = vprQuality(seed, endYear, s, endYear) - base;
    const err = Math.abs(delta - t.target);
    if (err < bestErr - 1e-9) {
      bestErr = err;
      best = s.boost;
    }
  }
  s.boost = best;
}

// ───────────────────────────── output ─────────────────────────────

class Sink {
  private parts: string[] = [];
  private len = 0;
  private stream: fs.WriteStream;
  bytes = 0;
  rows = 0;
  constructor(file: string, private cp1251: boolean, private eol: string) {
    this.stream = fs.createWriteStream(file);
  }
  async line(fields: Array<string | number | null>, sep: string): Promise<void> {
    const s = fields.map((f) => (f === null ? '' : String(f))).join(sep) + this.eol;
    this.parts.push(s);
    this.len += s.length;
    this.rows++;
    if (this.len > 1 << 18) await this.flush();
  }
  private async flush(): Promise<void> {
    if (!this.parts.length) return;
    const text = this.parts.join('');
    this.parts = [];
    this.len = 0;
    const buf = this.cp1251 ? encodeCp1251(text) : Buffer.from(text, 'utf8');
    this.bytes += buf.length;
    if (!this.stream.write(buf)) await once(this.stream, 'drain');
  }
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const VPR_HEADER = [
  'year', 'procedure', 'subject', 'grade', 'school_id', 'class', 'student_code', 'variant', 'primary_score',
  'max_score', 'mark', 'journal_mark', 'test_score', 'absent',
];
const EGE_HEADER = [
  'year', 'procedure', 'subject', 'grade', 'school_id', 'participants', 'n2', 'n3', 'n4', 'n5', 'mean_score',
  'below_min', 'high_scorers',
];

// ───────────────────────────── statistics for the summary ─────────────────────────────

type Moments = { n: number; sum: number; sum2: number };
const mom = (): Moments => ({ n: 0, sum: 0, sum2: 0 });
function addM(m: Moments, x: number): void {
  m.n++;
  m.sum += x;
  m.sum2 += x * x;
}
function ci(m: Moments): { mean: number; lo: number; hi: number } {
  const mean = m.sum / m.n;
  const v = m.n > 1 ? Math.max(0, (m.sum2 - m.n * mean * mean) / (m.n - 1)) : 0;
  const h = (1.96 * Math.sqrt(v)) / Math.sqrt(m.n);
  return { mean, lo: mean - h, hi: mean + h };
}

function ranks(xs: number[]): number[] {
  const idx = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(xs.length);
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1]![0] === idx[i]![0]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[idx[k]![1]] = avg;
    i = j + 1;
  }
  return r;
}
function spearman(a: number[], b: number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const n = a.length;
  const ma = ra.reduce((x, y) => x + y, 0) / n;
  const mb = rb.reduce((x, y) => x + y, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = ra[i]! - ma;
    const db = rb[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa && sbb ? sab / Math.sqrt(saa * sbb) : NaN;
}

type Stats = {
  quality: Map<string, { n: number; q: number }>; // school|year
  lowered: Map<string, { n: number; low: number }>; // school|year
  ciSchool: Map<string, Moments>; // school|year|subj|grade
  ciMuni: Map<string, Moments>; // muni|year|subj|grade
  spearman: Map<string, { rho: number; n: number }>; // school|year
  histE: Map<string, number>; // grade|offset from min3
  ogeSchool: Map<string, { n: number; q: number }>; // school|year|subj
  ogeMuni: Map<string, { n: number; q: number }>; // muni|year|subj
};

function bump<K>(m: Map<K, { n: number; q: number }>, k: K, good: boolean): void {
  let e = m.get(k);
  if (!e) m.set(k, (e = { n: 0, q: 0 }));
  e.n++;
  if (good) e.q++;
}

// ───────────────────────────── main ─────────────────────────────

async function main(): Promise<void> {
  const t0 = performance.now();
  const o = parseArgs(process.argv.slice(2));
  const years: number[] = [];
  for (let y = o.fromYear; y <= o.toYear; y++) years.push(y);
  const endYear = Math.min(2025, o.toYear);
  fs.mkdirSync(o.out, { recursive: true });

  const schools = buildSchools(o);
  const muni0 = schools.filter((s) => s.muniIdx === 0);
  declutter(o.seed, endYear, muni0, years);
  for (const s of muni0) calibrate(o.seed, endYear, s);

  // schools.csv
  {
    const lines = ['school_id,login,name,municipality,region'];
    for (const s of schools) lines.push([s.id, `sch${s.id}`, s.name, s.muni, REGION].map(csvField).join(','));
    fs.writeFileSync(path.join(o.out, 'schools.csv'), lines.join('\n') + '\n');
  }
  // school-categories.csv
  {
    const lines = ['year,school_id,shnor,sssu,cohort,curator,partner_school_id'];
    for (const y of years) {
      for (const s of schools) {
        const sh = s.shnorCohort !== null && y >= s.shnorCohort;
        lines.push([
          y, s.id, sh ? 1 : 0, s.sssu ? 1 : 0, sh ? s.shnorCohort : null, sh ? s.curator : null, sh ? s.partnerId : null,
        ].map(csvField).join(','));
      }
    }
    fs.writeFileSync(path.join(o.out, 'school-categories.csv'), lines.join('\n') + '\n');
  }
  // grading-scales.csv
  {
    const lines = ['procedure,year,subject,grade,max_score,min_score_3,min_score_4,min_score_5'];
    for (const [proc, table] of [['ВПР', VPR_SCALES], ['ОГЭ', OGE_SCALES]] as const) {
      for (const y of years) {
        for (const [key, sc] of Object.entries(table)) {
          const [subj, grade] = key.split('|');
          lines.push([proc, y, subj!, grade!, sc.max, sc.min3, sc.min4, sc.min5].map(csvField).join(','));
        }
      }
    }
    fs.writeFileSync(path.join(o.out, 'grading-scales.csv'), lines.join('\n') + '\n');
  }
  // «500+» monitoring of the planted ШНОР: risk-profiles.csv, risk-indicators.csv, roadmap.csv
  const monitoring = monitoringFiles(o.seed, muni0.filter((s) => s.shnorCohort !== null).map((s) => ({ id: s.id, role: s.role })));
  for (const [file, text] of Object.entries(monitoring)) fs.writeFileSync(path.join(o.out, file), text);

  const st: Stats = {
    quality: new Map(), lowered: new Map(), ciSchool: new Map(), ciMuni: new Map(), spearman: new Map(),
    histE: new Map(), ogeSchool: new Map(), ogeMuni: new Map(),
  };
  const totals = { vprRows: 0, ogeRows: 0, egeRows: 0, bytes: 0 };

  for (const y of years) {
    const vpr = new Sink(path.join(o.out, `vpr-${y}.csv`), false, '\n');
    const oge = new Sink(path.join(o.out, `oge-${y}.csv`), true, '\r\n');
    const ege = new Sink(path.join(o.out, `ege-${y}.csv`), true, '\r\n');
    await vpr.line(VPR_HEADER, ',');
    await oge.line(VPR_HEADER, ';');
    await ege.line(EGE_HEADER, ';');
    for (const s of schools) {
      // ВПР
      for (let g = 4; g <= 8; g++) {
        const ro = roster(o.seed, s, y - (g - 4));
        for (const subj of VPR_SUBJECTS_BY_GRADE[g]!) {
          const sc = VPR_SCALES[`${subj}|${g}`]!;
          const recs = protocol(o.seed, endYear, s, y, 'ВПР', subj, g, ro);
          const core = (subj === 'Математика' || subj === 'Русский язык') && g <= 5;
          const sj: number[] = [];
          const ss: number[] = [];
          for (const r of recs) {
            await vpr.line([
              y, 'ВПР', subj, g, s.id, `${g}${r.cls}`, r.code, r.variant, r.score, sc.max, r.mark, r.journal, null,
              r.absent ? 1 : 0,
            ], ',');
            if (r.mark === null || r.score === null) continue;
            bump(st.quality, `${s.id}|${y}`, r.mark >= 4);
            if (r.journal !== null) {
              const k = `${s.id}|${y}`;
              let e = st.lowered.get(k);
              if (!e) st.lowered.set(k, (e = { n: 0, low: 0 }));
              e.n++;
              if (r.mark < r.journal) e.low++;
              if (subj === 'Математика' && g === 4) {
                sj.push(r.journal);
                ss.push(r.score);
              }
            }
            if (core) {
              const ks = `${s.id}|${y}|${subj}|${g}`;
              const km = `${s.muniIdx}|${y}|${subj}|${g}`;
              if (!st.ciSchool.has(ks)) st.ciSchool.set(ks, mom());
              if (!st.ciMuni.has(km)) st.ciMuni.set(km, mom());
              addM(st.ciSchool.get(ks)!, r.score);
              addM(st.ciMuni.get(km)!, r.score);
            }
            if (s.role === 'E' && subj === 'Математика' && g <= 5) {
              const k = `${g}|${r.score - sc.min3}`;
              st.histE.set(k, (st.histE.get(k) ?? 0) + 1);
            }
          }
          if (sj.length) st.spearman.set(`${s.id}|${y}`, { rho: spearman(sj, ss), n: sj.length });
        }
      }
      // ОГЭ
      const ro9 = roster(o.seed, s, y - 5);
      for (const subj of OGE_SUBJECTS) {
        const sc = OGE_SCALES[`${subj}|9`]!;
        for (const r of protocol(o.seed, endYear, s, y, 'ОГЭ', subj, 9, ro9)) {
          await oge.line([
            y, 'ОГЭ', subj, 9, s.id, `9${r.cls}`, r.code, r.variant, r.score, sc.max, r.mark, r.journal, null,
            r.absent ? 1 : 0,
          ], ';');
          if (r.mark === null) continue;
          bump(st.ogeSchool, `${s.id}|${y}|${subj}`, r.mark >= 4);
          bump(st.ogeMuni, `${s.muniIdx}|${y}|${subj}`, r.mark >= 4);
        }
      }
      // ЕГЭ (school level)
      if (s.hasGrade11) for (const row of egeRows(o.seed, endYear, s, y)) await ege.line(row, ';');
    }
    await vpr.close();
    await oge.close();
    await ege.close();
    totals.vprRows += vpr.rows - 1;
    totals.ogeRows += oge.rows - 1;
    totals.egeRows += ege.rows - 1;
    totals.bytes += vpr.bytes + oge.bytes + ege.bytes;
  }
  for (const f of ['schools.csv', 'school-categories.csv', 'grading-scales.csv', ...Object.keys(monitoring)]) {
    totals.bytes += fs.statSync(path.join(o.out, f)).size;
  }

  const ok = summary(o, schools, years, endYear, st);
  const secs = (performance.now() - t0) / 1000;
  process.stderr.write(
    `\nrows: ВПР ${totals.vprRows}, ОГЭ ${totals.ogeRows}, ЕГЭ ${totals.egeRows}; ` +
    `${(totals.bytes / 1e6).toFixed(1)} MB in ${o.out}; ${secs.toFixed(1)} s\n`,
  );
  if (!ok) process.stderr.write('WARNING: some planted-phenomena checks did not hold\n');
}

function egeRows(seed: number, endYear: number, s: School, y: number): Array<Array<string | number | null>> {
  const ro = roster(seed, s, y - 7);
  const r = rngFor(seed, 'ЕГЭ', s.id, y);
  const lvl = levelAt(s, y, endYear) + ro.cohortEff;
  const sel = rngFor(seed, 'grade11', s.id, y - 7);
  const scores = new Map<string, number[]>(EGE_SUBJECTS.map((x) => [x, []]));
  for (const stu of ro.students) {
    const uStay = sel.next();
    if (uStay > 0.5 + 0.2 * Math.tanh(stu.base)) continue; // about half stay on for grades 10–11
    const a = stu.base + lvl;
    const uProf = r.next();
    const uSoc = r.next();
    const uBio = r.next();
    const uHis = r.next();
    const noise = [r.normal(), r.normal(), r.normal(), r.normal(), r.normal()];
    const test = (subj: string, k: number): number =>
      clamp(Math.round(100 * logistic(0.9 * a + EGE_D[subj]! + 0.35 * noise[k]!)), 0, 100);
    scores.get('Русский язык')!.push(test('Русский язык', 0));
    if (uProf < 0.4 + 0.25 * Math.tanh(a)) scores.get('Математика профильная')!.push(test('Математика профильная', 1));
    else {
      const z = a + 0.5 * noise[1]!;
      scores.get('Математика базовая')!.push(z < -1.9 ? 2 : z < -0.7 ? 3 : z < 0.3 ? 4 : 5);
    }
    if (uSoc < 0.45) scores.get('Обществознание')!.push(test('Обществознание', 2));
    if (uBio < 0.2) scores.get('Биология')!.push(test('Биология', 3));
    if (uHis < 0.15) scores.get('История')!.push(test('История', 4));
  }
  const rows: Array<Array<string | number | null>> = [];
  const dec = (x: number): string => (Math.round(x * 10) / 10).toFixed(1).replace('.', ',');
  for (const subj of EGE_SUBJECTS) {
    const xs = scores.get(subj)!;
    if (!xs.length) continue;
    const mean = xs.reduce((p, q) => p + q, 0) / xs.length;
    if (subj === 'Математика базовая') {
      const c = [2, 3, 4, 5].map((m) => xs.filter((x) => x === m).length);
      rows.push([y, 'ЕГЭ', subj, 11, s.id, xs.length, c[0]!, c[1]!, c[2]!, c[3]!, dec(mean), c[0]!, null]);
    } else {
      const below = xs.filter((x) => x < EGE_MIN[subj]!).length;
      const high = xs.filter((x) => x >= 81).length;
      rows.push([y, 'ЕГЭ', subj, 11, s.id, xs.length, null, null, null, null, dec(mean), below, high]);
    }
  }
  return rows;
}

// ───────────────────────────── summary ─────────────────────────────

function summary(o: Options, schools: School[], years: number[], endYear: number, st: Stats): boolean {
  const w = (s: string): void => void process.stderr.write(s + '\n');
  let ok = true;
  const check = (cond: boolean, msg: string): void => {
    if (!cond) ok = false;
    w(`  [${cond ? 'ok' : 'FAIL'}] ${msg}`);
  };
  const q = (id: string, y: number): number => {
    const e = st.quality.get(`${id}|${y}`);
    return e ? (100 * e.q) / e.n : NaN;
  };
  const f1 = (x: number): string => x.toFixed(1);
  const muni0 = schools.filter((s) => s.muniIdx === 0);
  w(`Orientir sample data: ${schools.length} schools, ${years[0]}–${years[years.length - 1]}, seed ${o.seed}`);

  // municipality-wide ВПР quality and понизили (municipality 1)
  for (const y of years) {
    let n = 0;
    let qq = 0;
    let ln = 0;
    let low = 0;
    for (const s of muni0) {
      const e = st.quality.get(`${s.id}|${y}`);
      if (e) {
        n += e.n;
        qq += e.q;
      }
      const l = st.lowered.get(`${s.id}|${y}`);
      if (l && s.role !== 'D') {
        ln += l.n;
        low += l.low;
      }
    }
    w(`  ${y}: municipality ВПР quality ${f1((100 * qq) / n)} % (n=${n}); понизили (without D) ${f1((100 * low) / ln)} %`);
  }

  w('ШНОР trajectories (ВПР quality, all subjects and grades pooled, present participants):');
  for (const s of muni0) {
    const t = TARGETS[s.role];
    if (!t || s.shnorCohort === null) continue;
    const b = q(s.id, s.shnorCohort);
    const e = q(s.id, endYear);
    const traj = years.map((y) => `${y}:${f1(q(s.id, y))}`).join(' ');
    w(`  ${s.role} ${s.id} ${s.name} (cohort ${s.shnorCohort}, boost ${s.boost.toFixed(2)}): ${traj}`);
    if (years.includes(s.shnorCohort) && years.includes(endYear)) {
      check(e - b >= t.lo && e - b <= t.hi,
        `${s.role}: ${s.shnorCohort} ${f1(b)} → ${endYear} ${f1(e)}  Δ = ${(e - b >= 0 ? '+' : '') + f1(e - b)} p.p. (want ${t.lo}..${t.hi})`);
    }
  }

  // inflated mean flags (ВПР РУ/МА 4–5)
  const flagYears = new Map<string, number[]>();
  for (const s of schools) {
    for (const y of years) {
      let flagged = false;
      for (const subj of ['Русский язык', 'Математика']) {
        for (const g of [4, 5]) {
          const a = st.ciSchool.get(`${s.id}|${y}|${subj}|${g}`);
          const m = st.ciMuni.get(`${s.muniIdx}|${y}|${subj}|${g}`);
          if (!a || !m || a.n < 2) continue;
          if (ci(a).lo > ci(m).hi) flagged = true;
        }
      }
      if (flagged) {
        if (!flagYears.has(s.id)) flagYears.set(s.id, []);
        flagYears.get(s.id)!.push(y);
      }
    }
  }
  const D = muni0.find((s) => s.role === 'D');
  const E = muni0.find((s) => s.role === 'E');
  if (D) {
    w(`School D ${D.id} ${D.name}:`);
    for (const y of years) {
      const parts: string[] = [];
      let all = true;
      for (const subj of ['Русский язык', 'Математика']) {
        for (const g of [4, 5]) {
          const a = ci(st.ciSchool.get(`${D.id}|${y}|${subj}|${g}`)!);
          const m = ci(st.ciMuni.get(`0|${y}|${subj}|${g}`)!);
          if (!(a.lo > m.hi)) all = false;
          parts.push(`${subj === 'Математика' ? 'МА' : 'РУ'}${g} ${f1(a.mean)} [${f1(a.lo)}; ${f1(a.hi)}] vs ${f1(m.mean)} [${f1(m.lo)}; ${f1(m.hi)}]`);
        }
      }
      check(all, `${y} CI of mean above municipality in all of РУ/МА 4–5: ${parts.join('; ')}`);
    }
    for (const y of years) {
      const l = st.lowered.get(`${D.id}|${y}`)!;
      const sp = st.spearman.get(`${D.id}|${y}`)!;
      check((100 * l.low) / l.n >= 35 && sp.rho <= -0.2,
        `${y} понизили ${f1((100 * l.low) / l.n)} % (n=${l.n}); Spearman(journal, score) МА4 = ${sp.rho.toFixed(2)} (n=${sp.n})`);
    }
    for (const subj of ['Русский язык', 'Математика']) {
      const parts: string[] = [];
      let below = true;
      const pa = { n: 0, q: 0 };
      const pm = { n: 0, q: 0 };
      for (const y of years) {
        const a = st.ogeSchool.get(`${D.id}|${y}|${subj}`);
        const m = st.ogeMuni.get(`0|${y}|${subj}`);
        if (!a || !m) continue;
        const qa = (100 * a.q) / a.n;
        const qm = (100 * m.q) / m.n;
        if (!(qa < qm - 5)) below = false;
        pa.n += a.n;
        pa.q += a.q;
        pm.n += m.n;
        pm.q += m.q;
        parts.push(`${y}: ${f1(qa)} vs ${f1(qm)} (n=${a.n})`);
      }
      const dq = (100 * pa.q) / pa.n - (100 * pm.q) / pm.n;
      check(below && dq <= -15,
        `ОГЭ ${subj} quality D vs municipality (each year ≥5 p.p. below, pooled ≥15 p.p. below; pooled ${f1((100 * pa.q) / pa.n)} vs ${f1((100 * pm.q) / pm.n)}): ${parts.join('; ')}`);
    }
  }
  if (E) {
    w(`School E ${E.id} ${E.name} — ВПР Математика histogram around min_score_3 (pooled over years):`);
    let at = 0;
    let m1 = 0;
    for (const g of [4, 5]) {
      const h = (k: number): number => st.histE.get(`${g}|${k}`) ?? 0;
      w(`  grade ${g}: −3:${h(-3)} −2:${h(-2)} −1:${h(-1)} at:${h(0)} +1:${h(1)} +2:${h(2)}`);
      at += h(0);
      m1 += h(-1);
    }
    check(at >= 3 * Math.max(1, m1), `E: ${at} at min_score_3 vs ${m1} at min_score_3 − 1`);
  }
  // clean elsewhere (municipality 1)
  const others = muni0.filter((s) => s.role !== 'D');
  const multi = others.filter((s) => (flagYears.get(s.id)?.length ?? 0) > 1);
  const single = others.filter((s) => (flagYears.get(s.id)?.length ?? 0) === 1);
  check(multi.length === 0,
    `no other school flagged (CI above) in more than one year; flagged once: ${single.map((s) => `${s.id}(${flagYears.get(s.id)!.join(',')})`).join(' ') || 'none'}` +
    (multi.length ? `; MULTI: ${multi.map((s) => `${s.id}(${flagYears.get(s.id)!.join(',')})`).join(' ')}` : ''));
  const neg: string[] = [];
  let minRho = Infinity;
  for (const s of others) {
    for (const y of years) {
      const sp = st.spearman.get(`${s.id}|${y}`);
      if (!sp) continue;
      if (sp.n >= 15) minRho = Math.min(minRho, sp.rho);
      if (sp.n >= 15 && sp.rho < 0) neg.push(`${s.id}/${y}`);
    }
  }
  check(neg.length === 0, `no other school with negative Spearman in МА4 (n ≥ 15); minimum ρ = ${minRho.toFixed(2)}`);
  let lowMax = 0;
  for (const s of others) {
    for (const y of years) {
      const l = st.lowered.get(`${s.id}|${y}`);
      if (l) lowMax = Math.max(lowMax, (100 * l.low) / l.n);
    }
  }
  w(`  max понизили among other schools: ${f1(lowMax)} %`);
  if (schools.length > muni0.length) {
    const flaggedAll = [...flagYears.keys()].length;
    w(`all municipalities: ${flaggedAll} schools flagged (CI above) in at least one year`);
  }
  const shnor = new Set(schools.filter((s) => s.shnorCohort !== null && years.some((y) => y >= s.shnorCohort!)).map((s) => s.id));
  const sssu = schools.filter((s) => s.sssu).length;
  if (schools.length === TEMPLATE.length) check(shnor.size === 5 && sssu === 2, `categories: ${shnor.size} ШНОР, ${sssu} ШССУ`);
  return ok;
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
