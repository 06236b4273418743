import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report/report-model.ts';
import { reportToDocx } from '../../src/ui/report/report-docx.ts';

/** A report without charts (charts need the browser's canvas; the browser test covers them). */
const REPORT: Report = {
  title: 'Аналитическая справка по результатам оценочных процедур за 2025 год',
  context: ['Период: 2025 год; изменения — относительно 2024 года.', 'Источники данных: vpr-2025.csv (01.12.2025).'],
  sections: [
    { id: 'general', heading: '1. Общие сведения', blocks: [{ type: 'paragraph', text: 'В 2025 году ВПР писали 22 участника из 21 школы.' }] },
    {
      id: 'marks',
      heading: '2. Статистика отметок',
      blocks: [{ type: 'table', caption: 'Распределение отметок', columns: [{ label: 'Процедура', align: 'left' }, { label: 'n', align: 'right' }], rows: [['ВПР', '11 713']], notes: ['n — участники с отметкой.'] }],
    },
    { id: 'conclusions', heading: '3. Выводы и рекомендуемые управленческие решения', blocks: [{ type: 'list', items: ['Рекомендуется провести перепроверку работ.'] }] },
  ],
};

describe('the report as DOCX', () => {
  it('is a Word document with headings, a table with a repeated header row, and page numbers in the footer', async () => {
    const bytes = await reportToDocx(REPORT);
    const zip = XLSX.CFB.read(Buffer.from(bytes), { type: 'buffer' });
    const file = (name: string) => {
      const i = zip.FullPaths.findIndex((p: string) => p === `Root Entry/${name}`);
      return i >= 0 ? Buffer.from(zip.FileIndex[i]!.content as Uint8Array).toString('utf8') : '';
    };
    const doc = file('word/document.xml');
    for (const s of REPORT.sections) expect(doc).toContain(s.heading);
    expect(doc).toContain('<w:tbl>');
    expect(doc).toContain('<w:tblHeader');
    expect(doc).toContain('<w:cantSplit');
    expect(doc).toContain('<w:keepNext');
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(doc).toContain('22 участника из 21 школы');
    const footer = zip.FullPaths.filter((p: string) => /word\/footer\d*\.xml$/.test(p)).map((p: string) => file(p.replace(/^Root Entry\//, ''))).join('');
    expect(footer).toContain('PAGE');
    expect(footer).toContain('NUMPAGES');
  });
});
