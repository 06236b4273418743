import { formatNumber, formatPct } from '../../core/format.ts';
import { MIN_N } from '../../core/stats.ts';

/**
 * A share as users should read it: the percentage, its 95 % interval, and its n; a small n is
 * marked (not hidden) because conclusions from it are limited.
 */
export function Share({ pct, low, high, n, testId }: { pct: number | null; low: number | null; high: number | null; n: number | null; testId?: string }) {
  if (pct === null || n === null || n === 0) return <span className="muted">—</span>;
  const small = n < MIN_N;
  return (
    <span
      className={small ? 'share small-n' : 'share'}
      data-testid={testId}
      title={`${low !== null && high !== null ? `95 % интервал: ${formatPct(low)} … ${formatPct(high)}; ` : ''}n = ${formatNumber(n)}${small ? ' — мало участников для выводов' : ''}`}
    >
      <span className="share-value">{formatPct(pct)}</span>
      {low !== null && high !== null && (
        <span className="share-ci">
          {formatNumber(low, 0)}–{formatNumber(high, 0)}
        </span>
      )}
      <span className="share-n">n={formatNumber(n)}{small ? '⚠' : ''}</span>
    </span>
  );
}
