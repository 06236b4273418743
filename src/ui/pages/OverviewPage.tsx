import { useMemo } from 'react';
import { describeFilters, type Filters } from '../../core/filters.ts';
import { formatNumber, formatPct } from '../../core/format.ts';
import { overviewSql, totalsSql, type OverviewRow } from '../../core/sql/queries.ts';
import { useQuery } from '../../state/use-query.ts';
import { Chart } from '../components/Chart.tsx';
import { CoordinatorTiles } from '../components/CoordinatorTiles.tsx';
import { EgeTable } from '../components/EgeTable.tsx';
import { ExportButtons } from '../components/ExportButtons.tsx';
import { FilterBar } from '../components/FilterBar.tsx';
import { QueryStatus } from '../components/QueryStatus.tsx';
import { Share } from '../components/Share.tsx';

interface Totals {
  schools: number;
  shnor_schools: number;
  first_year: number | null;
  last_year: number | null;
  imports: number;
  [k: string]: unknown;
}

const TOTALS_SQL = totalsSql();

/** «Обзор»: the loaded municipality at a glance, by procedure and year, under the global filters. */
export function OverviewPage({ filters, onFilters }: { filters: Filters; onFilters: (f: Filters) => void }) {
  const totals = useQuery<Totals>(TOTALS_SQL);
  const overview = useQuery<OverviewRow & Record<string, unknown>>(overviewSql(filters));
  const t = totals.data?.[0];
  const rows = overview.data ?? [];
  const chart = useMemo(() => qualityChart(rows), [rows]);
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">Обзор</h1>
      <FilterBar filters={filters} onChange={onFilters} show={['procedure', 'subject', 'grade', 'municipality', 'category']} />
      <QueryStatus state={totals} what="итоги" />
      {t && (
        <div className="tiles">
          <Tile label="Школ" value={formatNumber(t.schools)} testId="tile-schools" />
          <Tile label="Из них ШНОР" value={formatNumber(t.shnor_schools)} testId="tile-shnor" />
          <Tile label="Годы" value={t.first_year ? `${t.first_year}–${t.last_year}` : '—'} testId="tile-years" />
          <Tile label="Импортировано файлов" value={formatNumber(t.imports)} testId="tile-imports" />
        </div>
      )}
      <CoordinatorTiles />
      <QueryStatus state={overview} what="результаты по годам" />
      {rows.length > 0 && (
        <>
          <Chart
            title="Качество знаний по годам, % (доля «4» и «5» среди участников с отметкой)"
            option={chart}
            description="Линии — качество знаний по каждой процедуре по годам, все школы и предметы вместе."
            source={`Источник: импортированные результаты; n — число участников с отметкой, указано в таблице ниже.`}
            testId="overview-chart"
          />
          <table className="data" data-testid="overview-table">
            <caption>
              Результаты по процедурам и годам — {describeFilters({ ...filters, year: undefined })}; доли взвешены по участникам, с 95 % интервалом.{' '}
              <ExportButtons
                title="Результаты по процедурам и годам"
                filters={filters}
                columns={OVERVIEW_COLUMNS}
                rows={rows}
              />
            </caption>
            <thead>
              <tr>
                <th scope="col">Процедура</th>
                <th scope="col">Год</th>
                <th scope="col" className="num">Школ</th>
                <th scope="col" className="num">Участников</th>
                <th scope="col">Качество знаний</th>
                <th scope="col">Успеваемость</th>
                <th scope="col" className="num">Средняя отметка</th>
                <th scope="col" className="num">Средний тестовый балл ЕГЭ</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.procedure}-${r.year}`} data-testid={`overview-row-${r.procedure}-${r.year}`}>
                  <th scope="row">{r.procedure}</th>
                  <td>{r.year}</td>
                  <td className="num" data-testid="schools">{formatNumber(r.schools)}</td>
                  <td className="num" data-testid="participants">{formatNumber(r.participants)}</td>
                  <td><Share pct={r.quality_pct} low={r.quality_low} high={r.quality_high} n={r.marked} testId="quality" /></td>
                  <td><Share pct={r.success_pct} low={r.success_low} high={r.success_high} n={r.marked} testId="success" /></td>
                  <td className="num">{formatNumber(r.mean_mark, 2)}</td>
                  <td className="num" title={r.test_participants ? `n = ${formatNumber(r.test_participants)}` : undefined}>
                    {r.mean_test_score === null ? '—' : `${formatNumber(r.mean_test_score, 1)} (n=${formatNumber(r.test_participants)})`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="note">
            Для ЕГЭ качество и успеваемость считаются только по математике базового уровня (единственный экзамен с отметкой); по остальным
            предметам — средний тестовый балл.
          </p>
          <EgeTable />
        </>
      )}
      {rows.length === 0 && !overview.loading && !overview.error && <p className="empty">Данных пока нет: импортируйте выгрузки ФИС ОКО или шаблоны Ориентира.</p>}
    </section>
  );
}

const OVERVIEW_COLUMNS = [
  { key: 'procedure', label: 'Процедура' },
  { key: 'year', label: 'Год' },
  { key: 'schools', label: 'Школ' },
  { key: 'participants', label: 'Участников' },
  { key: 'marked', label: 'С отметкой (n)' },
  { key: 'quality_pct', label: 'Качество знаний, %' },
  { key: 'quality_low', label: 'Качество: нижняя граница 95 %' },
  { key: 'quality_high', label: 'Качество: верхняя граница 95 %' },
  { key: 'success_pct', label: 'Успеваемость, %' },
  { key: 'mean_mark', label: 'Средняя отметка' },
  { key: 'mean_test_score', label: 'Средний тестовый балл ЕГЭ' },
  { key: 'test_participants', label: 'Участников ЕГЭ с тестовым баллом' },
] as const;

function Tile({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="tile">
      <div className="tile-value" data-testid={testId}>{value}</div>
      <div className="tile-label">{label}</div>
    </div>
  );
}

function qualityChart(rows: OverviewRow[]) {
  const years = [...new Set(rows.map((r) => r.year))].sort();
  const procedures = [...new Set(rows.map((r) => r.procedure))];
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? formatPct(v) : '—') },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: { type: 'value', min: 0, max: 100, name: '%', axisLabel: { formatter: '{value}' } },
    series: procedures.map((p) => ({
      name: p === 'ЕГЭ' ? 'ЕГЭ (математика базовая)' : p,
      type: 'line',
      connectNulls: false,
      data: years.map((y) => rows.find((r) => r.procedure === p && r.year === y)?.quality_pct ?? null),
    })),
  };
}
