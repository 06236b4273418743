import { formatPct } from '../../core/format.ts';

/** A tiny inline trend line (SVG, no library): one point per year; gaps where a year has no marks; at least 20 p.p. tall. */
export function Sparkline({ points, width = 96, height = 24 }: { points: Array<[number, number | null]>; width?: number; height?: number }) {
  const valid = points.filter((p): p is [number, number] => p[1] !== null);
  if (valid.length < 2) return <span className="muted">—</span>;
  const years = points.map((p) => p[0]);
  const minY = Math.min(...years);
  const maxY = Math.max(...years);
  const x = (year: number) => (maxY === minY ? width / 2 : ((year - minY) / (maxY - minY)) * (width - 4) + 2);
  // The vertical scale spans the school's own range, but never less than 20 p.p.: a trend of a few
  // points is visible, and noise of one or two is not blown up into a cliff.
  const qs = valid.map((p) => p[1]);
  const span = Math.max(20, Math.max(...qs) - Math.min(...qs));
  const mid = (Math.max(...qs) + Math.min(...qs)) / 2;
  const low = Math.min(Math.max(0, mid - span / 2), 100 - span);
  const y = (q: number) => height - 2 - ((q - low) / span) * (height - 4);
  const d = valid.map(([yr, q], i) => `${i === 0 ? 'M' : 'L'}${x(yr).toFixed(1)},${y(q).toFixed(1)}`).join(' ');
  const label = `Качество по годам: ${valid.map(([yr, q]) => `${yr} — ${formatPct(q)}`).join(', ')}`;
  const last = valid[valid.length - 1]!;
  return (
    <svg width={width} height={height} role="img" aria-label={label} className="sparkline">
      <title>{label}</title>
      <path d={d} fill="none" stroke="#0072B2" strokeWidth="1.5" />
      <circle cx={x(last[0])} cy={y(last[1])} r="2" fill="#0072B2" />
    </svg>
  );
}
