/**
 * Writes the aggregated-report fixtures to test/fixtures/layouts/: small, realistic copies of the
 * ФИС ОКО reports «Статистика по отметкам», «Сравнение отметок с отметками по журналу»,
 * «Распределение первичных баллов», «Сбор контекстных данных об ОО» and the РЦОИ ГИА tables by
 * school and protocols by participant, laid out as the real exports are (DOMAIN.md §6): title rows,
 * two-row headers with merged cells, the hierarchy Вся выборка → регион → муниципалитет → школа,
 * merged АТЕ cells and «Всего» rows. CSV variants are as Russian Excel saves them (windows-1251,
 * `;`, decimal comma; a merged cell's value in its first cell only). Deterministic: run
 * `npx tsx scripts/make-layout-fixtures.ts` and the folder is rebuilt byte-for-byte.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { encodeCp1251 } from './lib/cp1251.ts';

const OUT = path.resolve(import.meta.dirname, '../test/fixtures/layouts');
type Cell = string | number;
type Merge = [r1: number, c1: number, r2: number, c2: number];

function xlsx(rows: Cell[][], merges: Merge[], sheet = 'Лист1'): Uint8Array {
  const ws = XLSX.utils.aoa_to_sheet(rows);
  ws['!merges'] = merges.map(([r1, c1, r2, c2]) => ({ s: { r: r1, c: c1 }, e: { r: r2, c: c2 } }));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, sheet);
  wb.Props = { CreatedDate: new Date('2024-01-01T00:00:00Z'), ModifiedDate: new Date('2024-01-01T00:00:00Z') };
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}

/** Russian Excel CSV: `;`, decimal comma, windows-1251, CRLF. */
function csv(rows: Cell[][]): Uint8Array {
  const cell = (v: Cell) => {
    const s = typeof v === 'number' ? String(v).replace('.', ',') : v;
    return /[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return new Uint8Array(encodeCp1251(rows.map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n'));
}

const write = (name: string, bytes: Uint8Array) => writeFileSync(path.join(OUT, name), bytes);
const pct = (n: number, of: number) => Math.round((n / of) * 10_000) / 100;

// Schools used throughout (logins as in ФИС ОКО until 2021 and from 2022).
const S1 = 'sch220001 МБОУ «Алтайская СОШ № 1»';
const S2 = 'sch220002 МБОУ "Айская СОШ"';
const S3 = 'sch220105 МБОУ «Гимназия № 1»';
const S4 = 'edu220106 МБОУ «СОШ № 8»';

/** Hierarchy rows above and between the schools: Вся выборка, region, municipalities. */
function hierarchy(school: (label: string) => Cell[], top: Cell[][], areas: [Cell[], Cell[]]): Cell[][] {
  return [...top, areas[0], school(S1), school(S2), areas[1], school(S3), school(S4)];
}

mkdirSync(OUT, { recursive: true });

// 1. «Статистика по отметкам», Математика 4, ВПР 2024. Counts per school (n2..n5) → percentages.
const MARKS: Record<string, [number, number, number, number]> = {
  [S1]: [2, 12, 24, 10],
  [S2]: [2, 7, 10, 4],
  [S3]: [1, 13, 35, 26],
  [S4]: [0, 4, 5, 3],
};
const marksRow = (label: string): Cell[] => {
  const n = MARKS[label]!;
  const total = n.reduce((a, b) => a + b, 0);
  return [label, 1, total, ...n.map((k) => pct(k, total))];
};
const marksTitle: Cell[][] = [['Статистика по отметкам'], ['Предмет: Математика'], ['Класс: 4'], ['Всероссийские проверочные работы, ВПР 2024'], []];
const marksHeader: Cell[][] = [
  ['Группы участников', 'Кол-во ОО', 'Кол-во участников', 'Распределение групп баллов в %', '', '', ''],
  ['', '', '', 2, 3, 4, 5],
];
const marksTop: Cell[][] = [
  ['Вся выборка', 39_476, 1_390_227, 4.09, 29.17, 44.94, 21.8],
  ['Алтайский край', 640, 23_334, 8.2, 30.74, 43.35, 17.71],
];
// Header on sheet rows 6–7 (0-based 5–6): vertical merges for the first three, a group over 2..5.
const headerMerges = (r: number, groups: Array<[number, number]>, single: number[]): Merge[] => [
  ...single.map((c): Merge => [r, c, r + 1, c]),
  ...groups.map(([c1, c2]): Merge => [r, c1, r, c2]),
];
const marksAreas: [Cell[], Cell[]] = [
  ['Алтайский район', 12, 287, 7.32, 31.36, 42.16, 19.16],
  ['город Бийск', 30, 1500, 3.4, 24.53, 46.8, 25.27],
];
const marksRows = [...marksTitle, ...marksHeader, ...hierarchy(marksRow, marksTop, marksAreas)];
write('fisoko-marks-math4-2024.xlsx', xlsx(marksRows, headerMerges(5, [[3, 6]], [0, 1, 2]), 'Статистика по отметкам'));
write('fisoko-marks-math4-2024.csv', csv(marksRows));
// Bad: one school's percentages sum to 150 %; another's counts (2 participants, 25 % each → 1+1+1+1) exceed its participants.
const bad = marksRows.map((r) => [...r]);
bad[marksTitle.length + marksHeader.length + 3] = [S1, 1, 48, 4.17, 25, 50, 70.83];
write('fisoko-marks-bad-pct.csv', csv(bad));
const over = marksRows.map((r) => [...r]);
over[marksTitle.length + marksHeader.length + 7] = [S4, 1, 2, 25, 25, 25, 25];
write('fisoko-marks-bad-count.csv', csv(over));

// 2. «Сравнение отметок с отметками по журналу», Математика 4, ВПР 2024: count and % per group
// (S2 has % only), and S5 with no marks report.
const S5 = 'sch220003 МКОУ «Ортолыкская ООШ»';
const JOURNAL: Record<string, [number, number, number]> = { [S1]: [6, 30, 12], [S2]: [3, 15, 5], [S3]: [5, 55, 15], [S4]: [1, 9, 2], [S5]: [2, 6, 1] };
const journalRow = (label: string): Cell[] => {
  const n = JOURNAL[label]!;
  const total = n.reduce((a, b) => a + b, 0);
  return [label, 1, total, ...n.flatMap((k) => [label === S2 ? '' : k, pct(k, total)])];
};
const journalRows: Cell[][] = [
  ['Сравнение отметок с отметками по журналу'], ['Предмет: Математика'], ['Класс: 4'], ['ВПР 2024'], [],
  ['Группы участников', 'Кол-во ОО', 'Кол-во участников', 'Понизили (Отметка < Отметка по журналу)', '', 'Подтвердили (Отметка = Отметке по журналу)', '', 'Повысили (Отметка > Отметка по журналу)', ''],
  ['', '', '', 'Кол-во', '%', 'Кол-во', '%', 'Кол-во', '%'],
  ['Вся выборка', 39_476, 1_390_227, 179_339, 12.9, 907_818, 65.3, 303_070, 21.8],
  ['Алтайский край', 640, 23_334, 3_010, 12.9, 15_237, 65.3, 5_087, 21.8],
  ['Алтайский район', 12, 287, 40, 13.94, 190, 66.2, 57, 19.86],
  journalRow(S1), journalRow(S2), journalRow(S5),
  ['город Бийск', 30, 1500, 200, 13.33, 1000, 66.67, 300, 20],
  journalRow(S3), journalRow(S4),
];
write('fisoko-journal-math4-2024.xlsx', xlsx(journalRows, headerMerges(5, [[3, 4], [5, 6], [7, 8]], [0, 1, 2]), 'Сравнение отметок'));

// 3. «Распределение первичных баллов», Математика 4, ВПР 2024 (max 20): % of participants per score.
const HIST: Record<string, number[]> = {
  [S1]: [0, 0, 1, 0, 1, 2, 5, 4, 3, 3, 6, 6, 5, 4, 3, 2, 1, 1, 0, 1, 0],
  [S2]: [0, 1, 0, 1, 0, 2, 4, 3, 2, 1, 3, 2, 2, 1, 0, 1, 0, 0, 0, 0, 0],
  [S3]: [0, 0, 0, 0, 1, 0, 3, 4, 6, 5, 8, 9, 9, 8, 6, 6, 4, 3, 2, 1, 0],
  [S4]: [0, 0, 0, 0, 0, 0, 1, 1, 2, 0, 2, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0],
};
const histRow = (label: string): Cell[] => {
  const n = HIST[label]!;
  const total = n.reduce((a, b) => a + b, 0);
  return [label, 1, total, ...n.map((k) => pct(k, total))];
};
const scores = Array.from({ length: 21 }, (_, k) => k);
const histRows: Cell[][] = [
  ['Распределение первичных баллов'], ['Предмет: Математика'], ['Класс: 4'], ['ВПР 2024'], [],
  ['Группы участников', 'Кол-во ОО', 'Кол-во участников', 'Распределение первичных баллов, % участников', ...scores.slice(1).map(() => '')],
  ['', '', '', ...scores],
  ['Вся выборка', 39_476, 1_390_227, 0.1, 0.2, 0.5, 0.9, 1.4, 2.1, 6.9, 7.1, 7.4, 7.8, 8.3, 8.5, 8.6, 8.3, 7.6, 6.2, 4.6, 3.3, 1.9, 0.3, 0],
  ['Алтайский край', 640, 23_334, 0.1, 0.2, 0.6, 1, 1.5, 2.2, 7.1, 7.3, 7.5, 7.7, 8.2, 8.4, 8.5, 8.2, 7.5, 6.1, 4.5, 3.2, 1.9, 0.3, 0],
  ['Алтайский район', 12, 287, 0, 0.35, 0.7, 0.7, 1.05, 2.79, 8.01, 7.32, 6.62, 6.97, 8.71, 8.36, 8.71, 8.36, 6.62, 5.57, 4.53, 3.48, 1.74, 0.35, 0],
  histRow(S1), histRow(S2),
  ['город Бийск', 30, 1500, 0, 0.07, 0.2, 0.4, 0.73, 1.27, 5.33, 6.67, 7.33, 8, 8.67, 9.33, 9.33, 8.67, 8, 7.33, 6, 4.67, 3.33, 2, 2.67],
  histRow(S3), histRow(S4),
];
write('fisoko-distribution-math4-2024.xlsx', xlsx(histRows, headerMerges(5, [[3, 23]], [0, 1, 2]), 'Распределение баллов'));

// 4. РЦОИ: ЕГЭ 2024 by school, three subjects; АТЕ merged over its schools; «Всего»/«Итого» rows.
const MEASURES = ['приняли участие', 'не преодолели минимальный порог', '80-99', '100', 'средний балл'];
const SUBJECTS = ['Русский язык', 'Математика (профильный уровень)', 'Физика'];
const blank5: Cell[] = ['', '', '', '', ''];
const giaRows: Cell[][] = [
  ['Результаты ЕГЭ 2024 года по образовательным организациям'],
  [],
  ['№ п/п', 'АТЕ', 'Код ОО', 'Наименование ОО', ...SUBJECTS.flatMap((s) => [s, '', '', '', ''])],
  ['', '', '', '', ...SUBJECTS.flatMap(() => MEASURES)],
  [1, 'Алтайский район', '220001', 'МБОУ «Алтайская СОШ № 1»', 25, 0, 4, 1, 72.4, 12, 1, 2, 0, 61.5, 3, 0, 0, 0, 55],
  [2, '', '220002', 'МБОУ "Айская СОШ"', 10, 1, 0, 0, 58.1, 4, 2, 0, 0, 31, ...blank5],
  ['', 'Всего по Алтайскому району', '', '', 35, 1, 4, 1, 68.3, 16, 3, 2, 0, 53.9, 3, 0, 0, 0, 55],
  [3, 'город Бийск', '220105', 'МБОУ «Гимназия № 1»', 60, 0, 15, 2, 78.9, 40, 0, 8, 1, 70.2, 10, 0, 2, 0, 66.4],
  [4, '', '220106', 'МБОУ «СОШ № 8»', 31, 2, 3, 0, 65, 0, 0, 0, 0, '', 4, 1, 0, 0, 41.5],
  ['', 'Всего по городу Бийску', '', '', 91, 2, 18, 2, 74.2, 40, 0, 8, 1, 70.2, 14, 1, 2, 0, 59.3],
  ['', 'Итого по краю', '', '', 126, 3, 22, 3, 72.6, 56, 3, 10, 1, 65.3, 17, 1, 2, 0, 58.5],
];
const giaMerges: Merge[] = [
  ...[0, 1, 2, 3].map((c): Merge => [2, c, 3, c]),
  ...SUBJECTS.map((_, i): Merge => [2, 4 + i * 5, 2, 8 + i * 5]),
  [4, 1, 5, 1],
  [7, 1, 8, 1],
];
write('rcoi-ege-2024-schools.xlsx', xlsx(giaRows, giaMerges, 'ЕГЭ 2024'));
write('rcoi-ege-2024-schools.csv', csv(giaRows));
const giaBad = giaRows.map((r) => [...r]);
giaBad[7] = [3, 'город Бийск', '220105', 'МБОУ «Гимназия № 1»', 60, 0, 15, 2, 78.9, 40, 41, 8, 1, 70.2, 10, 0, 2, 0, 66.4];
write('rcoi-ege-2024-schools-bad.csv', csv(giaBad));

// 5. РЦОИ protocols by participant: ЕГЭ (test score) as xlsx, ОГЭ (mark) as CSV. Names are invented.
write('rcoi-ege-2024-protocol-math.xlsx', xlsx([
  ['Протокол результатов ЕГЭ 2024'],
  ['Предмет: Математика (профильный уровень)'],
  ['Код ОО', 'Класс', 'Код участника', 'Фамилия', 'Имя', 'Отчество', 'Вариант', 'Первичный балл', 'Балл'],
  ['220001', '11А', '2400101', 'Иванов', 'Пётр', 'Сергеевич', 311, 12, 68],
  ['220001', '11А', '2400102', 'Петрова', 'Анна', 'Игоревна', 312, 18, 82],
  ['220001', '11Б', '2400103', 'Сидоров', 'Илья', 'Олегович', 311, 4, 22],
  ['220105', '11А', '2400201', 'Кузнецова', 'Мария', 'Андреевна', 315, 20, 86],
  ['220105', '11А', '2400202', 'Смирнов', 'Олег', 'Павлович', 316, 9, 56],
], []));
write('rcoi-oge-2024-protocol-rus.csv', csv([
  ['Протокол результатов ОГЭ 2024'],
  ['Предмет: Русский язык'],
  ['Код ОО', 'Класс', 'Код участника', 'Вариант', 'Первичный балл', 'Балл'],
  ['220001', '9А', '0900101', 11, 30, 5],
  ['220001', '9А', '0900102', 12, 22, 4],
  ['220001', '9Б', '0900103', 11, 12, 2],
  ['220002', '9', '0900201', 13, 17, 3],
]));

// 6. «Сбор контекстных данных об ОО», ВПР 2024.
const contextRows: Cell[][] = [
  ['Сбор контекстных данных об ОО. ВПР 2024'],
  ['Логин ОО', 'Наименование ОО', 'Муниципалитет', 'Тип местности', 'Число обучающихся', 'Число педагогических работников', 'Число обучающихся с ОВЗ', 'Число классов'],
  ['sch220001', 'МБОУ «Алтайская СОШ № 1»', 'Алтайский район', 'сельская местность', 412, 31, 18, 22],
  ['sch220002', 'МБОУ "Айская СОШ"', 'Алтайский район', 'село', 157, 17, 9, 11],
  ['sch220105', 'МБОУ «Гимназия № 1»', 'город Бийск', 'город', 1_104, 68, 12, 40],
];
write('fisoko-context-2024.xlsx', xlsx(contextRows, []));
const contextBad = contextRows.map((r) => [...r]);
contextBad[3] = ['sch220002', 'МБОУ "Айская СОШ"', 'Алтайский район', 'село', 157, 17, 190, 11];
write('fisoko-context-bad.csv', csv(contextBad));

// 7. ФИС ОКО «Индивидуальные результаты», Математика 4, ВПР 2024: one row per participant, the
// report's own mark (no scale needed), task maxima in the header (sum 20). Codes are invented.
const TASK_MAX = [1, 1, 2, 2, 2, 2, 2, 1, 2, 2, 1, 2];
/** Task cells summing to `total`, filled from the first task up to each task's maximum. */
const tasks = (total: number): Cell[] => TASK_MAX.map((max) => {
  const got = Math.min(max, total);
  total -= got;
  return got;
});
const NBSP = '\u00a0';
type Participant = [municipality: string, school: string, cls: string, code: string, variant: Cell, total: number | '', mark: string, journal: Cell];
const PARTICIPANTS: Participant[] = [
  ['reg22_m030 | Алтайский район', 'sch220001 | МБОУ «Алтайская СОШ № 1»', '4А', '40001', 1, 15, '4', 4],
  ['reg22_m030 | Алтайский район', 'sch220001 | МБОУ «Алтайская СОШ № 1»', '4А', '40002', 2, 19, '5', 5],
  ['reg22_m030 | Алтайский район', 'sch220001 | МБОУ «Алтайская СОШ № 1»', '4а', '40003', 1, 5, `2${NBSP}`, 3],
  ['reg22_m030 | Алтайский район', 'sch220001 | МБОУ «Алтайская СОШ № 1»', '4Б', '40004', 'отсутствовал', '', '', 4],
  ['reg22_m030 | Алтайский район', 'sch220002 | МБОУ "Айская СОШ"', '4', '40101', 2, 11, '3', 'нет отметки'],
  ['reg22_m030 | Алтайский район', 'sch220002 | МБОУ "Айская СОШ"', '4', '40102', 1, 14, '4', 3],
  ['reg22_m045 | город Бийск', 'edu220105 | МБОУ «Гимназия № 1»', '4В', '40201', 1, 20, '5', 5],
  ['reg22_m045 | город Бийск', 'edu220105 | МБОУ «Гимназия № 1»', '4В', '40202', 2, 13, '4', 5],
  ['reg22_m045 | город Бийск', 'edu220105 | МБОУ «Гимназия № 1»', '4В', '40203', 1, 9, '3', 3],
];
const individualHeader: Cell[] = [
  'Муниципалитет', 'ОО', 'Класс', 'Код', 'Вариант',
  ...TASK_MAX.map((max, i) => `${i + 1} (${max}б)`),
  'Первичный балл', 'Отметка', 'Отметка по журналу',
];
const individualRows = (people: Participant[]): Cell[][] => [
  ['Индивидуальные результаты'],
  ['ВПР 2024'],
  ['Предмет: Математика'],
  ['Класс: 4'],
  individualHeader,
  ...people.map(([m, s, cls, code, variant, total, mark, journal]) => [
    m, s, cls, code, variant, ...(total === '' ? TASK_MAX.map(() => '') : tasks(total)), total, mark, journal,
  ]),
];
write('fisoko-individual-math4-2024.xlsx', xlsx(individualRows(PARTICIPANTS), [], 'Индивидуальные результаты'));
write('fisoko-individual-math4-2024.csv', csv(individualRows(PARTICIPANTS)));
// The same report with a mark out of range and a score over the header's maximum (20).
const badParticipants = PARTICIPANTS.map((p): Participant => [...p]);
badParticipants[1]![6] = '7';
badParticipants[6]![5] = 21;
write('fisoko-individual-bad.csv', csv(individualRows(badParticipants)));
