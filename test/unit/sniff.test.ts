/** sniffDialect (src/core/sniff.ts): delimiter by the most rows agreeing on the largest cell count. */
import { describe, it, expect } from 'vitest';
import { sniffDialect } from '../../src/core/sniff.ts';

/** Rows without the trailing empty line a final newline gives. */
const nonEmpty = (rows: string[][]) => rows.filter((r) => r.length > 1 || (r[0] ?? '') !== '');

describe('sniffDialect', () => {
  it.each([
    {
      name: 'semicolon (Russian Excel), decimal commas do not fool it',
      text: 'год;предмет;средний балл\n2021;Математика;15,5\n2022;Математика;16,25\n',
      delimiter: ';',
      rows: [
        ['год', 'предмет', 'средний балл'],
        ['2021', 'Математика', '15,5'],
        ['2022', 'Математика', '16,25'],
      ],
    },
    {
      name: 'comma',
      text: 'school_id,login,name\n990101,sch990101,Школа 1\n990102,sch990102,Школа 2\n',
      delimiter: ',',
      rows: [
        ['school_id', 'login', 'name'],
        ['990101', 'sch990101', 'Школа 1'],
        ['990102', 'sch990102', 'Школа 2'],
      ],
    },
    {
      name: 'tab',
      text: 'логин\tимя\tрегион\nsch1001\tМБОУ СОШ 1, г. Бийск\tБийск\n',
      delimiter: '\t',
      rows: [
        ['логин', 'имя', 'регион'],
        ['sch1001', 'МБОУ СОШ 1, г. Бийск', 'Бийск'],
      ],
    },
    {
      name: 'pipe',
      text: 'a|b|c\n1|2|3\n',
      delimiter: '|',
      rows: [
        ['a', 'b', 'c'],
        ['1', '2', '3'],
      ],
    },
  ])('$name', ({ text, delimiter, rows }) => {
    const d = sniffDialect(text);
    expect(d.delimiter).toBe(delimiter);
    expect(nonEmpty(d.rows)).toEqual(rows);
  });

  it('two title rows above the header (titles containing commas) keep the table delimiter', () => {
    const text = [
      'Проведение работы по математике, 4 класс. ВПР 2021',
      'Выгрузка от 12.05.2021, регион 22',
      'логин школы;регион;код обучающегося;вариант;всего баллов',
      'sch224404;Бийск;10001;1;15',
      'sch224404;Бийск;10002;отсутствовал;',
      'sch224405;Бийск;10003;2;9',
    ].join('\r\n');
    const d = sniffDialect(text);
    expect(d.delimiter).toBe(';');
    expect(d.rows[0]).toEqual(['Проведение работы по математике, 4 класс. ВПР 2021']);
    expect(d.rows[1]).toEqual(['Выгрузка от 12.05.2021, регион 22']);
    expect(d.rows[2]).toEqual(['логин школы', 'регион', 'код обучающегося', 'вариант', 'всего баллов']);
    expect(d.rows[4]).toEqual(['sch224404', 'Бийск', '10002', 'отсутствовал', '']);
    expect(d.rows).toHaveLength(6);
  });

  it('quoted fields containing the delimiter stay one cell', () => {
    const text = 'school_id;name;municipality\n' + '990101;"МБОУ «СОШ №1; корпус 2»";Город\n' + '990102;"Школа ""Ромашка""";Район\n';
    const d = sniffDialect(text);
    expect(d.delimiter).toBe(';');
    expect(nonEmpty(d.rows)).toEqual([
      ['school_id', 'name', 'municipality'],
      ['990101', 'МБОУ «СОШ №1; корпус 2»', 'Город'],
      ['990102', 'Школа "Ромашка"', 'Район'],
    ]);
  });

  it('quoted commas in a comma file', () => {
    const d = sniffDialect('login,name,region\nsch1,"Школа 1, филиал",Бийск\nsch2,"Школа 2, корпус",Бийск\n');
    expect(d.delimiter).toBe(',');
    expect(nonEmpty(d.rows)[1]).toEqual(['sch1', 'Школа 1, филиал', 'Бийск']);
  });

  it('previewRows limits the rows read', () => {
    const text = 'a;b\n' + Array.from({ length: 100 }, (_, i) => `${i};x`).join('\n');
    expect(sniffDialect(text, 5).rows).toHaveLength(5);
  });
});
