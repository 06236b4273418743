/**
 * Faults on the real engine: a failure inside the merge transaction keeps the old data; a workspace
 * saved, loaded into a fresh engine and saved again is the same bytes (after imports and removals);
 * a corrupted workspace file is refused with a Russian message and changes nothing.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/db/engine.ts';
import { importFile } from '../../src/db/import-file.ts';
import { removeImport } from '../../src/db/remove-import.ts';
import { loadWorkspace, saveWorkspace } from '../../src/db/workspace.ts';
import { freshEngine, importPath, importSample, REAL_MATH4_CSV, snapshot } from '../helpers.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const STUDENTS = (code: string, score: number) =>
  `year,procedure,subject,grade,school_id,class,student_code,variant,primary_score,max_score,mark,journal_mark,test_score,absent\n` +
  `2024,ВПР,Математика,4,990101,4а,${code}1,1,${score},20,4,4,,0\n2024,ВПР,Математика,4,990102,4б,${code}2,1,${score},20,4,5,,0\n`;

/**
 * An engine that throws on the Nth exec once a transaction has begun (BEGIN counts as the first):
 * a crash in the middle of merging.
 */
function failingInTransaction(engine: Engine, n: number): Engine & { fired: boolean; faulted: string } {
  let inTx = false;
  let count = 0;
  const wrapped = {
    fired: false,
    faulted: '',
    query: engine.query.bind(engine),
    registerFile: engine.registerFile.bind(engine),
    dropFile: engine.dropFile.bind(engine),
    scratchPath: engine.scratchPath.bind(engine),
    readFile: engine.readFile.bind(engine),
    close: engine.close.bind(engine),
    async exec(sql: string) {
      if (/^\s*BEGIN/i.test(sql)) inTx = true;
      if (inTx && !/^\s*ROLLBACK/i.test(sql) && ++count === n) {
        wrapped.fired = true;
        wrapped.faulted = sql;
        inTx = false;
        throw new Error(`injected fault at exec #${n} of the merge`);
      }
      if (/^\s*(COMMIT|ROLLBACK)/i.test(sql)) inTx = false;
      return engine.exec(sql);
    },
  };
  return wrapped as Engine & { fired: boolean; faulted: string };
}

describe('a fault inside the merge transaction keeps the old data', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await freshEngine();
    expect((await importFile(engine, 'old.csv', enc(STUDENTS('o', 10)))).status).toBe('ok');
  });
  afterAll(() => engine.close());

  // Merging a canonical student file runs ~40 execs in one transaction: BEGIN, the checked insert
  // straight from the typed rows, the slice DELETEs and school results, the schools insert, the
  // refresh of every derived table, the imports insert, COMMIT. A fault at each of them, one import
  // per position, until an import runs to its end without reaching the fault.
  it('a fault at every exec of the merge: the import fails and the snapshot is unchanged', { timeout: 300_000 }, async () => {
    let positions = 0;
    let handedOver = 0;
    for (let n = 1; ; n++) {
      const before = await snapshot(engine);
      const faulty = failingInTransaction(engine, n);
      let error: unknown;
      let result: Awaited<ReturnType<typeof importFile>> | undefined;
      try {
        result = await importFile(faulty, `new-${n}.csv`, enc(STUDENTS(`n${n}-`, 15)));
      } catch (e) {
        error = e;
      }
      if (faulty.fired && /^INSERT INTO student_results \([^)]*\)\s*SELECT[\s\S]*FROM read_csv/.test(faulty.faulted)) {
        // The stream path's insert reads the file itself, so any error of it may be the file's: it
        // rolls back and hands the file to the fast path (import-stream.ts), which imports it.
        handedOver++;
        expect(result, `exec #${n}`).toMatchObject({ status: 'ok', rows: 2 });
        await removeImport(engine, result!.importId!);
        continue;
      }
      if (!faulty.fired) {
        // Past the last exec: this import went through; take it out again for the next test.
        await removeImport(engine, (await engine.query<{ id: number }>('SELECT max(id)::INTEGER AS id FROM imports'))[0]!.id);
        break;
      }
      positions++;
      expect(String(error), `exec #${n}`).toContain('injected fault');
      expect(await snapshot(engine), `exec #${n}`).toEqual(before);
      // The engine is still usable: no transaction left open, no temp tables left behind.
      expect(await engine.query(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE temporary AND table_name IN ('stg', 'src', 'norm', 'fast', 'subject_map')`)).toEqual([{ n: 0 }]);
    }
    expect(positions).toBeGreaterThan(30);
    expect(handedOver).toBe(1);
  });

  it('after all those faults the same file still imports normally', async () => {
    const r = await importFile(engine, 'new.csv', enc(STUDENTS('n', 15)));
    expect(r).toMatchObject({ status: 'ok', rows: 2 });
    expect(await engine.query(`SELECT count(*)::INTEGER AS n, min(primary_score) AS s FROM student_results`)).toEqual([{ n: 2, s: 15 }]);
  });
});

describe('workspace export re-opens byte for byte', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await freshEngine();
    await importSample(engine);
  });
  afterAll(() => engine.close());

  const roundTrip = async () => {
    const saved = await saveWorkspace(engine);
    const fresh = await freshEngine();
    try {
      await loadWorkspace(fresh, saved);
      const again = await saveWorkspace(fresh);
      expect(again.length).toBe(saved.length);
      expect(Buffer.from(again).equals(Buffer.from(saved))).toBe(true);
    } finally {
      await fresh.close();
    }
    return saved;
  };

  it('after the sample import', { timeout: 120_000 }, async () => {
    await roundTrip();
  });

  it('after more imports (one replacing a slice) and the removal of another import', { timeout: 120_000 }, async () => {
    expect((await importFile(engine, 'extra.csv', enc(STUDENTS('e', 11)))).status).toBe('ok');
    expect((await importFile(engine, 'extra-2.csv', enc(STUDENTS('f', 13)))).status).toBe('ok');
    const [first] = await engine.query<{ id: number }>('SELECT min(id)::INTEGER AS id FROM imports');
    await removeImport(engine, first!.id);
    await roundTrip();
  });
});

describe('workspace export of a real ФИС ОКО import re-opens byte for byte', () => {
  it('26 666 student rows', { timeout: 120_000 }, async () => {
    const engine = await freshEngine();
    try {
      expect((await importPath(engine, REAL_MATH4_CSV)).status).toBe('ok');
      const saved = await saveWorkspace(engine);
      const fresh = await freshEngine();
      await loadWorkspace(fresh, saved);
      expect(Buffer.from(await saveWorkspace(fresh)).equals(Buffer.from(saved))).toBe(true);
      await fresh.close();
    } finally {
      await engine.close();
    }
  });
});

describe('a corrupted workspace file is refused and changes nothing', () => {
  let engine: Engine;
  let good: Uint8Array;
  let before: Uint8Array;
  beforeAll(async () => {
    engine = await freshEngine();
    expect((await importFile(engine, 'a.csv', enc(STUDENTS('w', 12)))).status).toBe('ok');
    good = await saveWorkspace(engine);
    // The engine then holds different data than `good`, so a partial load would show.
    expect((await importFile(engine, 'b.csv', enc(STUDENTS('x', 7)))).status).toBe('ok');
    before = await snapshot(engine);
  });
  afterAll(() => engine.close());

  const text = () => new TextDecoder().decode(good);
  const headerOf = (s: string) => JSON.parse(s.split('\n')[1]!) as { tables: Array<{ name: string; rows: number; bytes: number }> };
  const withHeader = (edit: (h: ReturnType<typeof headerOf>) => void) => {
    const s = text();
    const lines = s.split('\n');
    const h = headerOf(s);
    edit(h);
    lines[1] = JSON.stringify(h);
    return enc(lines.join('\n'));
  };

  const cases: Array<{ name: string; bytes: () => Uint8Array; message: RegExp }> = [
    { name: 'empty file', bytes: () => new Uint8Array(), message: /не является рабочей областью/ },
    { name: 'wrong magic', bytes: () => enc(text().replace('ORIENTIR-WORKSPACE', 'ORIENTIR-WORKSPACF')), message: /не является рабочей областью/ },
    { name: 'a CSV instead', bytes: () => readFileSync(REAL_MATH4_CSV).subarray(0, 5000), message: /не является рабочей областью/ },
    { name: 'truncated in the header', bytes: () => good.subarray(0, 40), message: /повреждена/ },
    { name: 'truncated in the data', bytes: () => good.subarray(0, good.length - 200), message: /повреждена/ },
    { name: 'truncated to half', bytes: () => good.subarray(0, good.length >> 1), message: /повреждена/ },
    { name: 'header is not JSON', bytes: () => enc(text().replace('{"schemaVersion"', '{schemaVersion')), message: /повреждена/ },
    { name: 'wrong row count', bytes: () => withHeader((h) => (h.tables.find((t) => t.name === 'student_results')!.rows += 1)), message: /повреждена: в таблице student_results/ },
    { name: 'a table that is not ours', bytes: () => withHeader((h) => (h.tables[1]!.name = 'pg_shadow')), message: /Неизвестная таблица в рабочей области: pg_shadow/ },
    { name: 'an SQL name as a table', bytes: () => withHeader((h) => (h.tables[1]!.name = 'schools; DROP TABLE imports; --')), message: /Неизвестная таблица/ },
    { name: 'negative byte count', bytes: () => withHeader((h) => (h.tables[2]!.bytes = -5)), message: /повреждена/ },
    { name: 'a longer value in a table', bytes: () => enc(text().replace('2024,ВПР,Математика,4,990101', '2024,ВПР,Математика,четыре,990101')), message: /повреждена: данных/ },
    { name: 'garbage of the same length in a table', bytes: () => enc(text().replace('2024,ВПР,Математика,4,990101', '2024,ВПР,Математика,X,990101')), message: /повреждена: таблица student_results не читается/ },
  ];

  it.each(cases)('$name: refused in Russian, nothing changed', async (c) => {
    let error: unknown;
    try {
      await loadWorkspace(engine, c.bytes());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(c.message);
    expect((error as Error).message).toMatch(/[а-яё]/i);
    expect(await snapshot(engine)).toEqual(before);
  });

  it('the good file still loads afterwards', async () => {
    await loadWorkspace(engine, good);
    expect(await engine.query(`SELECT min(student_code) AS c FROM student_results`)).toEqual([{ c: 'w1' }]);
  });
});
