import { useEffect, useRef } from 'react';
import { echarts, PALETTE, type EChartsCoreOption } from '../charts/echarts.ts';

/**
 * An ECharts chart with a visible title, units, n and a source line around it (every chart says
 * what it shows and where the numbers come from), and an aria description for screen readers.
 */
export function Chart({ title, option, source, description, height = 320, testId }: {
  title: string;
  option: EChartsCoreOption;
  source: string;
  description: string;
  height?: number;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({ color: PALETTE, aria: { enabled: true, label: { description } }, animation: false, ...option });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [option, description]);
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div ref={ref} style={{ height }} role="img" aria-label={`${title}. ${description}`} />
      <p className="source">{source}</p>
    </figure>
  );
}
