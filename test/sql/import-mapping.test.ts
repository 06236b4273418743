import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerSignature, matchFromMapping } from '../../src/core/layouts/mapping.ts';
import type { Engine } from '../../src/db/engine.ts';
import { importFile } from '../../src/db/import-file.ts';
import { freshEngine, snapshot } from '../helpers.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const FILE = [
  'Сводка ГИА по школам',
  'Учебный год;Экзамен;Дисциплина;Ступень;Школа (код);Сдавали;Средний результат;Не сдали',
  '2025;ОГЭ;Математика;9;990101;40;15,5;3',
  '2025;ОГЭ;Математика;9;990102;31;17,25;1',
].join('\n');

/** An unknown layout: the importer says so with a preview; a user's column mapping imports it as a template. */
describe('column mapping for unrecognised files', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await freshEngine();
  });
  afterAll(() => engine.close());

  it('refuses an unknown layout with a preview of its first rows, changing nothing', async () => {
    const before = await snapshot(engine);
    const r = await importFile(engine, 'svodka.csv', enc(FILE));
    expect(r.status).toBe('failed');
    expect(r.preview?.[1]?.[0]).toBe('Учебный год');
    expect(r.preview?.length).toBe(4);
    expect(await snapshot(engine)).toEqual(before);
  });

  it('reports required fields left unmapped', async () => {
    const r = await importFile(engine, 'svodka.csv', enc(FILE), {
      mapping: { layoutId: 'canonical-school-results', headerRow: 1, columns: { year: 0, procedure: 1, subject: 2 } },
    });
    expect(r.status).toBe('failed');
    expect(r.problems[0]?.value).toBe('не сопоставлены: «параллель», «код ОО», «участников»');
  });

  it('imports with the mapping through the same checks, and files of the same shape share the signature', async () => {
    const mapping = {
      layoutId: 'canonical-school-results',
      headerRow: 1,
      columns: { year: 0, procedure: 1, subject: 2, grade: 3, school_id: 4, participants: 5, mean_score: 6, below_min: 7 },
    };
    const r = await importFile(engine, 'svodka.csv', enc(FILE), { mapping });
    expect(r).toMatchObject({ status: 'ok', rows: 2, format: 'Результаты по школам (шаблон Ориентира)' });
    expect(await engine.query(`SELECT school_id, participants, mean_score, below_min FROM school_results ORDER BY 1`)).toEqual([
      { school_id: '990101', participants: 40, mean_score: 15.5, below_min: 3 },
      { school_id: '990102', participants: 31, mean_score: 17.25, below_min: 1 },
    ]);
    const header = FILE.split('\n')[1]!.split(';');
    expect(headerSignature(header)).toBe(headerSignature(header.map((h) => ` ${h.toUpperCase()} `)));
    expect(matchFromMapping(mapping, header).missing).toEqual([]);
  });

  it('still validates mapped data: a bad value is reported with its row and column', async () => {
    const bad = FILE.replace('990102;31;', '990102;-31;');
    const r = await importFile(engine, 'svodka2.csv', enc(bad), {
      mapping: { layoutId: 'canonical-school-results', headerRow: 1, columns: { year: 0, procedure: 1, subject: 2, grade: 3, school_id: 4, participants: 5 } },
    });
    expect(r.status).toBe('failed');
    expect(r.problems[0]).toMatchObject({ row: 4, column: 'участников', value: '-31' });
  });
});
