import { describe, expect, it } from 'vitest';
import { LAYOUTS } from '../../src/core/layouts/index.ts';
import { contextFromTitle } from '../../src/core/layouts/context-from-title.ts';
import { recogniseLayout } from '../../src/core/layouts/recognise.ts';

/** The ФИС ОКО «Индивидуальные результаты» layout against its neighbours, by header scoring. */
describe('recogniseLayout: «Индивидуальные результаты»', () => {
  const TITLES = [['Индивидуальные результаты'], ['ВПР 2024'], ['Предмет: Математика'], ['Класс: 4']];
  const HEADER = ['Муниципалитет', 'ОО', 'Класс', 'Код', 'Вариант', '1 (1б)', '2 (1б)', '3 (2б)', 'Первичный балл', 'Отметка', 'Отметка по журналу'];
  const PROTOCOL = [
    'Пользователь', 'Код региона', 'Регион', 'Муниципалитет', 'Школа', 'Дата загрузки', 'Код', 'Вариант',
    '1 (1б)', '2 (2б)', 'Наименование класса', 'Пол', 'Отметка за предыдущий триместр/ четверть/полугодие', 'Итого баллов',
  ];

  it('its header below the title rows → fisoko-vpr-individual-results with its columns; the titles give year, subject, grade', () => {
    const { match } = recogniseLayout([...TITLES, HEADER], LAYOUTS);
    expect(match?.layout.id).toBe('fisoko-vpr-individual-results');
    expect(match?.headerRow).toBe(4);
    expect(match?.columns).toEqual({ municipality_ref: 0, school_ref: 1, class: 2, student_code: 3, variant: 4, primary_score: 8, mark: 9, journal_mark: 10 });
    expect(contextFromTitle(TITLES.flat().join(' '))).toEqual({ year: 2024, procedure: 'ВПР', subject: 'Математика', grade: 4 });
  });

  it('the 2022 protocol stays the protocol (no «Отметка»); the protocol with ФИС ОКО\'s mark added is the report', () => {
    expect(recogniseLayout([PROTOCOL], LAYOUTS).match?.layout.id).toBe('fisoko-vpr-protocol-2022');
    expect(recogniseLayout([[...PROTOCOL, 'Отметка']], LAYOUTS).match?.layout.id).toBe('fisoko-vpr-individual-results');
  });

  it('a bare login column and «Код участника» spellings; without «Отметка» it is not this report', () => {
    const minimal = ['Логин ОО', 'Код участника', 'Первичный балл', 'Отметка'];
    expect(recogniseLayout([minimal], LAYOUTS).match?.layout.id).toBe('fisoko-vpr-individual-results');
    const { match, closest } = recogniseLayout([minimal.slice(0, 3)], LAYOUTS);
    expect(match?.layout.id).not.toBe('fisoko-vpr-individual-results');
    if (!match) expect(closest?.missing).toBeDefined();
  });

  it('the РЦОИ student protocol («Код ОО … Балл») is not taken for it', () => {
    const rcoi = ['Код ОО', 'Класс', 'Код участника', 'Вариант', 'Первичный балл', 'Балл'];
    expect(recogniseLayout([rcoi], LAYOUTS).match?.layout.id).toBe('rcoi-student-protocol');
  });
});
