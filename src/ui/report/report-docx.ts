/**
 * Report → an editable DOCX (loaded on demand with `import()` when the user asks for it): A4,
 * heading styles kept with the next paragraph, tables whose header row repeats on every page and
 * whose rows never split, charts as PNG images (drawn offscreen by ECharts' SVG renderer and
 * rasterised in the page), page numbers in the footer. Nothing leaves the machine.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, ChartBlock, Report, TableBlock } from '../../core/report/report-model.ts';
import { svgToPng } from '../export/svg-to-png.ts';
import { chartSvg } from './chart-option.ts';

const FONT = 'Times New Roman';
/** Chart size in the document, px at 96 dpi (≈ 16 × 8 cm). */
const IMG_W = 600;
const IMG_H = 300;

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '808080' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };

function cell(text: string, header: boolean, right: boolean): TableCell {
  return new TableCell({
    borders: BORDERS,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    shading: header ? { fill: 'E7EEF5' } : undefined,
    children: [
      new Paragraph({
        alignment: right && !header ? AlignmentType.RIGHT : AlignmentType.LEFT,
        keepLines: true,
        children: [new TextRun({ text, bold: header, size: 20, font: FONT })],
      }),
    ],
  });
}

function table(t: TableBlock): Array<Paragraph | Table> {
  const right = t.columns.map((c) => c.align === 'right');
  return [
    new Paragraph({ keepNext: true, spacing: { before: 160, after: 80 }, children: [new TextRun({ text: t.caption, bold: true, font: FONT, size: 22 })] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c) => cell(c.label, true, false)) }),
        ...t.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, false, right[i] ?? false)) })),
      ],
    }),
    ...t.notes.map((n) => new Paragraph({ spacing: { before: 60, after: 120 }, children: [new TextRun({ text: n, italics: true, size: 18, font: FONT })] })),
  ];
}

async function chart(c: ChartBlock): Promise<Paragraph[]> {
  const png = await svgToPng(chartSvg(c, IMG_W, IMG_H), 2);
  return [
    new Paragraph({
      keepNext: true,
      alignment: AlignmentType.CENTER,
      spacing: { before: 160 },
      children: [new ImageRun({ type: 'png', data: png, transformation: { width: IMG_W, height: IMG_H }, altText: { name: c.title, title: c.title, description: c.source } })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 160 }, children: [new TextRun({ text: c.source, italics: true, size: 18, font: FONT })] }),
  ];
}

async function block(b: Block): Promise<Array<Paragraph | Table>> {
  switch (b.type) {
    case 'paragraph':
      return [new Paragraph({ spacing: { after: 120 }, alignment: AlignmentType.JUSTIFIED, children: [new TextRun({ text: b.text, font: FONT, size: b.note ? 20 : 24, italics: b.note })] })];
    case 'list':
      return b.items.map((item) => new Paragraph({ bullet: { level: 0 }, spacing: { after: 100 }, alignment: AlignmentType.JUSTIFIED, children: [new TextRun({ text: item, font: FONT, size: 24 })] }));
    case 'table':
      return table(b);
    case 'chart':
      return chart(b);
  }
}

/** The report as DOCX bytes. */
export async function reportToDocx(report: Report): Promise<Uint8Array> {
  const children: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, keepNext: true, children: [new TextRun({ text: report.title, font: FONT })] }),
    ...report.context.map((line) => new Paragraph({ spacing: { after: 40 }, children: [new TextRun({ text: line, size: 20, font: FONT, color: '444444' })] })),
  ];
  for (const s of report.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, spacing: { before: 240, after: 120 }, children: [new TextRun({ text: s.heading, font: FONT })] }));
    for (const b of s.blocks) children.push(...(await block(b)));
  }
  const doc = new Document({
    creator: 'Ориентир',
    title: report.title,
    description: report.context.join(' '),
    styles: {
      default: { document: { run: { font: FONT, size: 24 } } },
      paragraphStyles: [
        { id: 'Title', name: 'Title', basedOn: 'Normal', next: 'Normal', run: { size: 32, bold: true, font: FONT }, paragraph: { spacing: { after: 200 } } },
        { id: 'Heading1', name: 'Heading 1', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 28, bold: true, font: FONT }, paragraph: { keepNext: true } },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1418, right: 850 } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['Страница ', PageNumber.CURRENT, ' из ', PageNumber.TOTAL_PAGES], size: 18, font: FONT })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
