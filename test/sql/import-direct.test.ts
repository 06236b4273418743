import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/db/engine.ts';
import { importFile, type ImportStage } from '../../src/db/import-file.ts';
import { freshEngine, recordingEngine } from '../helpers.ts';

/**
 * The typed paths' direct merge (a canonical student file goes from the file — stream path — or
 * from `fast` straight into `student_results`, checked inside the merge transaction): a file it refuses there is rolled back
 * and reported by the text path, stages never announce «saving» for it, a cancel before saving
 * leaves nothing, and a good file lands once.
 */
const HEAD = 'year;procedure;subject;grade;school_id;class;student_code;variant;primary_score;max_score;mark;journal_mark;test_score;absent';
const row = (i: number, score = 10 + (i % 10)) => `2024;ОГЭ;Математика;9;22${String(i % 7).padStart(4, '0')};9а;s${i};1;${score};31;${score < 15 ? 3 : 4};4;;0`;
const file = (lines: string[]) => new TextEncoder().encode([HEAD, ...lines].join('\n') + '\n');
const good = Array.from({ length: 5000 }, (_, i) => row(i));

async function run(engine: Engine, bytes: Uint8Array, signal?: AbortSignal, abortAt?: ImportStage) {
  const stages: ImportStage[] = [];
  const controller = new AbortController();
  const { engine: watched, sql } = recordingEngine(engine);
  const r = await importFile(watched, 'f.csv', bytes, {
    signal: signal ?? controller.signal,
    onStage: (s) => {
      stages.push(s);
      if (s === abortAt) controller.abort();
    },
  });
  // Straight into student_results: from the file (stream path) or from `fast` (fast path).
  const direct = sql.some((s) => /^INSERT INTO student_results \([^)]*\)\s*SELECT[\s\S]*FROM (fast src|read_csv)/.test(s));
  return { r, stages, direct, sql };
}

const counts = async (e: Engine) => (await e.query<{ s: number; r: number; i: number; n: number }>(
  `SELECT (SELECT count(*) FROM student_results)::INTEGER AS s, (SELECT count(*) FROM school_results)::INTEGER AS r,
     (SELECT count(*) FROM imports)::INTEGER AS i, (SELECT count(*) FROM score_histogram)::INTEGER AS n`,
))[0]!;

describe('import fast path, direct merge', () => {
  it('a good file goes in directly, once; a re-import of other rows of a school replaces them', async () => {
    const engine = await freshEngine();
    try {
      const a = await run(engine, file(good));
      expect(a.r.status).toBe('ok');
      expect(a.direct).toBe(true);
      expect(a.sql.some((s) => s.startsWith('CREATE TEMP TABLE norm'))).toBe(false);
      expect(a.stages).toEqual(['reading', 'recognising', 'checking', 'saving']);
      expect((await counts(engine)).s).toBe(5000);
      // School 220000 again, 3 students instead of its 715: the slice's other schools stay.
      const b = await run(engine, file([row(0, 20), row(7, 21), row(14, 22)]));
      expect(b.r.status).toBe('ok');
      expect(b.direct).toBe(true);
      const [n] = await engine.query<{ n: number; s: number }>(
        `SELECT count(*)::INTEGER AS n, sum(primary_score)::INTEGER AS s FROM student_results WHERE school_id = '220000'`,
      );
      expect(n).toEqual({ n: 3, s: 63 });
      expect((await counts(engine)).s).toBe(5000 - 715 + 3);
    } finally {
      await engine.close();
    }
  });

  it('a duplicate student or a score over the maximum deep in the file: rolled back, reported by the text path, nothing changed', async () => {
    const engine = await freshEngine();
    try {
      expect((await run(engine, file(good.slice(0, 100)))).r.status).toBe('ok');
      const before = await counts(engine);
      const duplicate = await run(engine, file([...good, row(4321)]));
      expect(duplicate.direct).toBe(true);
      expect(duplicate.r.status).toBe('failed');
      expect(duplicate.stages).toEqual(['reading', 'recognising', 'checking']);
      expect(duplicate.r.problems.map((p) => [p.row, p.expected])).toEqual([
        [4323, 'строка встречается в файле один раз'],
        [5002, 'строка встречается в файле один раз'],
      ]);
      const over = await run(engine, file([...good.slice(0, 4000), row(4000, 40)]));
      expect(over.r.status).toBe('failed');
      expect(over.r.problems).toEqual([expect.objectContaining({ row: 4002, value: '40', expected: 'первичный балл не больше максимального' })]);
      expect(await counts(engine)).toEqual(before);
    } finally {
      await engine.close();
    }
  });

  it('cancelled while checking: nothing written, «saving» never announced', async () => {
    const engine = await freshEngine();
    try {
      const c = await run(engine, file(good), undefined, 'checking');
      expect(c.r).toMatchObject({ status: 'failed', cancelled: true });
      expect(c.stages).toEqual(['reading', 'recognising', 'checking']);
      expect(await counts(engine)).toEqual({ s: 0, r: 0, i: 0, n: 0 });
    } finally {
      await engine.close();
    }
  });
});
