import { useMemo } from 'react';
import { formatNumber } from '../../core/format.ts';
import { riskCardSchoolSql, riskIndicatorsSql, riskProfileSql, type IndicatorRow, type ProfileRow } from '../../core/sql/monitoring-queries.ts';
import { useQuery } from '../../state/use-query.ts';
import { StatusBadge, StatusLegend } from '../components/MonitoringStatus.tsx';
import { QueryStatus } from '../components/QueryStatus.tsx';

type R<T> = T & Record<string, unknown>;

const LEVEL_ICON: Record<string, string> = { высокий: '▲▲▲', средний: '▲▲', низкий: '▲' };

/** «Рисковый профиль»: one school's risk levels, activated directions and indicators by monitoring stage. */
export function RiskCardPage({ schoolId }: { schoolId: string }) {
  const school = useQuery<R<{ school_id: string; name: string | null; municipality: string | null }>>(riskCardSchoolSql(schoolId));
  const profile = useQuery<R<ProfileRow>>(riskProfileSql(schoolId));
  const indicators = useQuery<R<IndicatorRow>>(riskIndicatorsSql(schoolId));
  const s = school.data?.[0];
  const years = useMemo(
    () => [...new Set([...(profile.data ?? []).map((p) => p.year), ...(indicators.data ?? []).map((i) => i.year)])].sort((a, b) => b - a),
    [profile.data, indicators.data],
  );
  return (
    <section aria-labelledby="risk-title">
      <p>
        <a href="#/monitoring">← Мониторинг 500+</a>
      </p>
      <QueryStatus state={school} what="сведения о школе" />
      <h1 id="risk-title">Рисковый профиль: {s?.name ?? schoolId}</h1>
      {s?.municipality && <p className="muted">{s.municipality}</p>}
      <QueryStatus state={profile} what="рисковый профиль" />
      <QueryStatus state={indicators} what="показатели антирисковых программ" />
      {profile.data && indicators.data && years.length === 0 && <p className="empty">Для школы с кодом {schoolId} нет данных мониторинга «500+».</p>}
      {years.length > 0 && <StatusLegend />}
      {years.map((y) => (
        <YearCard key={y} year={y} profile={(profile.data ?? []).filter((p) => p.year === y)} indicators={(indicators.data ?? []).filter((i) => i.year === y)} />
      ))}
    </section>
  );
}

function YearCard({ year, profile, indicators }: { year: number; profile: ProfileRow[]; indicators: IndicatorRow[] }) {
  const activated = profile.filter((p) => p.activated);
  const risks = [...new Set(indicators.map((i) => i.risk_code))];
  return (
    <div className="panel" data-testid={`risk-year-${year}`}>
      <h2>{year} год</h2>
      {profile.length > 0 && (
        <>
          <h3>Уровни рисков</h3>
          <table className="data" data-testid={`risk-profile-${year}`}>
            <thead>
              <tr>
                <th scope="col">Фактор риска</th>
                <th scope="col">Уровень</th>
                <th scope="col">Направление</th>
              </tr>
            </thead>
            <tbody>
              {profile.map((p) => (
                <tr key={p.risk_code}>
                  <td>
                    {p.risk_code}. {p.risk_name ?? ''}
                  </td>
                  <td>
                    <span aria-hidden="true" style={{ fontSize: '0.7rem', marginRight: 4 }}>
                      {LEVEL_ICON[p.level] ?? ''}
                    </span>
                    {p.level}
                  </td>
                  <td>{p.activated ? <strong>активировано</strong> : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            Активировано направлений: {formatNumber(activated.length)}
            {activated.length ? ` (${activated.map((a) => a.risk_code).join(', ')})` : ''}.
          </p>
        </>
      )}
      {risks.map((code) => {
        const rows = indicators.filter((i) => i.risk_code === code);
        return (
          <div key={code}>
            <h3>
              {code}. {rows[0]?.risk_name ?? ''} <StatusBadge positive={rows[0]?.direction_positive2 ?? null} labels={{ yes: 'позитивная динамика на 2 этапе', no: 'нет позитивной динамики на 2 этапе' }} />
            </h3>
            <table className="data" data-testid={`risk-indicators-${year}-${code}`}>
              <thead>
                <tr>
                  <th scope="col">Показатель</th>
                  <th scope="col">Нужно</th>
                  <th scope="col">База</th>
                  <th scope="col">1 этап</th>
                  <th scope="col">2 этап</th>
                  <th scope="col">Итог</th>
                  <th scope="col">Цель</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((i) => (
                  <tr key={i.indicator}>
                    <td>
                      {i.indicator}
                      {i.unit ? <span className="muted">, {i.unit}</span> : null}
                    </td>
                    <td title={i.direction === '↑' ? 'рост' : 'снижение'}>
                      {i.direction} {i.direction === '↑' ? 'рост' : 'снижение'}
                    </td>
                    <td>{formatNumber(i.baseline, decimals(i.baseline))}</td>
                    <StageCell value={i.stage1} evidence={i.evidence1} positive={i.positive1} progress={i.progress1} />
                    <StageCell value={i.stage2} evidence={i.evidence2} positive={i.positive2} progress={i.progress2} />
                    <StageCell value={i.final} evidence={i.evidence_final} positive={i.positive3} progress={i.progress3} />
                    <td>{formatNumber(i.target, decimals(i.target))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </div>
  );
}

const decimals = (v: number | null) => (v !== null && !Number.isInteger(v) ? 1 : 0);

function StageCell({ value, evidence, positive, progress }: { value: number | null; evidence: string | null; positive: boolean | null; progress: number | null }) {
  if (value === null) return <td className="muted">—</td>;
  return (
    <td>
      <div>
        <strong>{formatNumber(value, decimals(value))}</strong>{' '}
        {progress !== null && <span className="muted">({formatNumber(progress, 0)} % пути к цели)</span>}
      </div>
      <div>
        <StatusBadge positive={positive} labels={{ yes: 'позитивно', no: 'не позитивно' }} />
      </div>
      <div className="muted" style={{ fontSize: '0.85rem' }}>
        подтверждение: {evidence ?? 'нет отметки'}
      </div>
    </td>
  );
}
