import { useEffect, useMemo, useRef } from 'react';
import { echarts, PALETTE, type EChartsCoreOption } from '../charts/echarts.ts';
import { chartTable } from '../charts/chart-table.ts';
import { withSeriesCues } from '../charts/series-cues.ts';
import { download, fileName } from '../export/download.ts';
import { svgToPng } from '../export/svg-to-png.ts';

type ChartInstance = ReturnType<typeof echarts.init>;

/**
 * An ECharts chart with a visible title, units, n and a source line around it (every chart says
 * what it shows and where the numbers come from), an aria description for screen readers, its
 * numbers as a table under «Данные графика» (for the keyboard and screen readers, which cannot
 * hover for tooltips), and PNG/SVG downloads that carry the title and the source line.
 */
export function Chart({ title, option, source, description, height = 320, printHeight, testId }: {
  title: string;
  option: EChartsCoreOption;
  source: string;
  description: string;
  height?: number;
  /** Height on paper (e.g. to keep the director's page on one A4 sheet); the screen height otherwise. */
  printHeight?: number;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartInstance | null>(null);
  const table = useMemo(() => chartTable(option), [option]);
  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    // Screen readers get the chart's own Russian title and description (not ECharts' generated text); series are told apart
    // by markers, dashes and patterns as well as colour.
    instance.setOption({ color: PALETTE, aria: { enabled: true, label: { description: `${title}. ${description}` } }, animation: false, ...withSeriesCues(option) });
    const print = window.matchMedia('print');
    // Printing lays the page out at A4 width: the chart redraws to fit it (at its paper height), and back after.
    const onResize = () => {
      const paper = print.matches && printHeight !== undefined;
      if (ref.current) ref.current.style.height = `${paper ? printHeight : height}px`;
      instance.resize();
    };
    window.addEventListener('resize', onResize);
    print.addEventListener('change', onResize);
    window.addEventListener('beforeprint', onResize);
    window.addEventListener('afterprint', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      print.removeEventListener('change', onResize);
      window.removeEventListener('beforeprint', onResize);
      window.removeEventListener('afterprint', onResize);
      instance.dispose();
      chart.current = null;
    };
  }, [option, title, description, height, printHeight]);

  /** The chart as a standalone SVG with its title and source line added, as exports must carry them. */
  const exportSvg = (): string | undefined => {
    const c = chart.current;
    if (!c) return undefined;
    c.setOption({ title: { text: title, subtext: source, left: 'center', top: 0, textStyle: { fontSize: 13 }, subtextStyle: { fontSize: 10 } }, grid: { top: 84 } });
    const svg = c.renderToSVGString();
    c.setOption({ title: { text: '', subtext: '' }, grid: { top: (option as { grid?: { top?: number } }).grid?.top ?? 36 } });
    return svg;
  };

  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>
        {title}
        <span className="chart-actions">
          <button
            type="button"
            aria-label={`Скачать график «${title}» как PNG`}
            onClick={async () => {
              const svg = exportSvg();
              if (svg) download(fileName(title, 'png'), await svgToPng(svg, 2), 'image/png');
            }}
          >
            PNG
          </button>{' '}
          <button
            type="button"
            aria-label={`Скачать график «${title}» как SVG`}
            onClick={() => {
              const svg = exportSvg();
              if (svg) download(fileName(title, 'svg'), svg, 'image/svg+xml');
            }}
          >
            SVG
          </button>
        </span>
      </figcaption>
      <div ref={ref} style={{ height }} role="img" aria-label={`${title}. ${description}`} />
      <p className="source">{source}</p>
      {table && (
        <details className="chart-data no-print">
          <summary>Данные графика</summary>
          <div className="scroll" tabIndex={0} role="region" aria-label={`Данные графика «${title}»`}>
            <table className="data compact">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  {table.columns.map((c, i) => (
                    <th key={i} scope="col">
                      {c || <span className="visually-hidden">Подпись</span>}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((r, i) => (
                  <tr key={i}>
                    <th scope="row">{r[0]}</th>
                    {r.slice(1).map((v, j) => (
                      <td key={j} className="num">
                        {v}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </figure>
  );
}
