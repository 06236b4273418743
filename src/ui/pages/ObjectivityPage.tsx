import { useMemo } from 'react';
import { describeFilters, type Filters } from '../../core/filters.ts';
import { formatNumber, formatPct } from '../../core/format.ts';
import {
  agreementSql,
  flaggedSignsSql,
  histogramSql,
  journalSql,
  objectivityIndexSql,
  signYearsSql,
  type FlaggedSign,
} from '../../core/sql/objectivity-queries.ts';
import { routeHref } from '../../state/route.ts';
import { useQuery } from '../../state/use-query.ts';
import { Chart } from '../components/Chart.tsx';
import { ExportButtons } from '../components/ExportButtons.tsx';
import { FilterBar } from '../components/FilterBar.tsx';
import { QueryStatus } from '../components/QueryStatus.tsx';
import { Share } from '../components/Share.tsx';

/** Russian names of the official method's signs. */
export const SIGN_NAMES: Record<string, string> = {
  inflated_mean: 'Завышенный средний балл',
  journal_mismatch: 'Несоответствие отметкам в журнале',
  cohort_change: 'Резкое изменение результатов когорты (4 → 5 класс)',
};

type Row<T> = T & Record<string, unknown>;

/**
 * «Объективность»: signs of non-objective results by the official regional method, with their
 * evidence — flagged schools, the index by year, the score histogram at the mark boundaries,
 * ВПР marks against journal marks, and official lists beside our signs. Signals for review, not verdicts.
 */
export function ObjectivityPage({ filters, onFilters }: { filters: Filters; onFilters: (f: Filters) => void }) {
  const years = useQuery<{ year: number }>(signYearsSql()).data?.map((r) => r.year) ?? [];
  const year = filters.year !== undefined && years.includes(filters.year) ? filters.year : years[years.length - 1];
  const subject = filters.subject ?? 'Математика';
  const grade = filters.grade ?? 4;
  const shown: Filters = { ...filters, ...(year !== undefined ? { year } : {}) };
  const index = useQuery<Row<{ year: number; municipality: string; schools: number; flagged: number; index: number }>>(objectivityIndexSql(filters));
  const flagged = useQuery<Row<FlaggedSign>>(year !== undefined ? flaggedSignsSql(year, filters) : null);
  const hist = useQuery<Row<{ primary_score: number; students: number; min_score_3: number | null; min_score_4: number | null; min_score_5: number | null }>>(
    year !== undefined ? histogramSql(year, subject, grade, null) : null,
  );
  const journal = useQuery<Row<{ school_id: string | null; name: string; journal_n: number; lowered: number; confirmed: number; raised: number; lowered_pct: number; confirmed_pct: number; raised_pct: number; gap2_n: number }>>(
    year !== undefined ? journalSql(year, subject, grade, filters) : null,
  );
  const agreement = useQuery<Row<{ year: number; listed: number; flagged: number; both: number; has_list: boolean }>>(agreementSql());

  const indexChart = useMemo(() => {
    const rows = index.data ?? [];
    const ys = [...new Set(rows.map((r) => r.year))].sort();
    const groups = [...new Set(rows.map((r) => r.municipality))];
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? formatNumber(v, 1) : '—') },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: ys.map(String) },
      yAxis: { type: 'value', min: 0, max: 100, name: 'индекс' },
      series: groups.slice(0, 12).map((g) => ({ name: g, type: 'line', data: ys.map((y) => rows.find((r) => r.year === y && r.municipality === g)?.index ?? null) })),
    };
  }, [index.data]);

  const histChart = useMemo(() => {
    const rows = hist.data ?? [];
    const b = rows[0];
    const marks = b
      ? [
          { xAxis: String(b.min_score_3), label: { formatter: '«3»' } },
          { xAxis: String(b.min_score_4), label: { formatter: '«4»' } },
          { xAxis: String(b.min_score_5), label: { formatter: '«5»' } },
        ].filter((m) => m.xAxis !== 'null')
      : [];
    const max = Math.max(0, ...rows.map((r) => r.primary_score));
    const scores = Array.from({ length: max + 1 }, (_, i) => i);
    const byScore = new Map(rows.map((r) => [r.primary_score, r.students]));
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 56, right: 16, top: 24, bottom: 40 },
      xAxis: { type: 'category', data: scores.map(String), name: 'первичный балл', nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'value', name: 'участников' },
      series: [
        {
          type: 'bar',
          name: 'Участников',
          data: scores.map((s) => byScore.get(s) ?? 0),
          markLine: { symbol: 'none', lineStyle: { type: 'dashed', color: '#D55E00' }, data: marks },
        },
      ],
    };
  }, [hist.data]);
  const histN = (hist.data ?? []).reduce((s, r) => s + r.students, 0);

  return (
    <section aria-labelledby="objectivity-title">
      <h1 id="objectivity-title">Объективность</h1>
      <p className="notice">
        Признаки необъективности — <strong>сигналы для проверки, а не вердикт</strong>. Они считаются по официальной региональной методике (ДИ
        среднего балла выше регионального; отрицательная корреляция с отметками журнала; резкое изменение результатов когорты) по загруженным данным.
      </p>
      <FilterBar filters={shown} onChange={onFilters} show={['year', 'subject', 'grade', 'municipality']} />

      <h2>Индекс объективности по годам</h2>
      <QueryStatus state={index} what="индекс объективности" />
      {index.data && index.data.length > 0 && (
        <Chart
          title="Индекс объективности = 100 − % школ с признаками"
          option={indexChart}
          description="Линии — индекс объективности по годам для каждого муниципалитета и для всех загруженных школ."
          source={`Источник: признаки по загруженным результатам ВПР и ОГЭ; число школ с оценёнными признаками по годам: ${[...new Map(index.data.filter((r) => r.municipality === 'Все загруженные школы' || filters.municipality).map((r) => [r.year, r.schools])).entries()].map(([y, n]) => `${y} — ${n}`).join(', ')}.`}
          testId="index-chart"
        />
      )}

      <h2>Школы с признаками{year !== undefined ? `, ${year}` : ''}</h2>
      <QueryStatus state={flagged} what="школы с признаками" />
      {flagged.data && flagged.data.length === 0 && <p className="empty">Признаков не найдено для выбранных условий.</p>}
      {flagged.data && flagged.data.length > 0 && (
        <table className="data" data-testid="flagged-table">
          <caption>
            {describeFilters(shown)}: {flagged.data.length} признаков у {new Set(flagged.data.map((r) => r.school_id)).size} школ.{' '}
            <ExportButtons
              title="Признаки необъективности"
              filters={shown}
              columns={[
                { key: 'school_id', label: 'Код ОО' },
                { key: 'name', label: 'Школа' },
                { key: 'procedure', label: 'Процедура' },
                { key: 'subject', label: 'Предмет' },
                { key: 'grade', label: 'Класс' },
                { key: 'sign', label: 'Признак' },
                { key: 'n', label: 'n' },
                { key: 'explanation', label: 'Пояснение' },
                { key: 'on_official_list', label: 'В официальном списке' },
              ]}
              rows={flagged.data}
            />
          </caption>
          <thead>
            <tr>
              <th scope="col">Школа</th>
              <th scope="col">Работа</th>
              <th scope="col">Признак</th>
              <th scope="col">n</th>
              <th scope="col">Доказательство</th>
              <th scope="col">Официальный список</th>
            </tr>
          </thead>
          <tbody>
            {flagged.data.map((r, i) => (
              <tr key={i} data-testid={`flag-${r.school_id}-${r.sign}`}>
                <td>
                  <a href={routeHref({ page: 'school', schoolId: r.school_id })}>{r.name}</a>
                </td>
                <td>
                  {r.procedure} {r.subject}, {r.grade} кл.
                </td>
                <td>{SIGN_NAMES[r.sign] ?? r.sign}</td>
                <td className="num">{formatNumber(r.n)}</td>
                <td>{r.explanation}</td>
                <td>{r.on_official_list === null ? 'список не загружен' : r.on_official_list ? 'да' : 'нет'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>
        Распределение первичных баллов: ВПР {subject}, {grade} класс{year !== undefined ? `, ${year}` : ''}
      </h2>
      <QueryStatus state={hist} what="распределение баллов" />
      {hist.data && hist.data.length > 0 && (
        <Chart
          title={`Число участников по первичному баллу; пунктир — границы отметок (n = ${formatNumber(histN)})`}
          option={histChart}
          description="Столбцы — число участников с каждым первичным баллом; пунктирные линии — минимальные баллы на отметки 3, 4 и 5. Пик ровно на границе — повод проверить «дотягивание»."
          source={`Источник: загруженные результаты ВПР по обучающимся, все школы; n = ${formatNumber(histN)}.`}
          testId="histogram"
        />
      )}
      {hist.data && hist.data.length === 0 && <p className="empty">Нет результатов по обучающимся для этой работы (нужны выгрузки с баллами участников).</p>}

      <h2>Сравнение с отметками по журналу</h2>
      <QueryStatus state={journal} what="сравнение с журналом" />
      {journal.data && journal.data.length > 0 && (
        <table className="data" data-testid="journal-table">
          <caption>
            ВПР {subject}, {grade} класс: доли участников, у которых отметка ВПР ниже («понизили»), равна («подтвердили») или выше («повысили») отметки
            по журналу; первая строка — все загруженные школы. Высокая доля «понизили» — повод проверить отметки в журнале.
          </caption>
          <thead>
            <tr>
              <th scope="col">Школа</th>
              <th scope="col">Понизили</th>
              <th scope="col">Подтвердили</th>
              <th scope="col">Повысили</th>
              <th scope="col" className="num">Разница ≥ 2 отметок</th>
            </tr>
          </thead>
          <tbody>
            {journal.data.slice(0, 200).map((r) => (
              <tr key={r.school_id ?? 'all'}>
                <th scope="row">{r.school_id === null ? 'Все загруженные школы' : r.name}</th>
                <td><Share pct={r.lowered_pct} low={null} high={null} n={r.journal_n} /></td>
                <td><Share pct={r.confirmed_pct} low={null} high={null} n={r.journal_n} /></td>
                <td><Share pct={r.raised_pct} low={null} high={null} n={r.journal_n} /></td>
                <td className="num">{formatNumber(r.gap2_n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Официальные списки и наши признаки</h2>
      <QueryStatus state={agreement} what="сравнение со списками" />
      {agreement.data && (
        <table className="data compact" data-testid="agreement-table">
          <thead>
            <tr>
              <th scope="col">Год</th>
              <th scope="col" className="num">В официальном списке</th>
              <th scope="col" className="num">С признаками у нас</th>
              <th scope="col" className="num">И там, и там</th>
            </tr>
          </thead>
          <tbody>
            {agreement.data.map((r) => (
              <tr key={r.year}>
                <th scope="row">{r.year}</th>
                <td className="num">{r.has_list ? formatNumber(r.listed) : 'список не загружен'}</td>
                <td className="num">{formatNumber(r.flagged)}</td>
                <td className="num">{r.has_list ? `${formatNumber(r.both)} (${formatPct(r.listed ? (100 * r.both) / r.listed : null)} списка)` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
