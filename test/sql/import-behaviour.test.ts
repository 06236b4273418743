import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/core/import-problem.ts';
import type { Engine } from '../../src/db/engine.ts';
import { importFile } from '../../src/db/import-file.ts';
import { freshEngine, snapshot } from '../helpers.ts';

const enc = (s: string) => new TextEncoder().encode(s);
/** windows-1251 bytes of a string (Cyrillic, ASCII, «»№) — as Russian Excel saves CSV. */
function cp1251(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) out[i] = c;
    else if (c >= 0x410 && c <= 0x44f) out[i] = c - 0x410 + 0xc0;
    else if (c === 0x401) out[i] = 0xa8;
    else if (c === 0x451) out[i] = 0xb8;
    else if (c === 0xab) out[i] = 0xab;
    else if (c === 0xbb) out[i] = 0xbb;
    else if (c === 0x2116) out[i] = 0xb9;
    else throw new Error(`no cp1251 byte for ${s[i]}`);
  }
  return out;
}

const HEAD = 'year,procedure,subject,grade,school_id,class,student_code,variant,primary_score,max_score,mark,journal_mark,test_score,absent';
const rows = (...lines: string[]) => [HEAD, ...lines].join('\n') + '\n';
const GOOD = rows(
  '2024,ВПР,Математика,4,990101,4а,s1,1,12,20,4,4,,0',
  '2024,ВПР,Математика,4,990101,4а,s2,2,5,20,2,3,,0',
  '2024,ВПР,Математика,4,990101,4а,s3,,,20,,5,,1',
  '2024,ВПР,Математика,4,990102,4б,s4,1,18,20,5,5,,0',
);

describe('import: all-or-nothing, never duplicated', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await freshEngine();
  });
  afterAll(() => engine.close());

  it('imports a canonical file and derives school results from its rows', async () => {
    const r = await importFile(engine, 'good.csv', enc(GOOD), { now: () => new Date('2026-01-02T03:04:05Z') });
    expect(r).toMatchObject({ status: 'ok', rows: 4, format: 'Результаты обучающихся (шаблон Ориентира)' });
    const sr = await engine.query(`SELECT school_id, participants, n2, n3, n4, n5, mean_score, lowered, confirmed, raised FROM school_results ORDER BY 1`);
    expect(sr).toEqual([
      { school_id: '990101', participants: 2, n2: 1, n3: 0, n4: 1, n5: 0, mean_score: 8.5, lowered: 1, confirmed: 1, raised: 0 },
      { school_id: '990102', participants: 1, n2: 0, n3: 0, n4: 0, n5: 1, mean_score: 18, lowered: 0, confirmed: 1, raised: 0 },
    ]);
    const imp = await engine.query(`SELECT id, file_name, rows, status, strftime(imported_at, '%Y-%m-%d %H:%M:%S') AS at FROM imports`);
    expect(imp).toEqual([{ id: 1, file_name: 'good.csv', rows: 4, status: 'ok', at: '2026-01-02 03:04:05' }]);
  });

  it('says so and changes nothing when the same file comes again', async () => {
    const before = await snapshot(engine);
    const r = await importFile(engine, 'renamed-copy.csv', enc(GOOD));
    expect(r).toMatchObject({ status: 'duplicate', importId: 1 });
    expect(await snapshot(engine)).toEqual(before);
  });

  it('replaces the same slice on re-import instead of adding to it', async () => {
    const newer = rows('2024,ВПР,Математика,4,990101,4а,s1,1,20,20,5,4,,0');
    const r = await importFile(engine, 'newer.csv', enc(newer));
    expect(r.status).toBe('ok');
    const n = await engine.query(`SELECT school_id, count(*)::INTEGER AS n FROM student_results GROUP BY 1 ORDER BY 1`);
    // 990101's slice now holds the one new row; 990102's slice is untouched.
    expect(n).toEqual([{ school_id: '990101', n: 1 }, { school_id: '990102', n: 1 }]);
    const sr = await engine.query(`SELECT participants, n5 FROM school_results WHERE school_id = '990101'`);
    expect(sr).toEqual([{ participants: 1, n5: 1 }]);
  });

  it('reads windows-1251 with `;` and decimal commas like the UTF-8 file', async () => {
    const text = 'year;procedure;subject;grade;school_id;participants;n2;n3;n4;n5;mean_score;below_min;high_scorers\r\n'
      + '2024;ЕГЭ;Математика базовая;11;990101;10;1;2;3;4;4,0;1;\r\n'
      + '2024;ЕГЭ;Русский язык;11;990101;10;;;;;71,5;0;3\r\n';
    const r = await importFile(engine, 'ege.csv', cp1251(text));
    expect(r).toMatchObject({ status: 'ok', rows: 2, format: 'Результаты по школам (шаблон Ориентира)' });
    const sr = await engine.query(`SELECT subject, participants, n5, mean_score, high_scorers FROM school_results WHERE procedure = 'ЕГЭ' ORDER BY 1`);
    expect(sr).toEqual([
      { subject: 'Математика базовая', participants: 10, n5: 4, mean_score: 4, high_scorers: null },
      { subject: 'Русский язык', participants: 10, n5: null, mean_score: 71.5, high_scorers: 3 },
    ]);
  });

  type Case = { name: string; file: string; bytes: Uint8Array; expect: RegExp[] };
  const cases: Case[] = [
    { name: 'empty file', file: 'empty.csv', bytes: new Uint8Array(), expect: [/пустой файл \(0 байт\)/] },
    { name: 'binary file', file: 'photo.csv', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]), expect: [/двоичные данные/] },
    { name: 'xlsx (zip)', file: 'book.xlsx', bytes: new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), expect: [/книга Excel/] },
    { name: 'unknown layout', file: 'menu.csv', bytes: enc('блюдо;цена\nкаша;10\n'), expect: [/формат не распознан/] },
    { name: 'header only', file: 'head.csv', bytes: enc(HEAD + '\n'), expect: [/строка 1.*только заголовок/] },
    {
      name: 'missing required column',
      file: 'no-code.csv',
      bytes: enc('year,procedure,subject,grade,school_id,primary_score\n2024,ВПР,Математика,4,990101,12\n'),
      expect: [/нет столбцов: «код обучающегося»/],
    },
    { name: 'score as text', file: 'text-score.csv', bytes: enc(rows('2024,ВПР,Математика,4,990101,4а,s9,1,двенадцать,20,4,4,,0')), expect: [/строка 2, столбец «первичный балл»: значение «двенадцать»/] },
    { name: 'score above maximum', file: 'over.csv', bytes: enc(rows('2024,ВПР,Математика,4,990101,4а,s9,1,21,20,5,5,,0')), expect: [/строка 2, столбец «первичный балл»: значение «21» — ожидалось: первичный балл не больше максимального/] },
    { name: 'mark out of range', file: 'mark.csv', bytes: enc(rows('2024,ВПР,Математика,4,990101,4а,s9,1,12,20,6,4,,0')), expect: [/столбец «отметка»: значение «6»/] },
    { name: 'unknown subject', file: 'subject.csv', bytes: enc(rows('2024,ВПР,Алхимия,4,990101,4а,s9,1,12,20,4,4,,0')), expect: [/столбец «предмет»: значение «Алхимия»/] },
    { name: 'unknown procedure', file: 'proc.csv', bytes: enc(rows('2024,ГИА-12,Математика,4,990101,4а,s9,1,12,20,4,4,,0')), expect: [/столбец «процедура»: значение «ГИА-12»/] },
    { name: 'year 1900', file: 'year.csv', bytes: enc(rows('1900,ВПР,Математика,4,990101,4а,s9,1,12,20,4,4,,0')), expect: [/столбец «год»: значение «1900» — ожидалось: целое число от 2000 до 2100/] },
    { name: 'grade 12', file: 'grade.csv', bytes: enc(rows('2024,ВПР,Математика,12,990101,4а,s9,1,12,20,4,4,,0')), expect: [/столбец «параллель»: значение «12»/] },
    { name: 'negative count', file: 'neg.csv', bytes: enc('year,procedure,subject,grade,school_id,participants,n2,n3,n4,n5\n2024,ОГЭ,Математика,9,990101,-5,1,1,1,1\n'), expect: [/столбец «участников»: значение «-5»/] },
    { name: 'marks exceed participants', file: 'sum.csv', bytes: enc('year,procedure,subject,grade,school_id,participants,n2,n3,n4,n5\n2024,ОГЭ,Математика,9,990101,3,1,1,1,1\n'), expect: [/число участников не меньше суммы/] },
    {
      name: 'duplicate rows',
      file: 'dup.csv',
      bytes: enc(rows('2024,ВПР,Математика,4,990101,4а,s9,1,12,20,4,4,,0', '2024,ВПР,Математика,4,990101,4а,s9,1,12,20,4,4,,0')),
      expect: [/строка 2.*строка встречается в файле один раз/, /строка 3/],
    },
    { name: 'no grading scale and no mark', file: 'noscale.csv', bytes: enc(rows('2024,ВПР,Химия,8,990101,8а,s9,1,12,,,4,,0')), expect: [/шкала перевода баллов в отметки/] },
    {
      name: 'ФИС ОКО export whose name and title do not say the year',
      file: 'выгрузка.csv',
      bytes: enc('логин школы;регион;номер обучающегося;код обучающегося;отметка за предыдущую четверть/триместр;пол;класс;вариант;всего баллов\nsch220206;р-н;1;40001;5;ж;НЕТ;1;20\n'),
      expect: [/не удалось определить год/, /не удалось определить предмет/],
    },
  ];

  it.each(cases)('rejects $name with its specific Russian message and changes nothing', async (c) => {
    const before = await snapshot(engine);
    const r = await importFile(engine, c.file, c.bytes);
    expect(r.status).toBe('failed');
    const text = r.problems.map(formatProblem).join('\n');
    for (const re of c.expect) expect(text).toMatch(re);
    expect(text).toContain(`«${c.file}»`);
    expect(await snapshot(engine)).toEqual(before);
  });

  it('lists at most 50 problems and counts the rest', async () => {
    const bad = rows(...Array.from({ length: 120 }, (_, i) => `2024,ВПР,Математика,4,990101,4а,x${i},1,abc,20,4,4,,0`));
    const r = await importFile(engine, 'many.csv', enc(bad));
    expect(r.problems).toHaveLength(50);
    expect(r.more).toBe(70);
    expect(r.problems[0]).toMatchObject({ row: 2, column: 'первичный балл', value: 'abc' });
    expect(r.problems[49]).toMatchObject({ row: 51 });
  });

  it('takes the year, subject and grade the user gives when the file does not say', async () => {
    const bytes = enc('логин школы;регион;номер обучающегося;код обучающегося;отметка за предыдущую четверть/триместр;пол;класс;вариант;всего баллов\nsch220206;р-н;1;40001;5;ж;НЕТ;1;20\n');
    const r = await importFile(engine, 'выгрузка.csv', bytes, { context: { year: 2021, subject: 'математика', grade: 4 } });
    expect(r.status).toBe('ok');
    const rows2 = await engine.query(`SELECT year, subject, grade, mark FROM student_results WHERE school_id = '220206'`);
    expect(rows2).toEqual([{ year: 2021, subject: 'Математика', grade: 4, mark: 5 }]);
  });
});
