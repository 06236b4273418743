/**
 * Writes the malformed-input corpus to test/fixtures/malformed/: hostile and broken files of every
 * kind users can drop into Ориентир, each with the Russian message fragment its import must give
 * (manifest.json). Deterministic: run `npx tsx scripts/make-malformed-fixtures.ts` and the folder is
 * rebuilt byte-for-byte (xlsx files carry a fixed modification time). Huge cases (100 000 columns)
 * are generated inside the test instead of committed.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { concatBytes } from '../src/core/bytes.ts';

/** One corpus file and what its import must say. */
export interface MalformedCase {
  /** File name as the user's file would be called (it is also the fixture's name on disk). */
  file: string;
  /** What is wrong with it, for the report. */
  what: string;
  /** Group in docs/reliability.md. */
  group: 'кодировка' | 'обрезка' | 'структура' | 'xlsx' | 'значения' | 'ФИС ОКО' | 'шаблоны';
  /** `failed`: every fragment must appear in the formatted problems. `ok`: imports `rows` rows. */
  status: 'failed' | 'ok';
  /** Fragments that must all appear; an array of alternatives is met by any one of them. */
  expect?: Array<string | string[]>;
  rows?: number;
  /** For `ok` cases: a query and the rows it must return after the import. */
  check?: { sql: string; rows: Array<Record<string, unknown>> };
  bytes: Uint8Array;
}

const enc = (s: string) => new TextEncoder().encode(s);

/**
 * A file no layout fits: «формат не распознан», or the closest layout with its missing columns
 * (which of the two depends on which layouts exist, so either is right).
 */
const NOT_RECOGNISED = ['формат не распознан', 'нет столбцов'];

/** windows-1251 bytes of a string (Cyrillic, ASCII, «»№ — what Russian Excel writes). */
export function cp1251(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) out[i] = c;
    else if (c >= 0x410 && c <= 0x44f) out[i] = c - 0x410 + 0xc0;
    else if (c === 0x401) out[i] = 0xa8;
    else if (c === 0x451) out[i] = 0xb8;
    else if (c === 0xab || c === 0xbb) out[i] = c;
    else if (c === 0x2116) out[i] = 0xb9;
    else throw new Error(`no cp1251 byte for ${s[i]}`);
  }
  return out;
}

export function utf16(s: string, order: 'le' | 'be', bom = false): Uint8Array {
  const out = new Uint8Array((s.length + (bom ? 1 : 0)) * 2);
  let at = 0;
  const put = (c: number) => {
    out[at++] = order === 'le' ? c & 0xff : c >> 8;
    out[at++] = order === 'le' ? c >> 8 : c & 0xff;
  };
  if (bom) put(0xfeff);
  for (let i = 0; i < s.length; i++) put(s.charCodeAt(i));
  return out;
}

const concat = (...parts: Uint8Array[]) => concatBytes(parts);

/** Canonical student results (the template), with marks and maxima so no scale is needed. */
export const STUDENT_HEAD = 'year,procedure,subject,grade,school_id,class,student_code,variant,primary_score,max_score,mark,journal_mark,test_score,absent';
export const STUDENT_ROWS = [
  '2024,ВПР,Математика,4,990101,4а,s1,1,12,20,4,4,,0',
  '2024,ВПР,Математика,4,990101,4а,s2,2,5,20,2,3,,0',
  '2024,ВПР,Математика,4,990102,4б,"s3",1,18,20,5,5,,0',
];
export const STUDENT_GOOD = [STUDENT_HEAD, ...STUDENT_ROWS].join('\n') + '\n';
const students = (...lines: string[]) => [STUDENT_HEAD, ...lines].join('\n') + '\n';

const SCHOOL_HEAD = 'year,procedure,subject,grade,school_id,participants,n2,n3,n4,n5,mean_score';
const schoolRes = (...lines: string[]) => [SCHOOL_HEAD, ...lines].join('\n') + '\n';

/** The ФИС ОКО 2021 export header, as in the real files (`;`, windows-1251, trailing empty cells). */
const FIS2021_HEAD = 'логин школы;регион;номер обучающегося;код обучающегося;отметка за предыдущую четверть/триместр;пол;класс;вариант;всего баллов;балл за 1;балл за 2;;;';
const FIS2021_NAME = 'Проведение работы по математике, 4 класс. ВПР 2021';
const fis2021 = (...lines: string[]) => cp1251([FIS2021_HEAD, ...lines].join('\r\n') + '\r\n');

const FIS2020_HEAD = 'groups,user,id,code,otc,gender,klass,var-1,var-2,sum,a-1-grade,a-2-grade';
const PROTOCOL_HEAD = 'Пользователь;Код региона;Регион;Муниципалитет;Школа;Дата загрузки;Код;Вариант;1 (1б);2 (2б);Наименование класса;Пол;Отметка за предыдущий триместр/ четверть/полугодие;Итого баллов';
const OBJ_HEAD = 'Год;Логин;Муниципалитет;ОО;4 РУ;4 МА;5 РУ;5 МА;Количество маркеров';

/** An xlsx workbook from sheets of rows (cells may be SheetJS cell objects), with a fixed date. */
export function xlsx(sheets: Array<{ name: string; rows: unknown[][]; merges?: XLSX.Range[]; cells?: Record<string, XLSX.CellObject> }>): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) {
    const ws = XLSX.utils.aoa_to_sheet(s.rows);
    if (s.merges) ws['!merges'] = s.merges;
    for (const [ref, cell] of Object.entries(s.cells ?? {})) ws[ref] = cell;
    XLSX.utils.book_append_sheet(wb, ws, s.name);
  }
  wb.Props = { CreatedDate: new Date('2024-01-01T00:00:00Z'), ModifiedDate: new Date('2024-01-01T00:00:00Z') };
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (b: Uint8Array) => {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** A stored (uncompressed) zip archive of the given files: a valid zip that is not a workbook. */
export function zip(files: Array<{ name: string; data: Uint8Array }>): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const f of files) {
    const name = enc(f.name);
    const crc = crc32(f.data);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(6, 0x0800, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, f.data.length, true);
    local.setUint32(22, f.data.length, true);
    local.setUint16(26, name.length, true);
    const central = new DataView(new ArrayBuffer(46));
    central.setUint32(0, 0x02014b50, true);
    central.setUint16(4, 20, true);
    central.setUint16(6, 20, true);
    central.setUint16(8, 0x0800, true);
    central.setUint32(16, crc, true);
    central.setUint32(20, f.data.length, true);
    central.setUint32(24, f.data.length, true);
    central.setUint16(28, name.length, true);
    central.setUint32(42, offset, true);
    const l = concat(new Uint8Array(local.buffer), name, f.data);
    locals.push(l);
    centrals.push(concat(new Uint8Array(central.buffer), name));
    offset += l.length;
  }
  const dir = concat(...centrals);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, files.length, true);
  end.setUint16(10, files.length, true);
  end.setUint32(12, dir.length, true);
  end.setUint32(16, offset, true);
  return concat(...locals, dir, new Uint8Array(end.buffer));
}

/** Deterministic pseudo-random bytes. */
function noise(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const studentAoa = () => [STUDENT_HEAD.split(','), ...STUDENT_ROWS.map((r) => r.replace(/"/g, '').split(','))];

/** The whole corpus. */
export function malformedCorpus(): MalformedCase[] {
  const cases: MalformedCase[] = [];
  const failed = (group: MalformedCase['group'], file: string, what: string, bytes: Uint8Array, ...expect: Array<string | string[]>) =>
    cases.push({ group, file, what, status: 'failed', expect, bytes });
  const ok = (group: MalformedCase['group'], file: string, what: string, bytes: Uint8Array, rows: number, check?: MalformedCase['check']) =>
    cases.push({ group, file, what, status: 'ok', rows, bytes, ...(check ? { check } : {}) });
  const good = enc(STUDENT_GOOD);

  // ── Encodings ──────────────────────────────────────────────────────────────────────────────────
  ok('кодировка', 'utf16le-no-bom.csv', 'UTF-16LE без BOM (Excel «Юникод-текст», BOM срезан)', utf16(STUDENT_GOOD, 'le'), 3,
    { sql: `SELECT count(*)::INTEGER AS n FROM student_results WHERE subject = 'Математика' AND student_code IN ('s1','s2','s3')`, rows: [{ n: 3 }] });
  ok('кодировка', 'utf16be-no-bom.csv', 'UTF-16BE без BOM', utf16(STUDENT_GOOD.replace(/s(\d)/g, 'b$1'), 'be'), 3);
  failed('кодировка', 'utf16le-no-bom-bad.csv', 'UTF-16LE без BOM с ошибкой в балле: сообщение читается по-русски',
    utf16(students('2024,ВПР,Математика,4,990101,4а,s9,1,двенадцать,20,4,4,,0'), 'le'), 'строка 2, столбец «первичный балл»: значение «двенадцать»');
  failed('кодировка', 'utf16le-bom-tab-bad.txt', 'UTF-16LE с BOM, табуляция (Excel «Юникод-текст»), оценка 7',
    utf16(students('2024,ВПР,Математика,4,990101,4а,s9,1,12,20,7,4,,0').replace(/,/g, '\t'), 'le', true), 'столбец «отметка»: значение «7»');
  failed('кодировка', 'mixed-utf8-cp1251-values.csv', 'заголовок и первая строка в UTF-8, вторая — в windows-1251: файл читается как windows-1251',
    concat(enc(students('2024,ВПР,Математика,4,990101,4а,s1,1,12,20,4,4,,0')), cp1251('2024,ВПР,Математика,4,990101,4а,s2,1,12,20,4,4,,0\n')),
    'столбец «предмет»', 'название предмета');
  failed('кодировка', 'mixed-utf8-header-cp1251.csv', 'русский заголовок в UTF-8, строки в windows-1251',
    concat(enc('год;процедура;предмет;параллель;код ОО;участников\n'), cp1251('2024;ОГЭ;Математика;9;990101;10\n')), NOT_RECOGNISED);
  failed('кодировка', 'invalid-utf8-ff.csv', 'байт 0xFF внутри балла (недопустим в UTF-8)',
    concat(enc(STUDENT_HEAD + '\n2024,ВПР,Математика,4,990101,4а,s9,1,1'), new Uint8Array([0xff]), enc('2,20,4,4,,0\n')), 'столбец «первичный балл»: значение «1я2»');
  failed('кодировка', 'invalid-utf8-overlong.csv', 'слишком длинная последовательность 0xC0 0xAF в коде школы',
    concat(enc(STUDENT_HEAD + '\n2024,ВПР,Математика,4,99'), new Uint8Array([0xc0, 0xaf]), enc('01,4а,s9,1,12,20,4,4,,0\n2024,ВПР,Математика,4,990101,4а,s9,1,12,20,4,4,,0\n')),
    'столбец «предмет»');
  failed('кодировка', 'invalid-utf8-surrogate.csv', 'закодированный суррогат 0xED 0xA0 0x80 в отметке',
    concat(enc(STUDENT_HEAD + '\n2024,ВПР,Matematika,4,990101,4а,s9,1,12,20,'), new Uint8Array([0xed, 0xa0, 0x80]), enc(',4,,0\n')),
    'столбец «отметка»');
  failed('кодировка', 'invalid-utf8-cut-multibyte.csv', 'последний символ «а» обрезан посередине (0xD0 в конце файла)',
    concat(enc(STUDENT_HEAD + '\n2024,ВПР,Математика,4,990101,4а,s9,1,12,20,4,4,,'), new Uint8Array([0xd0])), 'столбец «предмет»');
  failed('кодировка', 'koi8r-bad-grade.csv', 'KOI8-R с параллелью 13', (() => {
    const s = 'год;процедура;предмет;параллель;код ОО;участников\n2024;ОГЭ;Математика;13;990101;10\n';
    const koi = 'юабцдефгхийклмнопярстужвьызшэщчъЮАБЦДЕФГХИЙКЛМНОПЯРСТУЖВЬЫЗШЭЩЧЪ';
    return Uint8Array.from([...s].map((ch) => (ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : 0xc0 + koi.indexOf(ch))));
  })(), 'столбец «параллель»: значение «13»');
  failed('кодировка', 'bom-in-the-middle.csv', 'BOM в начале второй строки данных (склеенные файлы)',
    concat(enc(students(STUDENT_ROWS[0]!)), new Uint8Array([0xef, 0xbb, 0xbf]), enc(STUDENT_ROWS[1]! + '\n')), 'строка 3, столбец «год»');
  failed('кодировка', 'bom-twice.csv', 'два BOM подряд в начале: второй прилипает к заголовку',
    concat(new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), enc('год;код ОО\n2024;1\n')), 'нет столбцов: «ШНОР»');
  failed('кодировка', 'nul-in-value.csv', 'NUL-байт внутри предмета',
    enc(students('2024,ВПР,Мат\0ематика,4,990101,4а,s9,1,12,20,4,4,,0')), 'двоичные данные');
  failed('кодировка', 'nul-after-8k.csv', 'NUL-байт после первых 8 КБ (не виден проверке начала файла)',
    enc(students(...Array.from({ length: 200 }, (_, i) => `2024,ВПР,Математика,4,990101,4а,n${i},1,12,20,4,4,,0`), '2024,ВПР,Математика,4,990101,4а,z\0z,1,12,20,4,4,,0')),
    'строка 202', 'нулевой байт (NUL)');

  // ── Truncation at every structural point ─────────────────────────────────────────────────────────
  const cut = (n: number) => good.subarray(0, n);
  const at = (needle: string, offset = 0) => enc(STUDENT_GOOD.slice(0, STUDENT_GOOD.indexOf(needle) + offset)).length;
  failed('обрезка', 'cut-mid-header.csv', 'обрезан посреди заголовка', cut(at('school_id')), 'нет столбцов: «код ОО», «код обучающегося»');
  failed('обрезка', 'cut-mid-header-late.csv', 'обрезан перед необязательными столбцами заголовка', cut(at('test_score')), 'строка 1', 'только заголовок');
  failed('обрезка', 'cut-after-header.csv', 'обрезан сразу после заголовка (без перевода строки)', cut(at('\n')), 'только заголовок');
  failed('обрезка', 'cut-after-header-newline.csv', 'обрезан после перевода строки заголовка', cut(at('\n', 1)), 'только заголовок');
  failed('обрезка', 'cut-mid-row-code.csv', 'обрезан на коде обучающегося первой строки', cut(at('s1,') + 1), 'балл участника');
  failed('обрезка', 'cut-mid-row-slice.csv', 'обрезан посреди предмета первой строки', cut(at('Математика') + 6), 'строка 2, столбец «параллель»: значение «» — ожидалось: непустое значение');
  failed('обрезка', 'cut-mid-row-year.csv', 'обрезан на годе первой строки', cut(at('2024') + 2), 'столбец «год»: значение «20»');
  failed('обрезка', 'cut-inside-quotes.csv', 'обрезан внутри поля в кавычках', cut(at('"s3') + 2), 'строка 4', 'значение в кавычках не закрыто');
  failed('обрезка', 'unclosed-quote-middle.csv', 'незакрытая кавычка в середине файла',
    enc(students('2024,ВПР,Математика,4,990101,"4а,s1,1,12,20,4,4,,0', ...STUDENT_ROWS.slice(1))), 'строка 2', 'значение в кавычках не закрыто');
  failed('обрезка', 'cut-xlsx-half.xlsx', 'книга xlsx обрезана наполовину', (() => {
    const b = xlsx([{ name: 'Лист1', rows: studentAoa() }]);
    return b.subarray(0, b.length >> 1);
  })(), 'книга Excel (xlsx)', 'повреждён');

  // ── Structure: delimiters, ragged rows, lines ───────────────────────────────────────────────────
  failed('структура', 'colon-delimited.csv', 'разделитель «:»', enc(STUDENT_GOOD.replace(/,/g, ':')), NOT_RECOGNISED);
  failed('структура', 'header-semicolon-rows-comma.csv', 'заголовок через «;», строки через «,»',
    enc([STUDENT_HEAD.replace(/,/g, ';'), ...STUDENT_ROWS, ...STUDENT_ROWS.map((r) => r.replace('s', 'q'))].join('\n') + '\n'), NOT_RECOGNISED);
  failed('структура', 'decimal-comma-unquoted.csv', 'десятичная запятая без кавычек в файле с разделителем «,»: столбцы сдвинуты',
    enc(students('2024,ВПР,Математика,4,990101,4а,s9,1,12,5,20,4,4,,0')), 'столбец «отметка»: значение «20»');
  failed('структура', 'ragged-short-row.csv', 'строка короче заголовка (нет кода обучающегося и балла)',
    enc(students(STUDENT_ROWS[0]!, '2024,ВПР,Математика,4,990101')), 'строка 3, столбец «код обучающегося»', 'непустое значение');
  failed('структура', 'ragged-long-row.csv', 'лишняя ячейка в середине строки: значения сдвинуты',
    enc(students('2024,ВПР,ВПР,Математика,4,990101,4а,s9,1,12,20,4,4,,0')), 'столбец «предмет»: значение «ВПР»');
  failed('структура', 'one-line.csv', 'одна строка данных без заголовка', enc('2024,ВПР,Математика,4,990101,4а,s1,1,12,20,4,4,,0'), NOT_RECOGNISED);
  failed('структура', 'header-only-crlf.csv', 'только заголовок, CRLF и пустые строки', enc(STUDENT_HEAD + '\r\n\r\n\r\n'), 'только заголовок');
  failed('структура', 'blank-lines-only.csv', 'только пустые строки и разделители', enc('\n\n;;;\n,,,\n\t\t\n'), NOT_RECOGNISED);
  failed('структура', 'whitespace-only.csv', 'только пробелы', enc('   \n  \n'), NOT_RECOGNISED);
  failed('структура', 'html-page.csv', 'страница HTML вместо выгрузки', enc('<!doctype html><html><body><table><tr><td>год</td></tr></table></body></html>\n'), NOT_RECOGNISED);
  failed('структура', 'json.csv', 'JSON вместо таблицы', enc(JSON.stringify([{ year: 2024, school_id: '990101' }])), 'значение в кавычках не закрыто или после закрывающей кавычки идёт текст');
  failed('структура', 'header-row-31.csv', 'заголовок ниже 30 строк заголовка', enc('титул\n'.repeat(31) + STUDENT_GOOD), NOT_RECOGNISED);
  failed('структура', 'cr-only-lines-bad.csv', 'переводы строк CR (старый Mac) и оценка 9',
    enc(students('2024,ВПР,Математика,4,990101,4а,s9,1,12,20,9,4,,0').replace(/\n/g, '\r')), 'столбец «отметка»: значение «9»');
  failed('структура', 'quoted-newline-in-code.csv', 'перевод строки внутри кавычек в коде школы',
    enc(students('2024,ВПР,Математика,4,"9901\n01",4а,s9,1,12,20,4,4,,0', '2024,ВПР,Математика,4,990101,4а,s9,1,12,20,4,4,,0', '2024,ВПР,Математика,4,990101,4а,s8,1,30,20,4,4,,0')), 'первичный балл не больше максимального');
  failed('структура', 'duplicate-header-columns.csv', 'столбец «первичный балл» дважды, второй с текстом',
    enc('year,procedure,subject,grade,school_id,student_code,primary_score,max_score,mark,primary_score\n2024,ВПР,Математика,4,990101,s1,abc,20,4,12\n'), 'столбец «первичный балл»: значение «abc»');
  failed('структура', 'formula-injection-in-score.csv', 'формула Excel в балле', enc(students(`2024,ВПР,Математика,4,990101,4а,s9,1,=1+1,20,4,4,,0`)), 'значение «=1+1»');
  failed('структура', 'sql-in-values.csv', 'SQL в значениях (предмет)', enc(students(`2024,ВПР,"Математика'); DROP TABLE imports; --",4,990101,4а,s9,1,12,20,4,4,,0`)), 'DROP TABLE imports');
  failed('структура', 'sql-in-header.csv', 'SQL в заголовке', enc(`year,procedure,subject,grade,"school_id"");DROP TABLE imports;--",student_code\n2024,ВПР,Математика,4,1,1\n`), 'нет столбцов');

  // ── xlsx ─────────────────────────────────────────────────────────────────────────────────────────
  failed('xlsx', 'zip-not-xlsx.xlsx', 'архив zip с текстовым файлом, не книга', zip([{ name: 'readme.txt', data: enc('это не книга') }]), 'книга Excel (xlsx)');
  failed('xlsx', 'zip-with-csv-inside.zip', 'архив zip с CSV внутри', zip([{ name: 'data.csv', data: good }]), 'книга Excel (xlsx)');
  failed('xlsx', 'docx-like.xlsx', 'документ Word под именем xlsx', zip([{ name: '[Content_Types].xml', data: enc('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') }, { name: 'word/document.xml', data: enc('<w:document/>') }]), 'книга Excel (xlsx)');
  failed('xlsx', 'pk-noise.xlsx', '«PK» и шум', concat(enc('PK'), noise(4000, 7)), 'нулевой байт (NUL)');
  failed('xlsx', 'empty-sheets.xlsx', 'книга из 20 пустых листов', xlsx(Array.from({ length: 20 }, (_, i) => ({ name: `Лист${i + 1}`, rows: [] }))), 'нет листов с данными');
  failed('xlsx', 'twenty-garbage-sheets.xlsx', '20 листов без известного заголовка', xlsx(Array.from({ length: 20 }, (_, i) => ({ name: `Лист${i + 1}`, rows: [['а', 'б'], [i, i * 2]] }))), NOT_RECOGNISED);
  ok('xlsx', 'twenty-sheets.xlsx', '20 листов, данные на 17-м', xlsx(Array.from({ length: 20 }, (_, i) => ({
    name: `Лист${i + 1}`,
    rows: i === 16 ? studentAoa().map((r) => r.map((c) => c.replace(/^s(\d)$/, 't$1'))) : [['примечание'], [`лист ${i + 1}`]],
  }))), 3, { sql: `SELECT count(*)::INTEGER AS n FROM student_results WHERE student_code IN ('t1','t2','t3')`, rows: [{ n: 3 }] });
  ok('xlsx', 'formulas-cached.xlsx', 'баллы — формулы, читаются сохранённые значения', xlsx([{
    name: 'Результаты',
    rows: studentAoa().map((r) => r.map((c) => c.replace(/^s(\d)$/, 'f$1'))),
    cells: {
      I2: { t: 'n', v: 12, f: 'J2-8' },
      I3: { t: 'n', v: 5, f: '2+3' },
      I4: { t: 'n', v: 18, f: 'SUM(J4,-2)' },
      K2: { t: 'n', v: 4, f: 'IF(I2>10,4,3)' },
    },
  }]), 3, { sql: `SELECT student_code, primary_score, mark FROM student_results WHERE student_code LIKE 'f%' ORDER BY 1`, rows: [
    { student_code: 'f1', primary_score: 12, mark: 4 }, { student_code: 'f2', primary_score: 5, mark: 2 }, { student_code: 'f3', primary_score: 18, mark: 5 },
  ] });
  failed('xlsx', 'formula-error-cached.xlsx', 'формула с ошибкой #DIV/0! в балле', xlsx([{
    name: 'Лист1', rows: studentAoa(), cells: { I3: { t: 'e', v: 7, f: '1/0' } },
  }]), 'строка 3, столбец «первичный балл»', '#DIV/0!');
  const mergedSheet = (first: number, n: number, code: string) => {
    const rows: unknown[][] = [STUDENT_HEAD.split(',')];
    for (let i = 0; i < n; i++) rows.push([2024, 'ВПР', 'Математика', 4, i === 0 || i < first ? code : '', '4а', `${code}m${i}`, 1, 10, 20, 4, 4, '', 0]);
    const merges: XLSX.Range[] = [{ s: { r: first + 1, c: 4 }, e: { r: n, c: 4 } }, { s: { r: 1, c: 0 }, e: { r: n, c: 0 } }];
    for (let r = 1; r + 1 <= n; r += 2) merges.push({ s: { r, c: 5 }, e: { r: r + 1, c: 5 } });
    return xlsx([{ name: 'Лист1', rows, merges }]);
  };
  ok('xlsx', 'merged-everywhere.xlsx', 'объединённые ячейки по всему листу: код школы и год на 40 строк, класс по парам строк', mergedSheet(0, 40, '990103'), 40,
    { sql: `SELECT count(*)::INTEGER AS n, min(school_id) AS lo, max(school_id) AS hi, min(year) AS y FROM student_results WHERE student_code LIKE '990103m%'`, rows: [{ n: 40, lo: '990103', hi: '990103', y: 2024 }] });
  failed('xlsx', 'merged-below-header-area.xlsx', 'код школы объединён на строки 36–41 (ниже области заголовка): пустые ячейки названы', mergedSheet(34, 40, '990104'), 'строка 37, столбец «код ОО»', 'непустое значение');
  failed('xlsx', 'merge-to-last-cell.xlsx', 'объединение A2:XFD1048576 (17 млрд ячеек): не зависает', xlsx([{
    name: 'Лист1', rows: studentAoa(), merges: [{ s: { r: 1, c: 0 }, e: { r: 1048575, c: 16383 } }],
  }]), 'столбец «процедура»: значение «2024»');
  failed('xlsx', 'scores-as-text.xlsx', 'баллы текстом «двенадцать» в xlsx', xlsx([{
    name: 'Лист1', rows: studentAoa().map((r, i) => (i === 2 ? r.map((c, j) => (j === 8 ? 'пять' : c)) : r)),
  }]), 'строка 3, столбец «первичный балл»: значение «пять»');
  failed('xlsx', 'xlsx-header-only.xlsx', 'xlsx только с заголовком', xlsx([{ name: 'Лист1', rows: [STUDENT_HEAD.split(',')] }]), 'только заголовок');
  failed('xlsx', 'xlsx-dates-as-year.xlsx', 'год — дата Excel', xlsx([{
    name: 'Лист1', rows: [STUDENT_HEAD.split(','), [new Date('2024-05-01T00:00:00Z'), 'ВПР', 'Математика', 4, '990101', '4а', 'd1', 1, 12, 20, 4, 4, '', 0]],
  }]), 'столбец «год»');

  // ── Values ───────────────────────────────────────────────────────────────────────────────────────
  failed('значения', 'negative-count.csv', 'отрицательное число «2»', enc(schoolRes('2024,ОГЭ,Математика,9,990101,10,-1,3,4,3,')), 'столбец ««2»»: значение «-1»');
  failed('значения', 'percentages-150.csv', 'в «2»…«5» проценты с суммой 150 вместо числа участников',
    enc(schoolRes('2024,ВПР,Математика,4,990101,100,20,40,50,40,')), 'число участников не меньше суммы «2»+«3»+«4»+«5»');
  failed('значения', 'fractional-count.csv', 'дробное число участников', enc(schoolRes('2024,ВПР,Математика,4,990101,"10,5",1,2,3,4,')), 'целое число');
  failed('значения', 'year-1900.csv', 'год 1900', enc(schoolRes('1900,ВПР,Математика,4,990101,10,1,2,3,4,')), 'столбец «год»: значение «1900»');
  failed('значения', 'year-2101.csv', 'год 2101', enc(schoolRes('2101,ВПР,Математика,4,990101,10,1,2,3,4,')), 'столбец «год»: значение «2101»');
  failed('значения', 'year-text.csv', 'год «2023/2024»', enc(schoolRes('2023/2024,ВПР,Математика,4,990101,10,1,2,3,4,')), 'значение «2023/2024»');
  failed('значения', 'huge-number.csv', 'число участников 1e308', enc(schoolRes('2024,ВПР,Математика,4,990101,1e308,1,2,3,4,')), 'столбец «участников»');
  failed('значения', 'nan-infinity.csv', 'средний балл NaN и Infinity', enc(schoolRes('2024,ВПР,Математика,4,990101,10,1,2,3,4,NaN', '2024,ВПР,Математика,4,990102,10,1,2,3,4,Infinity')), 'столбец «средний балл»: значение «NaN»');
  failed('значения', 'duplicate-slices.csv', 'одна и та же школа и срез дважды с разными числами',
    enc(schoolRes('2024,ВПР,Математика,4,990101,10,1,2,3,4,', '2024,ВПР,математика,4,990101,12,1,2,3,4,')), 'строка встречается в файле один раз');
  failed('значения', 'duplicate-students.csv', 'один код обучающегося дважды', enc(students(STUDENT_ROWS[0]!, STUDENT_ROWS[0]!.replace(',12,', ',13,'))), 'строка 3', 'строка встречается в файле один раз');
  failed('значения', 'score-above-max.csv', 'балл выше максимального', enc(students('2024,ВПР,Математика,4,990101,4а,s9,1,99,20,5,5,,0')), 'первичный балл не больше максимального');
  failed('значения', 'absent-flag-garbage.csv', 'отсутствовал = «может быть»', enc(students('2024,ВПР,Математика,4,990101,4а,s9,1,12,20,4,4,,может быть')), 'столбец «отсутствовал»: значение «может быть»', '1 или 0');
  failed('значения', 'journal-mark-0.csv', 'отметка по журналу 0', enc(students('2024,ВПР,Математика,4,990101,4а,s9,1,12,20,4,0,,0')), 'столбец «отметка по журналу»: значение «0»');
  failed('значения', 'school-code-short.csv', 'код ОО «12»: в нём нет номера из трёх цифр', enc(students('2024,ВПР,Математика,4,12,4а,s9,1,12,20,4,4,,0')), 'столбец «код ОО»: значение «12»', 'номером из трёх и более цифр');
  failed('значения', 'school-code-words.csv', 'результаты школ: код ОО «школа»', enc(schoolRes('2024,ВПР,Математика,4,школа,10,1,2,3,4,')), 'столбец «код ОО»: значение «школа»');
  failed('шаблоны', 'schools-code-short.csv', 'справочник школ: код «7»', enc('school_id,name\n7,Школа 7\n'), 'столбец «код ОО»: значение «7»');
  failed('значения', 'long-value.csv', 'предмет из 50 000 букв', enc(students(`2024,ВПР,${'Я'.repeat(50_000)},4,990101,4а,s9,1,12,20,4,4,,0`)), 'столбец «предмет»');

  // ── Templates ────────────────────────────────────────────────────────────────────────────────────
  failed('шаблоны', 'schools-duplicate-ids.csv', 'справочник школ: один код дважды', enc('school_id,name,municipality\n990101,Школа 1,Город\nsch990101,Школа 1 (дубль),Город\n'), 'строка встречается в файле один раз');
  failed('шаблоны', 'schools-no-name.csv', 'справочник школ без названия', enc('school_id,name\n990101,\n'), 'столбец «наименование ОО»', 'непустое значение');
  failed('шаблоны', 'scales-not-increasing.csv', 'шкала: «4» ниже «3»', enc('procedure,year,subject,grade,max_score,min_score_3,min_score_4,min_score_5\nВПР,2024,Математика,4,20,10,6,15\n'), 'границы по возрастанию');
  failed('шаблоны', 'categories-shnor-garbage.csv', 'категории: ШНОР = «наверное»', enc('year,school_id,shnor\n2024,990101,наверное\n'), 'столбец «ШНОР»: значение «наверное»');
  failed('шаблоны', 'risk-profile-unknown-factor.csv', 'рисковый профиль: неизвестный фактор', enc('school_id,year,risk_code,level,activated\n990101,2024,Риск 99,высокий,да\n'), 'Риск 99');

  // ── ФИС ОКО variants with garbage ────────────────────────────────────────────────────────────────
  failed('ФИС ОКО', `${FIS2021_NAME} (мусор в баллах).csv`, 'выгрузка 2021: «всего баллов» = «н/я» и дробный балл',
    fis2021('sch220206;р-н;1;40001;5;ж;НЕТ;1;н/я;1;1;;;', 'sch220206;р-н;2;40002;4;м;НЕТ;1;7,5;1;1;;;'), 'целое число баллов');
  failed('ФИС ОКО', `${FIS2021_NAME} (балл -3).csv`, 'выгрузка 2021: отрицательный балл', fis2021('sch220206;р-н;1;40001;5;ж;НЕТ;1;-3;1;1;;;'), 'значение «-3»', 'целое число баллов');
  failed('ФИС ОКО', `${FIS2021_NAME} (без варианта).csv`, 'выгрузка 2021 без столбца «вариант»',
    cp1251('логин школы;регион;номер обучающегося;код обучающегося;пол;класс;всего баллов\r\nsch220206;р-н;1;40001;ж;НЕТ;20\r\n'), 'нет столбцов: «вариант»');
  failed('ФИС ОКО', `${FIS2021_NAME} (пустой логин).csv`, 'выгрузка 2021 с пустым логином школы', fis2021(';р-н;1;40001;5;ж;НЕТ;1;12;1;1;;;'), 'столбец «логин школы»', 'непустое значение');
  failed('ФИС ОКО', `${FIS2021_NAME} (повтор).csv`, 'выгрузка 2021: один обучающийся дважды', fis2021('sch220206;р-н;1;40001;5;ж;НЕТ;1;12;1;1;;;', 'sch220206;р-н;1;40001;5;ж;НЕТ;1;13;1;1;;;'), 'строка встречается в файле один раз');
  failed('ФИС ОКО', `${FIS2021_NAME} (журнал 7).csv`, 'выгрузка 2021: отметка по журналу 7', fis2021('sch220206;р-н;1;40001;7;ж;НЕТ;1;12;1;1;;;'), 'значение «7»', 'отметка от 1 до 5');
  failed('ФИС ОКО', 'Проведение работы по алхимии, 4 класс. ВПР 2021.csv', 'выгрузка 2021, неизвестный предмет в имени файла', fis2021('sch220206;р-н;1;40001;5;ж;НЕТ;1;12;1;1;;;'), 'известный предмет');
  failed('ФИС ОКО', 'Проведение работы по математике, 4 класс. ВПР 2019.csv', 'выгрузка 2021 за год без шкалы', fis2021('sch220206;р-н;1;40001;5;ж;НЕТ;1;12;1;1;;;'), 'шкала перевода баллов в отметки');
  failed('ФИС ОКО', 'Математика 4 класс (2020).csv', 'выгрузка 2020: «sum» текстом, год не указан', enc(`${FIS2020_HEAD}\ng1,sch220206,1,40001,5,ж,4а,1,,abc,1,1\n`), 'не удалось определить год');
  failed('ФИС ОКО', 'История 11 класс протокол.csv', 'протокол 2022: «Итого баллов» = «много»',
    cp1251(`${PROTOCOL_HEAD}\r\nu1;22;Алтайский край;Город;edu223568 | Школа;12.04.2023;1001;1;1;2;11а;ж;5;много\r\n`), 'значение «много»');
  failed('ФИС ОКО', 'objectivity-markers-7.csv', 'список необъективности: «Количество маркеров» 7 и «4 РУ» = «да?»',
    cp1251(`${OBJ_HEAD}\r\n2024;edu053001;Город;Школа;да?;;;;7\r\n`), 'столбец «4 РУ»: значение «да?»');
  failed('ФИС ОКО', 'objectivity-no-count.csv', 'список необъективности без «Количество маркеров» у строки', cp1251(`${OBJ_HEAD}\r\n2024;edu053001;Город;Школа;1;;;;\r\n`), 'столбец «Количество маркеров»', 'непустое значение');
  failed('ФИС ОКО', `${FIS2021_NAME} (заголовок UTF-8 с мусором).csv`, 'выгрузка 2021 с мусорными строками-титулами и сдвинутым заголовком',
    enc(['мусор;;;', '"незакрытый; титул', FIS2021_HEAD.replace('код обучающегося', 'код участника'), 'sch220206;р-н;1;40001;5;ж;НЕТ;1;20;1;1;;;'].join('\n') + '\n'), 'строка 2', 'значение в кавычках не закрыто');
  return cases;
}

/** The fixtures' folder. */
export const FIXTURES = path.resolve(import.meta.dirname, '..', 'test', 'fixtures', 'malformed');

/** The manifest entry of a case (everything but its bytes). */
export type ManifestEntry = Omit<MalformedCase, 'bytes'> & { bytes: number };

function main(): void {
  const cases = malformedCorpus();
  const names = new Set<string>();
  for (const c of cases) {
    if (names.has(c.file)) throw new Error(`duplicate fixture name ${c.file}`);
    names.add(c.file);
    if (c.bytes.length >= 200 * 1024) throw new Error(`${c.file} is ${c.bytes.length} bytes: keep fixtures under 200 KB`);
  }
  mkdirSync(FIXTURES, { recursive: true });
  for (const f of readdirSync(FIXTURES)) rmSync(path.join(FIXTURES, f));
  for (const c of cases) writeFileSync(path.join(FIXTURES, c.file), c.bytes);
  const manifest: ManifestEntry[] = cases.map(({ bytes, ...rest }) => ({ ...rest, bytes: bytes.length }));
  writeFileSync(path.join(FIXTURES, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  const total = cases.reduce((n, c) => n + c.bytes.length, 0);
  if (total >= 3 * 1024 * 1024) throw new Error(`the corpus is ${total} bytes: keep it under 3 MB`);
  console.log(`${cases.length} fixtures (${cases.filter((c) => c.status === 'failed').length} must fail), ${(total / 1024).toFixed(0)} KiB in ${FIXTURES}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
