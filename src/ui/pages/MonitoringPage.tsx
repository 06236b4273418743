import { useTable, type ColumnDef } from '@tanstack/react-table';
import { SortableTable, sortingFeatures, type SortingFeatures } from '../components/SortableTable.tsx';
import { useMemo, useState } from 'react';
import { formatNumber, formatPp } from '../../core/format.ts';
import {
  STAGES,
  monitoringMatrixSql,
  monitoringRulesSql,
  monitoringYearsSql,
  municipalTrendSql,
  roadmapSql,
  roadmapSummarySql,
  schoolTrendSql,
  shnorOutcomesSql,
  stageArrow,
  type MatrixRow,
  type MunicipalTrendRow,
  type OutcomeRow,
  type RoadmapRow,
  type RoadmapSummaryRow,
  type SchoolTrendRow,
} from '../../core/sql/monitoring-queries.ts';
import { useQuery } from '../../state/use-query.ts';
import { StatusBadge, StatusLegend } from '../components/MonitoringStatus.tsx';
import { QueryStatus } from '../components/QueryStatus.tsx';
import { Share } from '../components/Share.tsx';

type R<T> = T & Record<string, unknown>;

const RULE_NAMES: Record<string, string> = { all: 'все', majority: 'большинство', any: 'хотя бы один' };
const riskHref = (id: string) => `#/risk/${encodeURIComponent(id)}`;

/** «Мониторинг 500+»: school × risk direction matrix, the municipal share of ШНОР with a positive trend, the roadmap. */
export function MonitoringPage() {
  const years = useQuery<{ year: number }>(monitoringYearsSql());
  const rules = useQuery<R<{ direction_rule: string; school_rule: string; require_confirmed: boolean; today: string }>>(monitoringRulesSql());
  const yearList = (years.data ?? []).map((r) => r.year);
  const [year, setYear] = useState<number | undefined>();
  const y = year !== undefined && yearList.includes(year) ? year : yearList[yearList.length - 1];
  const [stage, setStage] = useState(2);
  const [risk, setRisk] = useState<number | 'all'>('all');
  const matrix = useQuery<R<MatrixRow>>(y !== undefined ? monitoringMatrixSql(y) : null);
  const trend = useQuery<R<SchoolTrendRow>>(y !== undefined ? schoolTrendSql(y) : null);
  const muni = useQuery<R<MunicipalTrendRow>>(y !== undefined ? municipalTrendSql(y) : null);
  const outcomes = useQuery<R<OutcomeRow>>(y !== undefined ? shnorOutcomesSql(y) : null);
  const rule = rules.data?.[0];
  const stageName = STAGES.find((s) => s.stage === stage)?.name ?? '';

  const risks = useMemo(() => {
    const m = new Map<number, string>();
    for (const r of matrix.data ?? []) m.set(r.risk_code, r.risk_name ?? `Риск ${r.risk_code}`);
    return [...m.entries()].sort((a, b) => a[0] - b[0]);
  }, [matrix.data]);
  const shownRisks = risk === 'all' ? risks : risks.filter(([c]) => c === risk);
  const schools = useMemo(() => {
    const m = new Map<string, { name: string; cells: Map<string, MatrixRow> }>();
    for (const r of matrix.data ?? []) {
      let s = m.get(r.school_id);
      if (!s) m.set(r.school_id, (s = { name: r.school_name, cells: new Map() }));
      s.cells.set(`${r.risk_code}|${r.stage}`, r);
    }
    return [...m.entries()];
  }, [matrix.data]);
  const trendOf = (id: string, st: number) => (trend.data ?? []).find((t) => t.school_id === id && t.stage === st);

  return (
    <section aria-labelledby="monitoring-title">
      <h1 id="monitoring-title">Мониторинг 500+</h1>
      <QueryStatus state={years} what="годы мониторинга" />
      {years.data && yearList.length === 0 && (
        <p className="empty">
          Нет данных мониторинга. Импортируйте рисковые профили, показатели антирисковых программ и дорожную карту (шаблоны — в sample-data: risk-profiles.csv,
          risk-indicators.csv, roadmap.csv).
        </p>
      )}
      {y !== undefined && (
        <div className="filters">
          <label>
            Год{' '}
            <select value={y} onChange={(e) => setYear(Number(e.target.value))} data-testid="monitoring-year">
              {yearList.map((v) => (
                <option key={v}>{v}</option>
              ))}
            </select>
          </label>
          <label>
            Этап{' '}
            <select value={stage} onChange={(e) => setStage(Number(e.target.value))} data-testid="monitoring-stage">
              {STAGES.map((s) => (
                <option key={s.stage} value={s.stage}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Рисковое направление{' '}
            <select value={risk} onChange={(e) => setRisk(e.target.value === 'all' ? 'all' : Number(e.target.value))} data-testid="monitoring-risk">
              <option value="all">все</option>
              {risks.map(([code, name]) => (
                <option key={code} value={code}>
                  {code}. {name}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {rule && (
        <p className="muted" data-testid="monitoring-rules">
          Правила (таблица monitoring_settings): направление позитивно, если позитивны {RULE_NAMES[rule.direction_rule] ?? 'все'} его показатели; школа — если
          позитивны {RULE_NAMES[rule.school_rule] ?? 'все'} активированные направления; показатель позитивен, если изменился в нужную сторону
          {rule.require_confirmed ? ' и подтверждён экспертом («частично» не считается подтверждением)' : ' (подтверждение не требуется)'}. Дата отсчёта: {rule.today}.
        </p>
      )}

      <QueryStatus state={muni} what="долю ШНОР с позитивной динамикой" />
      {(muni.data ?? []).length > 0 && (
        <div className="panel" data-testid="municipal-share">
          <h2>Доля ШНОР с позитивной динамикой, {y}</h2>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Муниципалитет</th>
                {STAGES.map((s) => (
                  <th key={s.stage} scope="col">
                    {s.name}
                  </th>
                ))}
                <th scope="col">Цель</th>
              </tr>
            </thead>
            <tbody>
              {[...new Set((muni.data ?? []).map((m) => m.municipality))].map((name) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  {STAGES.map((s) => {
                    const m = (muni.data ?? []).find((x) => x.municipality === name && x.stage === s.stage);
                    return (
                      <td key={s.stage} data-testid={`municipal-share-${s.stage}`}>
                        {m ? (
                          <>
                            {formatNumber(m.positive)} из {formatNumber(m.shnor_schools)}:{' '}
                            <Share pct={m.positive_pct} low={m.positive_low} high={m.positive_high} n={m.shnor_schools} />
                            {m.positive_pct !== null && (
                              <span className="muted"> ({formatPp(m.positive_pct - m.goal_pct, 0)} к цели{m.with_data < m.shnor_schools ? `; данные есть у ${m.with_data}` : ''})</span>
                            )}
                          </>
                        ) : (
                          '—'
                        )}
                      </td>
                    );
                  })}
                  <td>100 % ШНОР</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <QueryStatus state={matrix} what="матрицу рисковых направлений" />
      {schools.length > 0 && (
        <div className="panel">
          <h2>
            Школы × рисковые направления, {y}, {stageName}
          </h2>
          <StatusLegend />
          <div className="scroll" tabIndex={0} role="region" aria-label="Матрица рисков (прокрутка)">
            <table className="data" data-testid="monitoring-matrix">
              <thead>
                <tr>
                  <th scope="col">Школа</th>
                  <th scope="col">Итог по школе</th>
                  {shownRisks.map(([code, name]) => (
                    <th key={code} scope="col" title={name}>
                      {code}. {name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {schools.map(([id, s]) => {
                  const t = trendOf(id, stage);
                  return (
                    <tr key={id} data-testid={`matrix-row-${id}`}>
                      <th scope="row">
                        <a href={riskHref(id)}>{s.name}</a>
                      </th>
                      <td data-testid={`school-status-${id}`}>
                        <StatusBadge positive={t?.positive ?? null} detail={t ? `${t.positive_directions} из ${t.directions} направл.` : undefined} />
                      </td>
                      {shownRisks.map(([code]) => {
                        const cell = s.cells.get(`${code}|${stage}`);
                        if (!cell) return <td key={code} className="muted">не активировано</td>;
                        const arrow = stage === 2 ? stageArrow(s.cells.get(`${code}|1`)?.positive ?? null, cell.positive) : undefined;
                        return (
                          <td key={code} data-testid={`cell-${id}-${code}`}>
                            <StatusBadge positive={cell.positive} detail={`${cell.positive_indicators} из ${cell.indicators} показ.`} />
                            {arrow && (
                              <span role="img" title={`1 этап → 2 этап: ${arrow.label}`} aria-label={`1 этап → 2 этап: ${arrow.label}`} style={{ marginLeft: 6, fontWeight: 700 }}>
                                {arrow.icon}
                              </span>
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      )}

      <QueryStatus state={outcomes} what="связь с результатами ВПР" />
      {(outcomes.data ?? []).length > 0 && (
        <div className="panel">
          <h2>ШНОР: рисковые направления и качество ВПР, {y}</h2>
          <table className="data" data-testid="shnor-outcomes">
            <thead>
              <tr>
                <th scope="col">Школа</th>
                <th scope="col">Динамика на 2 этапе</th>
                <th scope="col">Качество ВПР в году когорты</th>
                <th scope="col">Качество ВПР, {y}</th>
                <th scope="col">Изменение</th>
              </tr>
            </thead>
            <tbody>
              {(outcomes.data ?? []).map((o) => (
                <tr key={o.school_id}>
                  <th scope="row">
                    <a href={riskHref(o.school_id)}>{o.school_name}</a>
                  </th>
                  <td>
                    <StatusBadge positive={o.risk_positive_stage2} detail={o.directions ? `${o.positive_directions ?? 0} из ${o.directions}` : undefined} />
                  </td>
                  <td>
                    <QualityCell pct={o.vpr_quality_cohort_pct} n={o.vpr_marked_cohort} note={o.cohort ? `${o.cohort} г.` : undefined} />
                  </td>
                  <td>
                    <QualityCell pct={o.vpr_quality_pct} n={o.vpr_marked} />
                  </td>
                  <td>{formatPp(o.vpr_quality_change_pp)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">Качество ВПР — доля «4» и «5» по всем предметам и классам школы вместе; n — работ с отметкой.</p>
        </div>
      )}

      <Roadmap />
    </section>
  );
}

function QualityCell({ pct, n, note }: { pct: number | null; n: number | null; note?: string }) {
  if (pct === null || n === null) return <span className="muted">—</span>;
  return (
    <span>
      {formatNumber(pct, 1)} % <span className="muted">n={formatNumber(n)}{note ? `, ${note}` : ''}</span>
    </span>
  );
}

type RoadRow = RoadmapRow & Record<string, unknown>;
const STATUS_ICON: Record<RoadmapRow['status'], string> = { выполнено: '✔', 'в работе': '…', просрочено: '⚠' };
const STATUS_STYLE: Record<RoadmapRow['status'], boolean | null> = { выполнено: true, просрочено: false, 'в работе': null };

const roadColumns: Array<ColumnDef<SortingFeatures, RoadRow>> = [
  { id: 'number', accessorFn: (r) => r.number, header: '№' },
  { id: 'event', accessorFn: (r) => r.event, header: 'Мероприятие' },
  { id: 'deadline', accessorFn: (r) => r.deadline_text ?? '', header: 'Срок', cell: ({ row: { original: r } }) => <>{r.deadline_text ?? '—'}{r.deadline && r.deadline_text !== r.deadline ? <span className="muted"> (до {r.deadline})</span> : null}</> },
  { id: 'executor', accessorFn: (r) => r.executor ?? '', header: 'Исполнитель' },
  { id: 'indicator', accessorFn: (r) => r.indicator ?? '', header: 'Показатель' },
  { id: 'plan', accessorFn: (r) => `${r.target ?? ''} / ${r.actual ?? ''}`, header: 'План / факт' },
  {
    id: 'status',
    accessorFn: (r) => (r.overdue ? 0 : r.status === 'в работе' ? 1 : 2),
    header: 'Статус',
    cell: ({ row: { original: r } }) => (
      <span data-testid={`roadmap-status-${r.number}`}>
        <StatusBadge
          positive={STATUS_STYLE[r.status]}
          labels={{ yes: `${STATUS_ICON[r.status]} ${r.status}${r.done_on_time ? '' : ' с опозданием'}`, no: `${r.status} на ${formatNumber(r.days_overdue)} дн.`, none: r.status }}
        />
      </span>
    ),
  },
];

function Roadmap() {
  const rows = useQuery<RoadRow>(roadmapSql());
  const summary = useQuery<R<RoadmapSummaryRow>>(roadmapSummarySql());
  const data = useMemo(() => rows.data ?? [], [rows.data]);
  // The SQL order puts overdue first (most overdue on top); sorting by a column is the user's choice.
  const table = useTable({ features: sortingFeatures, columns: roadColumns, data });
  const s = summary.data?.[0];
  return (
    <div className="panel">
      <h2>Дорожная карта</h2>
      <QueryStatus state={rows} what="дорожную карту" />
      {s && s.events > 0 && (
        <p data-testid="roadmap-summary">
          Мероприятий: {formatNumber(s.events)}; выполнено {formatNumber(s.done)}, из них в срок {formatNumber(s.done_on_time)} —{' '}
          <Share pct={s.done_on_time_pct} low={s.on_time_low} high={s.on_time_high} n={s.events} />; просрочено {formatNumber(s.overdue)}; в работе{' '}
          {formatNumber(s.in_progress)}.
        </p>
      )}
      {rows.data && data.length === 0 && <p className="empty">Дорожная карта не загружена.</p>}
      {data.length > 0 && (
        <SortableTable
          table={table}
          testId="roadmap-table"
          rowTestId={(r) => `roadmap-row-${r.number}`}
          caption={<>Просроченные — сверху. Выполнено: в статусе написано «выполнено» (исполнено, завершено) или факт не меньше плана.</>}
        />
      )}
    </div>
  );
}
