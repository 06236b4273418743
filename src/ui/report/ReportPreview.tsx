import { useMemo } from 'react';
import { formatNumber } from '../../core/format.ts';
import type { Block, ChartBlock, Report } from '../../core/report/report-model.ts';
import { Chart } from '../components/Chart.tsx';
import { chartOption } from './chart-option.ts';

function ChartView({ block, id }: { block: ChartBlock; id: string }) {
  const option = useMemo(() => chartOption(block), [block]);
  const description = block.series
    .map((s) => `${s.name}: ${s.values.map((v, i) => `${block.categories[i]} — ${v === null ? 'нет данных' : formatNumber(v, 1)}`).join(', ')}`)
    .join('; ');
  return <Chart title={block.title} option={option} source={block.source} description={description} height={300} testId={`report-chart-${id}`} />;
}

function BlockView({ block, id }: { block: Block; id: string }) {
  switch (block.type) {
    case 'paragraph':
      return <p className={block.note ? 'note' : undefined}>{block.text}</p>;
    case 'list':
      return (
        <ul>
          {block.items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      );
    case 'table':
      return (
        <>
          <table data-testid={`report-table-${id}`}>
            <caption>{block.caption}</caption>
            <thead>
              <tr>
                {block.columns.map((c, i) => (
                  <th key={i} scope="col">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((r, i) => (
                <tr key={i}>
                  {r.map((v, j) => (
                    <td key={j} className={block.columns[j]?.align === 'right' ? 'num' : undefined}>
                      {v}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {block.notes.map((n, i) => (
            <p key={i} className="table-notes">
              {n}
            </p>
          ))}
        </>
      );
    case 'chart':
      return <ChartView block={block} id={id} />;
  }
}

/** The report as HTML: the on-screen preview, and what «Печать / PDF» prints (report.css). */
export function ReportPreview({ report }: { report: Report }) {
  return (
    <article className="report" data-testid="report-preview" aria-label="Предпросмотр справки">
      <h1>{report.title}</h1>
      <ul className="report-context">
        {report.context.map((c, i) => (
          <li key={i}>{c}</li>
        ))}
      </ul>
      {report.sections.map((s) => (
        <section key={s.id} data-testid={`report-section-${s.id}`}>
          <h2>{s.heading}</h2>
          {s.blocks.map((b, i) => (
            <BlockView key={i} block={b} id={`${s.id}-${i}`} />
          ))}
        </section>
      ))}
    </article>
  );
}
