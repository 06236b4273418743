import { useMemo } from 'react';
import { describeFilters, type Filters } from '../../core/filters.ts';
import { formatNumber, formatPct, formatPp } from '../../core/format.ts';
import { schoolInfoSql, schoolTrendSql, type SchoolTrendRow } from '../../core/sql/queries.ts';
import { MIN_N } from '../../core/stats.ts';
import { useQuery } from '../../state/use-query.ts';
import { Chart } from '../components/Chart.tsx';
import { FilterBar } from '../components/FilterBar.tsx';
import { SchoolGoals, SchoolMarks, SchoolRisks, SchoolSigns } from '../components/SchoolDetails.tsx';
import { QueryStatus } from '../components/QueryStatus.tsx';
import { Share } from '../components/Share.tsx';

interface SchoolInfo {
  school_id: string;
  name: string;
  login: string | null;
  municipality: string | null;
  shnor_since: number | null;
  cohort: number | null;
  sssu: boolean | null;
  [k: string]: unknown;
}

/** The default goal of the «500+» seed documents: quality +8 p.p. from the baseline year. */
const GOAL_PP = 8;

/** «Школа»: one school's quality trend per procedure, with the +8 p.p. goal line from its baseline year. */
export function SchoolPage({ schoolId, filters, onFilters }: { schoolId: string; filters: Filters; onFilters: (f: Filters) => void }) {
  const info = useQuery<SchoolInfo>(schoolInfoSql(schoolId));
  const trend = useQuery<SchoolTrendRow & Record<string, unknown>>(schoolTrendSql(schoolId, filters));
  const narrowed = describeFilters({ subject: filters.subject, grade: filters.grade });
  const school = info.data?.[0];
  const rows = useMemo(() => trend.data ?? [], [trend.data]);
  const procedures = [...new Set(rows.map((r) => r.procedure))];
  const lastVpr = rows.filter((r) => r.procedure === 'ВПР').map((r) => r.year).pop();
  if (info.data && !school) return <p className="empty">Школа с кодом {schoolId} не найдена в загруженных данных.</p>;
  return (
    <section aria-labelledby="school-title">
      <QueryStatus state={info} what="сведения о школе" />
      {school && (
        <header className="school-header">
          <h1 id="school-title">{school.name}</h1>
          <button type="button" className="no-print print-button" onClick={() => window.print()}>
            Печать (A4)
          </button>
          <p>
            {school.municipality ?? 'Муниципалитет не указан'} · логин {school.login ?? school.school_id}
            {school.shnor_since ? ` · ШНОР с ${school.shnor_since} г. (когорта «500+» ${school.cohort ?? school.shnor_since})` : ''}
            {school.sssu ? ' · ШССУ' : ''}
          </p>
        </header>
      )}
      <FilterBar filters={filters} onChange={onFilters} show={['subject', 'grade']} />
      <QueryStatus state={trend} what="динамику результатов" />
      {procedures.map((p) => (
        <ProcedureTrend key={p} procedure={p} rows={rows.filter((r) => r.procedure === p)} baselineYear={school?.shnor_since ?? null} scope={narrowed} />
      ))}
      {trend.data && rows.length === 0 && <p className="empty">У школы нет результатов с отметками в загруженных данных.</p>}
      <SchoolGoals schoolId={schoolId} />
      {lastVpr !== undefined && <SchoolMarks schoolId={schoolId} year={lastVpr} />}
      <SchoolSigns schoolId={schoolId} />
      <SchoolRisks schoolId={schoolId} />
      <p className="print-only muted">Ориентир — сформировано {new Date().toLocaleDateString('ru-RU')}.</p>
    </section>
  );
}

function ProcedureTrend({ procedure, rows, baselineYear, scope }: { procedure: string; rows: SchoolTrendRow[]; baselineYear: number | null; scope: string }) {
  const baseline = rows.find((r) => r.year === baselineYear) ?? rows[0];
  const latest = rows[rows.length - 1];
  const goal = baseline?.quality_pct !== null && baseline?.quality_pct !== undefined ? baseline.quality_pct + GOAL_PP : null;
  const change = latest && baseline && latest.quality_pct !== null && baseline.quality_pct !== null ? latest.quality_pct - baseline.quality_pct : null;
  const option = useMemo(() => {
    const years = rows.map((r) => String(r.year));
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? formatPct(v) : '—') },
      legend: { top: 0, data: ['Качество школы', '95 % интервал', 'Муниципалитет'] },
      grid: { left: 48, right: 24, top: 36, bottom: 32 },
      xAxis: { type: 'category', data: years },
      yAxis: { type: 'value', min: 0, max: 100, name: '%' },
      series: [
        { name: 'Нижняя граница 95 %', type: 'line', stack: 'ci', symbol: 'none', lineStyle: { opacity: 0 }, data: rows.map((r) => r.quality_low), tooltip: { show: false } },
        {
          name: '95 % интервал',
          type: 'line',
          stack: 'ci',
          symbol: 'none',
          lineStyle: { opacity: 0 },
          areaStyle: { opacity: 0.2 },
          data: rows.map((r) => (r.quality_high !== null && r.quality_low !== null ? r.quality_high - r.quality_low : null)),
        },
        {
          name: 'Качество школы',
          type: 'line',
          data: rows.map((r) => r.quality_pct),
          markLine: goal === null ? undefined : { symbol: 'none', label: { position: 'insideStartTop', formatter: `Цель: +${GOAL_PP} п.п. к ${baseline!.year} г. (${formatPct(goal)})` }, data: [{ yAxis: goal }], lineStyle: { type: 'dashed' } },
        },
        { name: 'Муниципалитет', type: 'line', lineStyle: { type: 'dotted' }, data: rows.map((r) => r.municipality_quality_pct) },
      ],
    };
  }, [rows, goal, baseline]);
  const reached = change !== null && change >= GOAL_PP;
  return (
    <article className="procedure" data-testid={`trend-${procedure}`}>
      <h2>{procedure}</h2>
      {baseline && latest && (
        <p className="summary" data-testid={`summary-${procedure}`}>
          Качество по {procedure} {change === null ? 'не рассчитано' : change > 0 ? 'выросло' : change < 0 ? 'снизилось' : 'не изменилось'}
          {change !== null && change !== 0 ? ` на ${formatPp(Math.abs(change)).replace('+', '')}` : ''} с {baseline.year} года
          ({formatPct(baseline.quality_pct)} → {formatPct(latest.quality_pct)}); цель +{GOAL_PP} п.п. {reached ? 'достигнута' : 'пока не достигнута'}.
          {latest.marked < MIN_N || baseline.marked < MIN_N ? ' Участников меньше 10 — выводы ограничены.' : ''}
        </p>
      )}
      <Chart
        title={`${procedure}: качество знаний по годам, % (с 95 % интервалом и целью +${GOAL_PP} п.п.)`}
        option={option}
        description={`Качество знаний школы по ${procedure} по годам с 95-процентным интервалом, качество муниципалитета и линия цели.`}
        source={`Источник: импортированные результаты ${procedure}; ${scope === 'все данные' ? 'все предметы и классы школы вместе' : scope}; n по годам: ${rows.map((r) => `${r.year} — ${formatNumber(r.marked)}`).join(', ')}.`}
        printHeight={110}
        testId={`chart-${procedure}`}
      />
      <table className="data compact">
        <thead>
          <tr>
            <th scope="col">Год</th>
            <th scope="col">Качество школы</th>
            <th scope="col">Успеваемость</th>
            <th scope="col">Качество муниципалитета</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.year}>
              <th scope="row">{r.year}</th>
              <td><Share pct={r.quality_pct} low={r.quality_low} high={r.quality_high} n={r.marked} /></td>
              <td>{formatPct(r.success_pct)}</td>
              <td>{formatPct(r.municipality_quality_pct)} (n={formatNumber(r.municipality_marked)})</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
