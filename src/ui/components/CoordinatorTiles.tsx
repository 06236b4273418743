import { formatNumber, formatPct, formatPp } from '../../core/format.ts';
import { plural } from '../../core/import-problem.ts';
import { changesSql, goalTilesSql, monitoringTileSql, objectivityTileSql, shnorGapSql } from '../../core/sql/coordinator-queries.ts';
import { useQuery } from '../../state/use-query.ts';

type R<T> = T & Record<string, unknown>;
const schools = (n: number) => `${formatNumber(n)} ${plural(n, 'школа', 'школы', 'школ')}`;

/**
 * The coordinator's view of the municipality at a glance: goals and how many schools meet them,
 * ШНОР against the others, the objectivity index, «500+» monitoring, and what changed since last
 * year. Each tile leads to its detail page.
 */
export function CoordinatorTiles() {
  const goals = useQuery<R<{ goal_id: number; title: string; scope: string; schools: number; met: number; met_pct: number | null }>>(goalTilesSql());
  const gap = useQuery<R<{ year: number; shnor_quality: number | null; other_quality: number | null; gap_pp: number | null; significant: boolean | null }>>(shnorGapSql());
  const objectivity = useQuery<R<{ year: number; schools: number; flagged: number; index: number | null }>>(objectivityTileSql());
  const monitoring = useQuery<R<{ year: number; stage: number; shnor_schools: number; positive: number; positive_pct: number | null; with_data: number }>>(monitoringTileSql());
  const changes = useQuery<R<{ procedure: string; year: number; quality_now: number; quality_before: number; n_now: number; n_before: number; rose: number; fell: number; schools: number }>>(changesSql());

  const g = gap.data?.[0];
  const o = objectivity.data?.[0];
  const oPrev = objectivity.data?.[1];
  const stage2 = monitoring.data?.find((r) => r.stage === 2) ?? monitoring.data?.[0];
  return (
    <div className="coordinator" data-testid="coordinator-tiles">
      <a className="ctile" href="#/goals" data-testid="tile-goals">
        <h2>Цели проекта</h2>
        {(goals.data ?? [])
          .filter((r) => r.scope === 'ШНОР' || r.goal_id !== 1)
          .filter((r) => (r.goal_id === 1 ? r.scope === 'ШНОР' : r.scope === 'все'))
          .map((r) => (
            <p key={`${r.goal_id}-${r.scope}`}>
              <strong>
                {formatNumber(r.met)} из {schools(r.schools)}
              </strong>{' '}
              — {r.title.toLowerCase().startsWith('качество') ? r.title : r.title}: цель достигнута ({formatPct(r.met_pct, 0)})
            </p>
          ))}
        {goals.data?.length === 0 && <p className="muted">Нет данных для целей.</p>}
      </a>
      <a className="ctile" href="#/compare?category=shnor" data-testid="tile-shnor-gap">
        <h2>ШНОР и остальные школы, ВПР</h2>
        {g ? (
          <>
            <p className="big">{formatPp(g.gap_pp)}</p>
            <p>
              {g.year}: ШНОР {formatPct(g.shnor_quality)}, остальные {formatPct(g.other_quality)} — {g.significant ? 'разрыв больше случайных колебаний' : 'разрыв в пределах случайных колебаний'}.
            </p>
          </>
        ) : (
          gap.data && <p className="muted">Категории ШНОР не загружены.</p>
        )}
      </a>
      <a className="ctile" href="#/objectivity" data-testid="tile-objectivity">
        <h2>Индекс объективности</h2>
        {o ? (
          <>
            <p className="big">{formatNumber(o.index, 0)}</p>
            <p>
              {o.year}: признаки у {schools(o.flagged)} из {formatNumber(o.schools)}
              {oPrev ? `; ${oPrev.year} — у ${formatNumber(oPrev.flagged)}` : ''}. Сигналы для проверки, не вердикт.
            </p>
          </>
        ) : (
          objectivity.data && <p className="muted">Нужны результаты ВПР по обучающимся.</p>
        )}
      </a>
      <a className="ctile" href="#/monitoring" data-testid="tile-monitoring">
        <h2>Мониторинг «500+»</h2>
        {stage2 ? (
          <>
            <p className="big">{formatPct(stage2.positive_pct, 0)}</p>
            <p>
              {stage2.year}, {stage2.stage === 3 ? 'итог' : `${stage2.stage} этап`}: положительная динамика у {formatNumber(stage2.positive)} из {schools(stage2.shnor_schools)} ШНОР; цель — 100 %.
            </p>
          </>
        ) : (
          monitoring.data && <p className="muted">Данные мониторинга не загружены.</p>
        )}
      </a>
      <div className="ctile wide" data-testid="tile-changes">
        <h2>Что изменилось за год</h2>
        {(changes.data ?? []).map((c) => (
          <p key={c.procedure}>
            <strong>{c.procedure}</strong> {c.year}: качество {formatPct(c.quality_now)} (n={formatNumber(c.n_now)}) против {formatPct(c.quality_before)} (n=
            {formatNumber(c.n_before)}) годом раньше ({formatPp(c.quality_now - c.quality_before)}); заметно выросло у {schools(c.rose)}, снизилось у{' '}
            {schools(c.fell)} из {formatNumber(c.schools)} (z-тест, 95 %).
          </p>
        ))}
      </div>
    </div>
  );
}
