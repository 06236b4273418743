/** formatProblem / formatProblems / plural (src/core/import-problem.ts). */
import { describe, it, expect } from 'vitest';
import { formatProblem, formatProblems, plural, type ImportProblem } from '../../src/core/import-problem.ts';

describe('formatProblem', () => {
  it.each<{ name: string; p: ImportProblem; out: string }>([
    {
      name: 'everything present',
      p: {
        file: 'ВПР 2021.xlsx',
        sheet: 'Протокол',
        row: 17,
        column: 'всего баллов',
        value: '45',
        expected: 'балл не больше максимального по шкале',
        hint: 'Проверьте шкалу перевода.',
      },
      out: '«ВПР 2021.xlsx», лист «Протокол», строка 17, столбец «всего баллов»: значение «45» — ожидалось: балл не больше максимального по шкале. Проверьте шкалу перевода.',
    },
    {
      name: 'CSV: no sheet, no hint',
      p: { file: 'schools.csv', row: 3, column: 'код ОО', value: 'abc', expected: 'код школы из цифр' },
      out: '«schools.csv», строка 3, столбец «код ОО»: значение «abc» — ожидалось: код школы из цифр.',
    },
    {
      name: 'file-level problem: only file and expectation',
      p: { file: 'data.csv', expected: 'таблица с известными столбцами' },
      out: '«data.csv» — ожидалось: таблица с известными столбцами.',
    },
    {
      name: 'column and hint without row or value',
      p: { file: 'a.csv', column: 'участников', expected: 'столбец «участников»', hint: 'Добавьте его.' },
      out: '«a.csv», столбец «участников» — ожидалось: столбец «участников». Добавьте его.',
    },
    {
      name: 'empty value is still shown; row 0 is still a row',
      p: { file: 'a.csv', row: 0, value: '', expected: 'непустое значение' },
      out: '«a.csv», строка 0: значение «» — ожидалось: непустое значение.',
    },
    {
      name: 'empty sheet name and empty hint are left out',
      p: { file: 'b.xlsx', sheet: '', row: 2, expected: 'x', hint: '' },
      out: '«b.xlsx», строка 2 — ожидалось: x.',
    },
  ])('$name', ({ p, out }) => {
    expect(formatProblem(p)).toBe(out);
  });

  it('formatProblems lists problems and counts the rest', () => {
    const ps: ImportProblem[] = [
      { file: 'a.csv', row: 2, expected: 'x' },
      { file: 'a.csv', row: 3, expected: 'y' },
    ];
    expect(formatProblems(ps)).toBe('«a.csv», строка 2 — ожидалось: x.\n«a.csv», строка 3 — ожидалось: y.');
    expect(formatProblems(ps, 21)).toBe('«a.csv», строка 2 — ожидалось: x.\n«a.csv», строка 3 — ожидалось: y.\n…и ещё 21 ошибка.');
    expect(formatProblems(ps, 3).split('\n')[2]).toBe('…и ещё 3 ошибки.');
    expect(formatProblems(ps, 12).split('\n')[2]).toBe('…и ещё 12 ошибок.');
    expect(formatProblems([], 0)).toBe('');
  });
});

describe('plural', () => {
  const school = (n: number) => `${n} ${plural(n, 'школа', 'школы', 'школ')}`;
  it.each([
    [0, '0 школ'],
    [1, '1 школа'],
    [2, '2 школы'],
    [4, '4 школы'],
    [5, '5 школ'],
    [10, '10 школ'],
    [11, '11 школ'],
    [12, '12 школ'],
    [14, '14 школ'],
    [19, '19 школ'],
    [20, '20 школ'],
    [21, '21 школа'],
    [22, '22 школы'],
    [25, '25 школ'],
    [101, '101 школа'],
    [111, '111 школ'],
    [112, '112 школ'],
    [122, '122 школы'],
    [1001, '1001 школа'],
    [-1, '-1 школа'],
  ])('%i → %s', (n, out) => {
    expect(school(n)).toBe(out);
  });
});
