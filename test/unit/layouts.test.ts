/**
 * recogniseLayout over LAYOUTS (src/core/layouts/recognise.ts, index.ts) and contextFromTitle
 * (src/core/layouts/context-from-title.ts).
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { LAYOUTS } from '../../src/core/layouts/index.ts';
import { matchHeader, recogniseLayout } from '../../src/core/layouts/recognise.ts';
import { contextFromTitle } from '../../src/core/layouts/context-from-title.ts';
import { fisOko2021 } from '../../src/core/layouts/fisoko-2021.ts';
import { maxScoreFromHeader } from '../../src/core/layouts/fisoko-protocol-2022.ts';

const SAMPLE = path.resolve(__dirname, '../../sample-data');

/** The real ФИС ОКО 2021 regional export header (10 task columns, then a textbook column). */
const FISOKO_2021_HEADER = [
  'логин школы', 'регион', 'номер обучающегося', 'код обучающегося', 'отметка за предыдущую четверть/триместр',
  'пол', 'класс', 'вариант', 'всего баллов',
  ...Array.from({ length: 10 }, (_, i) => `балл за ${i + 1}`),
  'Учебник',
];

function firstLine(file: string): string {
  const bytes = fs.readFileSync(path.join(SAMPLE, file));
  // oge/ege are Excel-style windows-1251 with ';'; the rest are UTF-8 with ','
  const cp1251 = /^(oge|ege)-/.test(file);
  const text = new TextDecoder(cp1251 ? 'windows-1251' : 'utf-8').decode(bytes);
  return text.split(/\r?\n/)[0]!;
}

describe('recogniseLayout: real headers', () => {
  it('ФИС ОКО 2021 regional export → fisoko-vpr-2021 with its column indexes', () => {
    const { match, closest } = recogniseLayout([FISOKO_2021_HEADER], LAYOUTS);
    expect(closest).toBeUndefined();
    expect(match?.layout.id).toBe('fisoko-vpr-2021');
    expect(match?.headerRow).toBe(0);
    expect(match?.missing).toEqual([]);
    expect(match?.columns).toEqual({
      login: 0,
      municipality: 1,
      student_number: 2,
      student_code: 3,
      journal_mark: 4,
      class: 6,
      variant: 7,
      primary_score: 8,
    });
    // all 8 fields found; 12 unmatched non-empty cells (пол, 10 task columns, Учебник): 1 − 12·0.001
    expect(match?.score).toBeCloseTo(0.988, 10);
  });

  it('the «отметка за предыдущую четверть» spelling is accepted too', () => {
    const header = FISOKO_2021_HEADER.map((h) => (h.startsWith('отметка') ? 'отметка за предыдущую четверть' : h));
    expect(recogniseLayout([header], LAYOUTS).match?.columns.journal_mark).toBe(4);
  });

  const sampleFiles = fs.readdirSync(SAMPLE).filter((f) => f.endsWith('.csv'));
  const expectedId = (file: string) =>
    /^(vpr|oge)-/.test(file)
      ? 'canonical-student-results'
      : /^ege-/.test(file)
        ? 'canonical-school-results'
        : ({
            'schools.csv': 'canonical-schools',
            'school-categories.csv': 'canonical-school-categories',
            'grading-scales.csv': 'canonical-grading-scales',
            'risk-profiles.csv': 'monitoring-risk-profiles',
            'risk-indicators.csv': 'monitoring-risk-indicators',
            'roadmap.csv': 'monitoring-roadmap',
          } as Record<string, string>)[file];

  it('sample-data has the expected files', () => {
    expect(sampleFiles.length).toBeGreaterThanOrEqual(24);
    for (const f of sampleFiles) expect(expectedId(f), f).toBeDefined();
  });

  it.each(sampleFiles)('sample-data/%s header', (file) => {
    const line = firstLine(file);
    const delimiter = /^(oge|ege)-/.test(file) ? ';' : ',';
    const header = line.split(delimiter);
    const { match } = recogniseLayout([header], LAYOUTS);
    expect(match?.layout.id).toBe(expectedId(file));
    expect(match?.missing).toEqual([]);
    // canonical headers name every field of their layout, column i holds field i of the header
    for (const [field, idx] of Object.entries(match!.columns)) expect(header[idx]).toBe(field);
    expect(Object.keys(match!.columns).sort()).toEqual([...header].sort());
  });

  it('ФИС ОКО school directory `логин,имя,регион,,,` → fisoko-school-directory', () => {
    const { match } = recogniseLayout([['логин', 'имя', 'регион', '', '', '']], LAYOUTS);
    expect(match?.layout.id).toBe('fisoko-school-directory');
    expect(match?.columns).toEqual({ login: 0, name: 1, municipality: 2 });
    expect(match?.score).toBe(1); // 3/3 found, empty cells do not count as unmatched
  });

  it('canonical schools beats the directory layout on its own header', () => {
    // directory: login,name,municipality found (3/3) − 2 unmatched (school_id, region) · 0.001 = 0.998 < 1
    const header = ['school_id', 'login', 'name', 'municipality', 'region'];
    expect(matchHeader(LAYOUTS.find((l) => l.id === 'fisoko-school-directory')!, header).score).toBeCloseTo(0.998, 10);
    expect(recogniseLayout([header], LAYOUTS).match?.layout.id).toBe('canonical-schools');
  });
});

describe('recogniseLayout: header position, partial matches, spelling', () => {
  it('header below title rows: headerRow is its index', () => {
    const rows = [
      ['Проведение работы по математике, 4 класс. ВПР 2021'],
      [''],
      ['Муниципалитет: г. Бийск', ''],
      FISOKO_2021_HEADER,
      ['sch224404', 'г. Бийск', '1', '10001', '4', 'М', '4а', '1', '15', '1', '2'],
    ];
    const { match } = recogniseLayout(rows, LAYOUTS);
    expect(match?.layout.id).toBe('fisoko-vpr-2021');
    expect(match?.headerRow).toBe(3);
    expect(match?.columns.student_code).toBe(3);
  });

  it('a header beyond maxHeaderRow is not looked at', () => {
    const rows = [['титул'], ['ещё титул'], ['год', 'код ОО', 'ШНОР']];
    expect(recogniseLayout(rows, LAYOUTS, 2)).toEqual({});
    expect(recogniseLayout(rows, LAYOUTS, 3).match?.layout.id).toBe('canonical-school-categories');
  });

  it.each([
    {
      name: 'ФИС ОКО 2021 without «код обучающегося»',
      header: FISOKO_2021_HEADER.filter((h) => h !== 'код обучающегося'),
      id: 'fisoko-vpr-2021',
      missing: ['код обучающегося'],
    },
    {
      name: 'ФИС ОКО 2021 without «логин школы» and «вариант»',
      header: FISOKO_2021_HEADER.filter((h) => h !== 'логин школы' && h !== 'вариант'),
      id: 'fisoko-vpr-2021',
      missing: ['логин школы', 'вариант'],
    },
    {
      name: 'school results without participants',
      header: ['год', 'процедура', 'предмет', 'параллель', 'код ОО', '«2»', '«3»', '«4»', '«5»'],
      id: 'canonical-school-results',
      missing: ['участников'],
    },
    {
      name: 'grading scale without the «5» boundary',
      header: ['процедура', 'год', 'предмет', 'параллель', 'максимальный балл', 'минимум на «3»', 'минимум на «4»'],
      id: 'canonical-grading-scales',
      missing: ['минимум на «5»'],
    },
  ])('missing required column → closest: $name', ({ header, id, missing }) => {
    const { match, closest } = recogniseLayout([header], LAYOUTS);
    expect(match).toBeUndefined();
    expect(closest?.layout.id).toBe(id);
    expect(closest?.missing).toEqual(missing);
  });

  it('nothing with two known columns → empty result', () => {
    expect(recogniseLayout([['foo', 'bar', 'baz'], ['x', 'y', 'z']], LAYOUTS)).toEqual({});
    // a single known column is not enough to be «closest»
    expect(recogniseLayout([['регион', 'foo']], LAYOUTS)).toEqual({});
    expect(recogniseLayout([], LAYOUTS)).toEqual({});
  });

  it.each([
    {
      name: 'upper/mixed case, no-break and double spaces, trailing NBSP, quotes',
      header: [
        'ЛОГИН ШКОЛЫ', 'Регион', 'Номер\u00a0обучающегося', 'код  обучающегося', '"Отметка за предыдущую четверть/триместр\u00a0"',
        'Пол', ' Класс ', 'ВАРИАНТ', 'Всего\u202fбаллов',
      ],
      id: 'fisoko-vpr-2021',
      columns: { login: 0, municipality: 1, student_number: 2, student_code: 3, journal_mark: 4, class: 6, variant: 7, primary_score: 8 },
    },
    {
      name: 'ё/е: «школа-партнер», «КОГОРТА 500+», «ШНОР»',
      header: ['Год', 'Код ОО', 'ШНОР', 'шссу', 'КОГОРТА 500+', 'Куратор', 'Школа-партнер'],
      id: 'canonical-school-categories',
      columns: { year: 0, school_id: 1, shnor: 2, sssu: 3, cohort: 4, curator: 5, partner_school_id: 6 },
    },
    {
      name: 'upper-case Ё in a header where the alias has е',
      header: ['ГОД', 'ЛОГИН', 'ШНОР', 'ПАРТНЁР'],
      id: 'canonical-school-categories',
      columns: { year: 0, school_id: 1, shnor: 2, partner_school_id: 3 },
    },
    {
      name: 'Russian labels of the canonical student template',
      header: ['Год', 'Процедура', 'Предмет', 'Параллель', 'Логин ОО', 'Класс', 'Код обучающегося', 'Первичный балл', 'Отметка', 'Отсутствовал'],
      id: 'canonical-student-results',
      columns: { year: 0, procedure: 1, subject: 2, grade: 3, school_id: 4, class: 5, student_code: 6, primary_score: 7, mark: 8, absent: 9 },
    },
  ])('odd spellings still match: $name', ({ header, id, columns }) => {
    const { match } = recogniseLayout([header], LAYOUTS);
    expect(match?.layout.id).toBe(id);
    expect(match?.columns).toEqual(columns);
  });

  it('each header cell serves one field only', () => {
    // 3 of fisOko2021's 8 fields found, no unmatched cells: score 3/8
    const m = matchHeader(fisOko2021, ['логин школы', 'код обучающегося', 'вариант']);
    expect(m.columns).toEqual({ login: 0, student_code: 1, variant: 2 });
    expect(m.missing).toEqual([]);
    expect(m.score).toBeCloseTo(3 / 8, 10);
  });
});

describe('contextFromTitle', () => {
  it.each([
    {
      title: 'Проведение работы по математике, 4 класс. ВПР 2021',
      ctx: { subject: 'математике', grade: 4, procedure: 'ВПР', year: 2021 },
    },
    {
      title: 'Проведение работы по русскому языку, 5 класс. ВПР 2021 (Excel CSV, windows-1251).csv',
      ctx: { subject: 'русскому языку', grade: 5, procedure: 'ВПР', year: 2021 },
    },
    {
      title: 'Проведение работы по окружающему миру, 4 класс. ВПР 2021.xlsx',
      ctx: { subject: 'окружающему миру', grade: 4, procedure: 'ВПР', year: 2021 },
    },
    {
      title: 'Проведение работы по истории,11 класс. впр_2022',
      ctx: { subject: 'истории', grade: 11, procedure: 'ВПР', year: 2022 },
    },
    { title: 'ОГЭ-2024 итоги.csv', ctx: { procedure: 'ОГЭ', year: 2024 } },
    // The regional systems' file names: subject in the nominative, checked against the subject list.
    { title: 'Математика 4 класс.xlsx', ctx: { subject: 'Математика', grade: 4 } },
    { title: 'История 11 класс.xlsx', ctx: { subject: 'История', grade: 11 } },
    { title: 'Русский язык 5 класс ВПР 2020.xlsx', ctx: { subject: 'Русский язык', grade: 5, procedure: 'ВПР', year: 2020 } },
    { title: 'vpr/Окружающий мир 4 класс.csv', ctx: { subject: 'Окружающий мир', grade: 4 } },
    { title: 'Список 4 класс.xlsx', ctx: {} },
    { title: 'Результаты по математике, 4 класс', ctx: {} },
    { title: 'schools.csv', ctx: {} },
    { title: '', ctx: {} },
  ])('«$title»', ({ title, ctx }) => {
    expect(contextFromTitle(title)).toEqual(ctx);
  });
});

describe('recogniseLayout: 2020 raw, 2022 protocol, objectivity lists', () => {
  const PROTOCOL_HEADER = [
    'Пользователь', 'Код региона', 'Регион', 'Муниципалитет', 'Школа', 'Дата загрузки', 'Код', 'Вариант',
    '1 (1б)', '2 (2б)', '3 (2б)', '4 (1б)', '5 (4б)', '6 (1б)', '7 (1б)', '8 (2б)', '9 (1б)', '10К1 (1б)', '10К2 (2б)',
    '11 (2б)', '12 (1б)', 'Наименование класса', 'Пол', 'Отметка за предыдущий триместр/ четверть/полугодие', 'Итого баллов',
  ];

  it('the 2020 raw header (a title row above it) → fisoko-vpr-2020-raw', () => {
    const header = ['groups', 'user', 'id', 'code', 'otc', 'gender', 'klass', 'var-1', 'var-2', 'sum', 'a-1-grade', 'a-2-grade', 'Учебник'];
    const { match } = recogniseLayout([['ВПР 2020'], header], LAYOUTS);
    expect(match?.layout.id).toBe('fisoko-vpr-2020-raw');
    expect(match?.headerRow).toBe(1);
    expect(match?.columns).toMatchObject({ login: 1, student_code: 3, journal_mark: 4, class: 6, variant: 7, primary_score: 9 });
  });

  it('the 2022 protocol header → fisoko-vpr-protocol-2022; the «Классы» sheet header → no layout', () => {
    expect(recogniseLayout([PROTOCOL_HEADER], LAYOUTS).match?.layout.id).toBe('fisoko-vpr-protocol-2022');
    const classes = ['Пользователь', 'Код региона', 'Регион', 'Муниципалитет', 'Школа', 'Дата загрузки',
      'Буква (цифра) класса. Введите "нет" - если отсутствует', 'Основной учебник по предмету'];
    expect(recogniseLayout([classes], LAYOUTS).match).toBeUndefined();
  });

  it('max score from the protocol header: the sum of the task maxima (История 11: 21)', () => {
    expect(maxScoreFromHeader(PROTOCOL_HEADER)).toBe(21);
    expect(maxScoreFromHeader(['1 (2 б.)', '2К1 (3б)', 'Итого баллов'])).toBe(5);
    expect(maxScoreFromHeader(['логин', 'вариант'])).toBeUndefined();
  });

  it('the official objectivity list header → objectivity-list', () => {
    const header = ['Год', 'Логин', 'Муниципалитет', 'ОО', '4 РУ', '4 МА', '5 РУ', '5 МА', 'Количество маркеров'];
    const { match } = recogniseLayout([header], LAYOUTS);
    expect(match?.layout.id).toBe('objectivity-list');
    expect(match?.score).toBe(1);
  });
});
