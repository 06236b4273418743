import { useMemo } from 'react';
import { describeFilters, type Filters } from '../../core/filters.ts';
import { formatNumber, formatPct, formatPp } from '../../core/format.ts';
import { goalLevel, goalLineLabel, metricProcedures, schoolGoalSentence, type SchoolGoalProgress } from '../../core/goals/school-goal-text.ts';
import { schoolInfoSql, schoolTrendSql, type SchoolTrendRow } from '../../core/sql/queries.ts';
import { schoolGoalsSql } from '../../core/sql/school-queries.ts';
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

/** A goal under one procedure's chart: drawn as a line, or told only, with why there is no line. */
interface ChartGoal {
  goal: SchoolGoalProgress;
  line: number | null;
  why: string;
}

/**
 * The goals told under each procedure's chart. A goal is drawn on the chart whose procedure is the
 * whole of its metric (ВПР quality on the ВПР chart) and only when the chart pools all subjects and
 * grades, as the goal does; a goal pooling ВПР and ОГЭ is told, without a line, under the first of its
 * procedures the school has.
 */
function goalsByProcedure(goals: SchoolGoalProgress[], procedures: string[], narrowed: boolean): Map<string, ChartGoal[]> {
  const out = new Map<string, ChartGoal[]>(procedures.map((p) => [p, []]));
  for (const goal of goals) {
    const own = metricProcedures(goal.metric);
    const home = procedures.find((p) => own.includes(p));
    if (home === undefined) continue;
    const exact = own.length === 1;
    const why = !exact
      ? 'линии на графике нет'
      : narrowed
        ? 'по всем предметам и классам вместе — при отборе линии на графике нет'
        : '';
    out.get(home)!.push({ goal, line: exact && !narrowed ? goalLevel(goal) : null, why });
  }
  return out;
}

/** «Школа»: one school's quality trend per procedure, with the line of each of its goals measured on that chart. */
export function SchoolPage({ schoolId, filters, onFilters }: { schoolId: string; filters: Filters; onFilters: (f: Filters) => void }) {
  const info = useQuery<SchoolInfo>(schoolInfoSql(schoolId));
  const trend = useQuery<SchoolTrendRow & Record<string, unknown>>(schoolTrendSql(schoolId, filters));
  const goalRows = useQuery<SchoolGoalProgress & Record<string, unknown>>(schoolGoalsSql(schoolId));
  const narrowed = describeFilters({ subject: filters.subject, grade: filters.grade });
  const school = info.data?.[0];
  const rows = useMemo(() => trend.data ?? [], [trend.data]);
  const procedures = [...new Set(rows.map((r) => r.procedure))];
  const byProcedure = goalsByProcedure(goalRows.data ?? [], procedures, narrowed !== 'все данные');
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
      <QueryStatus state={goalRows} what="цели школы" />
      {procedures.map((p) => (
        <ProcedureTrend
          key={p}
          procedure={p}
          procedures={procedures}
          rows={rows.filter((r) => r.procedure === p)}
          baselineYear={school?.cohort ?? school?.shnor_since ?? null}
          scope={narrowed}
          goals={goalRows.data ? byProcedure.get(p)! : null}
          allGoals={goalRows.data ?? []}
        />
      ))}
      {trend.data && rows.length === 0 && <p className="empty">У школы нет результатов с отметками в загруженных данных.</p>}
      {/* On paper the summaries under the charts carry every goal's numbers; the table is for the screen, and the sheet stays one A4 page. */}
      <div className="no-print">
        <SchoolGoals schoolId={schoolId} />
      </div>
      {lastVpr !== undefined && <SchoolMarks schoolId={schoolId} year={lastVpr} />}
      <SchoolSigns schoolId={schoolId} />
      <SchoolRisks schoolId={schoolId} />
      <p className="print-only muted">Ориентир — сформировано {new Date().toLocaleDateString('ru-RU')}.</p>
    </section>
  );
}

function ProcedureTrend({ procedure, procedures, rows, baselineYear, scope, goals, allGoals }: {
  procedure: string;
  /** All procedures on the page, in order: where a goal pooling several is told. */
  procedures: string[];
  rows: SchoolTrendRow[];
  baselineYear: number | null;
  scope: string;
  /** Goals told under this chart; null while they load. */
  goals: ChartGoal[] | null;
  allGoals: SchoolGoalProgress[];
}) {
  const drawn = useMemo(() => (goals ?? []).filter((g): g is ChartGoal & { line: number } => g.line !== null), [goals]);
  // With a goal drawn, the change is told from the goal's baseline year, so the sentence and the line agree.
  const fromYear = drawn[0]?.goal.baseline_year ?? baselineYear;
  const baseline = rows.find((r) => r.year === fromYear) ?? rows[0];
  const latest = rows[rows.length - 1];
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
          markLine:
            drawn.length === 0
              ? undefined
              : {
                  symbol: 'none',
                  lineStyle: { type: 'dashed' },
                  // labels of several goals alternate ends so that close lines do not print over each other
                  data: drawn.map((g, i) => ({ yAxis: g.line, label: { position: i % 2 === 0 ? 'insideStartTop' : 'insideEndTop', formatter: goalLineLabel(g.goal) } })),
                },
        },
        { name: 'Муниципалитет', type: 'line', lineStyle: { type: 'dotted' }, data: rows.map((r) => r.municipality_quality_pct) },
      ],
    };
  }, [rows, drawn]);
  const told = goals ?? [];
  const elsewhere = allGoals.map((g) => metricProcedures(g.metric)).find((own) => own.includes(procedure) && own.length > 1);
  const home = elsewhere && procedures.find((p) => elsewhere.includes(p));
  const noGoal =
    goals === null || told.length > 0
      ? ''
      : elsewhere && home
        ? ` Цель по ${elsewhere.join(' и ')} вместе описана у графика ${home}; линии цели здесь нет.`
        : ` Целей по ${procedure} для школы нет — линии цели на графике нет.`;
  return (
    <article className="procedure" data-testid={`trend-${procedure}`}>
      <h2>{procedure}</h2>
      {baseline && latest && (
        <p className="summary" data-testid={`summary-${procedure}`}>
          Качество по {procedure} {change === null ? 'не рассчитано' : change > 0 ? 'выросло' : change < 0 ? 'снизилось' : 'не изменилось'}
          {change !== null && change !== 0 ? ` на ${formatPp(Math.abs(change)).replace('+', '')}` : ''} с {baseline.year} года
          ({formatPct(baseline.quality_pct)} → {formatPct(latest.quality_pct)}).
          {latest.marked < MIN_N || baseline.marked < MIN_N ? ' Участников меньше 10 — выводы ограничены.' : ''}
          {noGoal}
          {told.map((g) => (
            <span key={g.goal.goal_id} data-testid={`goal-sentence-${g.goal.goal_id}`}>
              <br />
              {schoolGoalSentence(g.goal, g.why)}
            </span>
          ))}
        </p>
      )}
      <Chart
        title={`${procedure}: качество знаний по годам, % (с 95 % интервалом${drawn.length > 0 ? ' и линией цели' : ''})`}
        option={option}
        description={`Качество знаний школы по ${procedure} по годам с 95-процентным интервалом и качество муниципалитета${drawn.length > 0 ? `; пунктир — ${drawn.map((g) => goalLineLabel(g.goal)).join('; ')}` : '; линии цели нет'}.`}
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
