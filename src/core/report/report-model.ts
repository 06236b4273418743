/**
 * The «Аналитическая справка» as data: a title, context lines and sections of blocks (paragraphs,
 * tables, charts, lists). Built by build-report.ts from computed figures; rendered as HTML (preview,
 * print to PDF) and as DOCX by src/ui/report. Pure: no React, DOM or DuckDB.
 */

/** The sections a coordinator can choose, in report order. */
export const SECTION_IDS = ['general', 'marks', 'journal', 'objectivity', 'shnor', 'goals', 'monitoring', 'conclusions'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

/** Russian headings of the sections (numbered in the report in the order they appear). */
export const SECTION_TITLES: Record<SectionId, string> = {
  general: 'Общие сведения',
  marks: 'Статистика отметок',
  journal: 'Сравнение с отметками по журналу',
  objectivity: 'Объективность оценивания',
  shnor: 'ШНОР и остальные школы',
  goals: 'Цели',
  monitoring: 'Мониторинг «500+»',
  conclusions: 'Выводы и рекомендуемые управленческие решения',
};

/** What the coordinator asked for. */
export interface ReportOptions {
  year: number;
  /** The year changes are counted from (default year − 1). */
  baseYear: number;
  /** One municipality, or all loaded ones. */
  municipality?: string;
  /** Only ШНОР (schools with «500+» status in the report year), or all schools. */
  shnorOnly: boolean;
  sections: readonly SectionId[];
}

export interface Paragraph {
  type: 'paragraph';
  text: string;
  /** A note in smaller type (methodology, caveats). */
  note?: boolean;
}

export interface ListBlock {
  type: 'list';
  items: string[];
}

export type Align = 'left' | 'right';

export interface TableColumn {
  label: string;
  align: Align;
}

export interface TableBlock {
  type: 'table';
  caption: string;
  columns: TableColumn[];
  /** Cells already formatted as Russian text. */
  rows: string[][];
  /** What n means and other reading notes, printed under the table. */
  notes: string[];
}

export interface ChartSeries {
  name: string;
  values: Array<number | null>;
}

export interface ChartBlock {
  type: 'chart';
  kind: 'bar' | 'line';
  title: string;
  /** Category axis labels (years, procedures, stages). */
  categories: string[];
  series: ChartSeries[];
  /** Axis unit, e.g. «%». */
  unit: string;
  /** Optional reference line (a goal), with its label. */
  goal?: { value: number; label: string };
  /** Where the numbers come from and their n. */
  source: string;
}

export type Block = Paragraph | ListBlock | TableBlock | ChartBlock;

export interface Section {
  id: SectionId;
  heading: string;
  blocks: Block[];
}

export interface Report {
  title: string;
  /** Period, scope, sources, date, version: every export says where it comes from. */
  context: string[];
  sections: Section[];
}

/** Where an export comes from (filled by the UI: imported files, date, app version). */
export interface ReportProvenance {
  sources: string;
  madeAt: string;
  version: string;
}
