import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, toRussianCsv } from '../../src/core/export/csv.ts';
import { describeFilters, filterSql, filtersFromParams, filtersToParams } from '../../src/core/filters.ts';
import { parseLocation, routeHref } from '../../src/state/route.ts';

describe('filters in the URL', () => {
  it('round-trips through URL parameters and drops invalid values', () => {
    const f = { procedure: 'ВПР', year: 2025, subject: 'Математика', grade: 4, municipality: 'Городской округ «Приозёрский»', category: 'shnor' as const };
    expect(filtersFromParams(filtersToParams(f))).toEqual(f);
    expect(filtersFromParams(new URLSearchParams('year=1800&grade=13&category=vip&subject='))).toEqual({});
  });

  it('puts filters in the hash of every route and reads them back', () => {
    const href = routeHref({ page: 'school', schoolId: '990116' }, { subject: 'Русский язык', grade: 5 });
    expect(href).toBe('#/school/990116?subject=%D0%A0%D1%83%D1%81%D1%81%D0%BA%D0%B8%D0%B9+%D1%8F%D0%B7%D1%8B%D0%BA&grade=5');
    expect(parseLocation(href)).toEqual({ route: { page: 'school', schoolId: '990116' }, filters: { subject: 'Русский язык', grade: 5 } });
    expect(parseLocation('#/')).toEqual({ route: { page: 'overview' }, filters: {} });
    expect(parseLocation('#/nowhere?year=2024')).toEqual({ route: { page: 'overview' }, filters: { year: 2024 } });
  });

  it('builds SQL conditions with literals escaped, and skips what a view ignores', () => {
    expect(filterSql({})).toBe('true');
    expect(filterSql({ year: 2024, subject: "O'Neil" }, 'r', ['year'])).toBe("r.subject = 'O''Neil'");
    expect(filterSql({ category: 'other' }, 'x')).toContain('NOT EXISTS (SELECT 1 FROM school_categories c WHERE c.school_id = x.school_id AND c.year = x.year AND c.shnor)');
    expect(describeFilters({ procedure: 'ОГЭ', year: 2025, category: 'sssu' })).toBe('ОГЭ, 2025 год, ШССУ');
    expect(describeFilters({})).toBe('все данные');
  });
});

describe('exports for Russian Excel', () => {
  const ctx = { title: 'Школы', filters: 'ВПР, 2025 год', sources: 'vpr-2025.csv (01.01.2026)', madeAt: '02.01.2026, 10:00:00', version: '0.1.0' };
  const columns = [
    { key: 'name', label: 'Школа' },
    { key: 'q', label: 'Качество, %' },
    { key: 'shnor', label: 'ШНОР' },
  ];

  it('neutralises formula injection in text cells only', () => {
    for (const s of ['=1+1', '+7', '-2', '@SUM(A1)', '\tx']) expect(neutraliseFormula(s)).toBe(`'${s}`);
    expect(neutraliseFormula('МБОУ «СОШ № 1»')).toBe('МБОУ «СОШ № 1»');
  });

  it('writes BOM, `;`, decimal comma, context rows, and round-trips through PapaParse', () => {
    const rows = [
      { name: '=HYPERLINK("http://x")', q: 58.51, shnor: false },
      { name: 'Школа; "Лицей"', q: -1.5, shnor: true },
      { name: null, q: null, shnor: null },
    ];
    const csv = toRussianCsv(columns, rows, ctx);
    expect(csv.startsWith('\ufeffОриентир 0.1.0 — Школы\r\nФильтры: ВПР, 2025 год\r\n')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1), { delimiter: ';' }).data;
    const header = parsed.findIndex((r) => r[0] === 'Школа');
    expect(header).toBe(5);
    expect(parsed.slice(header, header + 4)).toEqual([
      ['Школа', 'Качество, %', 'ШНОР'],
      ['\'=HYPERLINK("http://x")', '58,51', 'нет'],
      ['Школа; "Лицей"', '-1,5', 'да'],
      ['', '', ''],
    ]);
  });
});
