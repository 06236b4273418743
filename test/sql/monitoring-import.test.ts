/**
 * «500+» monitoring templates through the real importer: accepted variations, Russian errors that
 * change nothing, and the roadmap deadline rules in SQL giving the same dates as in TypeScript.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDeadline } from '../../src/core/monitoring/deadline.ts';
import type { Engine } from '../../src/db/engine.ts';
import { importFile } from '../../src/db/import-file.ts';
import { DEADLINE_CASES } from '../unit/deadline-cases.ts';
import { freshEngine, snapshot } from '../helpers.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const csv = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
let seq = 0;

describe('monitoring import', () => {
  let engine: Engine;
  const load = (text: string) => importFile(engine, `f${++seq}.csv`, enc(text));
  beforeAll(async () => {
    engine = await freshEngine();
    expect((await load('school_id,name\n990116,Школа А\n990117,Школа Б\n')).status).toBe('ok');
  });
  afterAll(() => engine.close());

  it('reads Russian headers, factor names and value variations', async () => {
    const profiles = [
      'Код ОО;Год;Рисковый фактор;Уровень риска;Активировано',
      'sch990116;2025;1. Низкий уровень оснащения школы;Высокий;да',
      'sch990116;2025;Дефицит пед. кадров — нет, так не узнать;средний;нет',
    ].join('\n');
    const bad = await load(profiles + '\n');
    expect(bad.status).toBe('failed');
    expect(bad.problems.map((p) => [p.row, p.column, p.expected])).toEqual([
      [3, 'рисковый фактор', 'рисковый фактор из справочника: код 1–11 или его название (например «Дефицит педагогических кадров»)'],
    ]);
    const ok = await load([
      'Код ОО;Год;Рисковый фактор;Уровень риска;Активировано',
      'sch990116;2025;1. Низкий уровень оснащения школы;Высокий;да',
      'sch990116;2025;Низкий уровень оснащенности школы;высокая;1', // close variant: a duplicate of factor 1
    ].join('\n') + '\n');
    expect(ok.status).toBe('failed');
    expect(ok.problems[0]?.expected).toBe('строка встречается в файле один раз');
    const good = await load([
      'Код ОО;Год;Риск;Уровень;Активировано',
      'sch990116;2025;1. Низкий уровень оснащения школы;Высокий;да',
      'sch990116;2025;дефицит педагогических кадров;В;нет',
      'sch990116;2025;Риск 11;low;',
      'sch990116;2025;НЕСФОРМИРОВАННОСТЬ ВНУТРИШКОЛЬНОЙ СИСТЕМЫ ПОВЫШЕНИЯ КВАЛИФИКАЦИИ;средний;нет',
    ].join('\n') + '\n');
    expect(good).toMatchObject({ status: 'ok', rows: 4, format: 'Рисковые профили школ «500+» (шаблон Ориентира)' });
    expect(await engine.query(`SELECT risk_code, level, activated FROM risk_profiles ORDER BY risk_code`)).toEqual([
      { risk_code: 1, level: 'высокий', activated: true },
      { risk_code: 2, level: 'высокий', activated: false },
      { risk_code: 5, level: 'средний', activated: false },
      { risk_code: 11, level: 'низкий', activated: false },
    ]);

    const ind = await load([
      'код ОО,год,фактор риска,показатель,ед. изм.,желаемое направление,базовое значение,целевое значение,1 этап,подтверждение 1 этап,2 этап,подтверждение 2 этап',
      '990116,2025,1,Доля кабинетов,%,рост,"30,5",70 %,40,да,55,частично подтверждено',
      '990116,2025,1,Вакансии,чел.,снижение,4,1,3,+,2,не подтверждено',
      '990116,2025,1,Пропуски,%,-,6,3,,,5,нет',
      '990116,2025,1,Родители,%,up,10,20,,,11,подтверждено',
    ].join('\n') + '\n');
    expect(ind, JSON.stringify(ind.problems)).toMatchObject({ status: 'ok', rows: 4 });
    expect(await engine.query(`SELECT indicator, direction, baseline, target, stage1, evidence1, stage2, evidence2 FROM risk_indicators ORDER BY indicator`)).toEqual([
      { indicator: 'Вакансии', direction: '↓', baseline: 4, target: 1, stage1: 3, evidence1: 'подтверждено', stage2: 2, evidence2: 'не подтверждено' },
      { indicator: 'Доля кабинетов', direction: '↑', baseline: 30.5, target: 70, stage1: 40, evidence1: 'подтверждено', stage2: 55, evidence2: 'частично' },
      { indicator: 'Пропуски', direction: '↓', baseline: 6, target: 3, stage1: null, evidence1: null, stage2: 5, evidence2: 'не подтверждено' },
      { indicator: 'Родители', direction: '↑', baseline: 10, target: 20, stage1: null, evidence1: null, stage2: 11, evidence2: 'подтверждено' },
    ]);
  });

  const HEAD = 'school_id,year,risk_code,indicator,unit,direction,baseline,target,stage1,evidence1,stage2,evidence2';
  // [case, file rows (under HEAD), [row, column, expected]]
  const BAD: Array<[string, string[], Array<[number, string, string]>]> = [
    ['unknown risk factor', ['990116,2025,12,X,%,↑,1,2,,,,', '990116,2025,Неизвестный риск,Y,%,↑,1,2,,,,'], [
      [2, 'рисковый фактор', 'рисковый фактор из справочника: код 1–11 или его название (например «Дефицит педагогических кадров»)'],
      [3, 'рисковый фактор', 'рисковый фактор из справочника: код 1–11 или его название (например «Дефицит педагогических кадров»)'],
    ]],
    ['unknown school', ['990199,2025,1,X,%,↑,1,2,,,,'], [[2, 'код ОО', 'код школы из справочника школ (сначала импортируйте справочник школ)']]],
    ['target equal to the baseline', ['990116,2025,1,X,%,↑,5,5,,,,'], [[2, 'целевое значение', 'целевое значение, отличное от базового (иначе прогресс к цели не определён)']]],
    ['target the wrong way', ['990116,2025,1,X,%,↓,5,7,,,,'], [[2, 'целевое значение', 'целевое значение в желаемом направлении от базового (↑ — больше базового, ↓ — меньше)']]],
    ['non-numeric value', ['990116,2025,1,X,%,↑,5,7,много,,,'], [[2, '1 этап', 'число (например 45 или 45,5; знак % допускается)']]],
    ['stage value without a baseline', ['990116,2025,1,X,%,↑,,7,,,6,подтверждено'], [[2, '2 этап', 'значение этапа вместе с базовым значением (без базового изменение не определено)']]],
    ['duplicate indicator rows', ['990116,2025,1,X,%,↑,1,2,,,,', '990116,2025,Низкий уровень оснащения школы,X,%,↑,1,3,,,,'], [
      [2, 'код ОО + год + рисковый фактор + показатель', 'строка встречается в файле один раз'],
      [3, 'код ОО + год + рисковый фактор + показатель', 'строка встречается в файле один раз'],
    ]],
    ['unknown direction', ['990116,2025,1,X,%,вверх,1,2,,,,'], [[2, 'желаемое направление', 'желаемое направление: ↑ (рост) или ↓ (снижение)']]],
    ['unknown evidence', ['990116,2025,1,X,%,↑,1,2,2,может быть,,'], [[2, 'подтверждение 1 этап', 'подтверждено, частично или не подтверждено']]],
  ];
  it.each(BAD)('%s: a Russian error and no change', async (_name, lines, expected) => {
    const before = await snapshot(engine);
    const r = await load([HEAD, ...lines].join('\n') + '\n');
    expect(r.status).toBe('failed');
    expect(r.problems.map((p) => [p.row, p.column, p.expected])).toEqual(expected);
    expect(await snapshot(engine)).toEqual(before);
  });

  it('rejects an unknown level and an unknown school in a profile, changing nothing', async () => {
    const before = await snapshot(engine);
    const r = await load('school_id,year,risk_code,level,activated\n990116,2025,3,очень,да\n990100,2025,3,высокий,да\n');
    expect(r.problems.map((p) => [p.row, p.column, p.expected])).toEqual([
      [3, 'код ОО', 'код школы из справочника школ (сначала импортируйте справочник школ)'],
      [2, 'уровень риска', 'уровень риска: высокий, средний или низкий'],
    ]);
    expect(await snapshot(engine)).toEqual(before);
  });

  it('roadmap deadlines: the SQL rules give the same dates as parseDeadline', async () => {
    const lines = ['№,мероприятие,срок', ...DEADLINE_CASES.map(([text], i) => `${i + 1},Событие ${i + 1},${csv(text)}`)];
    const r = await load(lines.join('\n') + '\n');
    expect(r, JSON.stringify(r.problems)).toMatchObject({ status: 'ok', rows: DEADLINE_CASES.length, format: 'Дорожная карта «500+» (шаблон Ориентира)' });
    const rows = await engine.query<{ number: string; d: string | null }>(`SELECT number, strftime(deadline_date, '%Y-%m-%d') AS d FROM roadmap_events`);
    const got = new Map(rows.map((x) => [Number(x.number), x.d]));
    DEADLINE_CASES.forEach(([text, expected], i) => {
      expect(got.get(i + 1), text).toBe(expected);
      expect(parseDeadline(text), text).toBe(expected);
    });
    // re-importing a corrected roadmap replaces the events with the same numbers
    const again = await load('№,мероприятие,срок\n1,Событие 1 (уточнено),июль 2025\n');
    expect(again.status).toBe('ok');
    expect(await engine.query(`SELECT event, strftime(deadline_date, '%Y-%m-%d') AS d FROM roadmap_events WHERE number = '1'`)).toEqual([
      { event: 'Событие 1 (уточнено)', d: '2025-07-31' },
    ]);
  });
});
