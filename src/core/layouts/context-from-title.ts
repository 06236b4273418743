import { canonicalSubject } from '../subjects.ts';

/** Year, procedure, subject and grade a title or file name tells (each only when it is there). */
export interface TitleContext {
  year?: number;
  subject?: string;
  grade?: number;
  procedure?: string;
}

/** «работы по математике, 4 класс»: the ФИС ОКО title, subject in the dative. */
const DATIVE = /работы по (.+?),\s*(\d{1,2})\s*класс/i;
/** «Математика 4 класс», «Русский язык 5 класс», «История 11-й класс»: up to three words, then the grade. */
const NOMINATIVE = /(?:^|[^\p{L}])((?:\p{L}+[ \u00a0]+){0,2}\p{L}+)[ \u00a0_]+(\d{1,2})(?:-?й)?[ \u00a0_]*класс/iu;
/** «Предмет: Математика» in the title rows of ФИС ОКО reports and РЦОИ protocols: the words after the label. */
const LABELLED_SUBJECT = /Предмет\s*:\s*([^:]+)/iu;
/** «Класс: 4», «Параллель: 11». */
const LABELLED_GRADE = /(?:Класс|Параллель)\s*:\s*(\d{1,2})(?!\d)/iu;
/** «ВПР 2021», «ОГЭ-2024», «впр_2022». */
const PROCEDURE_YEAR = /(ВПР|ОГЭ|ЕГЭ)\s*[-_ ]?\s*(20\d\d)/i;

/**
 * Reads year, subject and grade from a ФИС ОКО title or file name: «Проведение работы по
 * математике, 4 класс. ВПР 2021» (subject as written, the importer canonicalises and checks it) or
 * the regional systems' file names «Математика 4 класс», «История 11 класс» (subject in the
 * nominative, accepted only when canonicalSubject knows it, and returned canonical). Title rows
 * above a header and the file name both go through it; see `resolveContext` in import-file.ts.
 */
export function contextFromTitle(title: string): TitleContext {
  const out: TitleContext = {};
  const dative = DATIVE.exec(title);
  if (dative?.[1] && dative[2]) {
    out.subject = dative[1];
    out.grade = Number(dative[2]);
  } else if (LABELLED_SUBJECT.test(title)) {
    // The longest known subject at the start of the words after «Предмет:» (up to four words).
    const words = (LABELLED_SUBJECT.exec(title)?.[1] ?? '').split(/[\s\u00a0]+/).filter(Boolean).slice(0, 4);
    for (let n = words.length; n > 0; n--) {
      const subject = canonicalSubject(words.slice(0, n).join(' ').replace(/[.,;]+$/u, ''));
      if (subject) {
        out.subject = subject;
        break;
      }
    }
    const grade = LABELLED_GRADE.exec(title);
    if (grade?.[1]) out.grade = Number(grade[1]);
  } else {
    const nominative = NOMINATIVE.exec(title);
    if (nominative?.[1] && nominative[2]) {
      // The longest known subject ending right before the grade: «Русский язык», not «язык».
      const words = nominative[1].split(/[ \u00a0]+/);
      for (let i = 0; i < words.length; i++) {
        const subject = canonicalSubject(words.slice(i).join(' '));
        if (subject) {
          out.subject = subject;
          out.grade = Number(nominative[2]);
          break;
        }
      }
    }
  }
  const year = PROCEDURE_YEAR.exec(title);
  if (year?.[1] && year[2]) {
    out.procedure = year[1].toUpperCase();
    out.year = Number(year[2]);
  }
  return out;
}
