import { formatNumber, formatPp } from '../../core/format.ts';
import { plural } from '../../core/import-problem.ts';
import { schoolPeersSql, type PeerRow } from '../../core/sql/peer-queries.ts';
import { useQuery } from '../../state/use-query.ts';
import { Share } from './Share.tsx';

type R<T> = T & Record<string, unknown>;

const works = (n: number) => `${formatNumber(n)} ${plural(n, 'работы', 'работ', 'работ')}`;

/**
 * «Школы со схожими условиями»: the school's quality in each work of the year against schools of
 * the same size band, ШССУ status and location type (`peer_comparison`), with both 95 % intervals.
 * Screen only: the director's printed page must stay one A4 sheet, and it is full already.
 */
export function PeerComparison({ schoolId, year }: { schoolId: string; year: number }) {
  const peers = useQuery<R<PeerRow>>(schoolPeersSql(schoolId, year));
  if (!peers.data || peers.data.length === 0) return null;
  const rows = peers.data;
  const compared = rows.filter((r) => r.position !== null);
  const above = compared.filter((r) => r.position === 'выше').length;
  const below = compared.filter((r) => r.position === 'ниже').length;
  const groups = [...new Set(rows.map((r) => r.peer_group))];
  return (
    <div className="no-print" data-testid="school-peers">
      <h3 id="peers-title">Школы со схожими условиями, {year}</h3>
      <p data-testid="school-peers-summary">
        {compared.length === 0
          ? 'Схожих школ в тех же работах в загруженных данных нет.'
          : `Из ${works(compared.length)} качество выше, чем у схожих школ, в ${formatNumber(above)}, ниже — в ${formatNumber(below)}, в остальных — в пределах случайных колебаний (95 % интервалы пересекаются).`}
        {groups.length === 1
          ? ` Схожие школы — ${groups[0]}.`
          : ' Схожие школы — того же размера (по числу обучающихся из контекстных данных, без них — по числу участников работы), с той же категорией ШССУ и типом местности (если он загружен).'}
      </p>
      <details open={rows.length <= 6}>
        <summary>По работам ({rows.length})</summary>
        <table className="data compact" aria-labelledby="peers-title" data-testid="school-peers-table">
          <thead>
            <tr>
              <th scope="col">Работа</th>
              <th scope="col">Качество школы</th>
              <th scope="col">Схожие школы</th>
              <th scope="col">Разница</th>
              <th scope="col">Итог</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.procedure}-${r.subject}-${r.grade}`}>
                <th scope="row">
                  {r.procedure} {r.subject}, {r.grade} кл.
                </th>
                <td>
                  <Share pct={r.quality_pct} low={r.quality_low} high={r.quality_high} n={r.marked} />
                </td>
                <td>
                  {r.peer_schools > 0 ? (
                    <>
                      <Share pct={r.peer_quality_pct} low={r.peer_low} high={r.peer_high} n={r.peer_marked} />
                      <div className="muted">
                        {formatNumber(r.peer_schools)} {plural(r.peer_schools, 'школа', 'школы', 'школ')} · {r.size_band}
                      </div>
                    </>
                  ) : (
                    <span className="muted">нет схожих школ</span>
                  )}
                </td>
                <td>{formatPp(r.diff_pp)}</td>
                <td>{r.position ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
