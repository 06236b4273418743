import { useMemo } from 'react';
import { formatNumber, formatPct, formatPp } from '../../core/format.ts';
import type { SchoolGoalProgress } from '../../core/goals/school-goal-text.ts';
import { marksDistributionSql, schoolGoalsSql, schoolJournalSql, schoolRiskSql, schoolSignsSql } from '../../core/sql/school-queries.ts';
import { routeHref } from '../../state/route.ts';
import { useQuery } from '../../state/use-query.ts';
import { SIGN_NAMES } from '../pages/ObjectivityPage.tsx';
import { Chart } from './Chart.tsx';
import { PeerComparison } from './PeerComparison.tsx';

type R<T> = T & Record<string, unknown>;

/** The school's goals: baseline → latest, change in p.p. and in %, status, and whether the change exceeds its noise. */
export function SchoolGoals({ schoolId }: { schoolId: string }) {
  const goals = useQuery<R<SchoolGoalProgress>>(schoolGoalsSql(schoolId));
  if (!goals.data || goals.data.length === 0) return null;
  return (
    <section aria-labelledby="goals-title" className="print-keep">
      <h2 id="goals-title">Цели</h2>
      <table className="data compact" data-testid="school-goals">
        <thead>
          <tr>
            <th scope="col">Цель</th>
            <th scope="col">База → последний год</th>
            <th scope="col">Изменение</th>
            <th scope="col">Статус</th>
          </tr>
        </thead>
        <tbody>
          {goals.data.map((g) => (
            <tr key={g.goal_id}>
              <th scope="row">{g.title}</th>
              <td>
                {g.baseline_year}: {formatPct(g.baseline)} (n={formatNumber(g.baseline_n)}) → {g.latest_year}: {formatPct(g.latest)} (n={formatNumber(g.latest_n)})
              </td>
              <td>
                {formatPp(g.change_pp)} / {g.change_rel_pct === null ? '—' : `${g.change_rel_pct >= 0 ? '+' : '−'}${formatNumber(Math.abs(g.change_rel_pct), 1)} %`}
                <div className="muted">{g.significant === null ? '' : g.significant ? 'больше случайных колебаний (z-тест, 95 %)' : 'в пределах случайных колебаний'}</div>
              </td>
              <td>
                <strong>{g.status ?? 'не оценить'}</strong>
                <div className="muted">
                  {g.target_source === 'школа' ? 'своя цель школы' : 'цель'}{' '}
                  {g.interpretation === 'pp' ? `+${formatNumber(g.target)} п.п.` : `+${formatNumber(g.target)} %`}; по тренду к концу срока —{' '}
                  {formatPct(g.projection)}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Marks 2..5 of the school beside its municipality (latest ВПР year), and ВПР marks against journal marks. */
export function SchoolMarks({ schoolId, year }: { schoolId: string; year: number }) {
  const marks = useQuery<R<{ who: string; marked: number; p2: number; p3: number; p4: number; p5: number }>>(marksDistributionSql(schoolId, 'ВПР', year));
  const journal = useQuery<R<{ who: string; journal_n: number; lowered_pct: number; confirmed_pct: number; raised_pct: number }>>(schoolJournalSql(schoolId, year));
  const school = marks.data?.find((r) => r.who === 'school');
  const muni = marks.data?.find((r) => r.who === 'municipality');
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? formatPct(v) : '—') },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: ['«2»', '«3»', '«4»', '«5»'] },
      yAxis: { type: 'value', name: '%' },
      series: [
        { name: `Школа (n=${formatNumber(school?.marked ?? 0)})`, type: 'bar', data: school ? [school.p2, school.p3, school.p4, school.p5] : [] },
        { name: `Муниципалитет (n=${formatNumber(muni?.marked ?? 0)})`, type: 'bar', data: muni ? [muni.p2, muni.p3, muni.p4, muni.p5] : [], itemStyle: { decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 3], rotation: -0.8 } } },
      ],
    }),
    [school, muni],
  );
  const js = journal.data?.find((r) => r.who === 'school');
  const jm = journal.data?.find((r) => r.who === 'municipality');
  return (
    <section aria-labelledby="marks-title" className="print-keep">
      <h2 id="marks-title">Отметки ВПР {year}</h2>
      {school && (
        <Chart
          title={`Распределение отметок ВПР ${year}, % участников`}
          option={option}
          height={240}
          printHeight={95}
          description="Столбцы — доли отметок 2, 3, 4 и 5 у школы и в муниципалитете."
          source={`Источник: импортированные результаты ВПР ${year}; все предметы и классы; n школы = ${formatNumber(school.marked)}, n муниципалитета = ${formatNumber(muni?.marked ?? 0)}.`}
          testId="marks-chart"
        />
      )}
      {js && (
        <p data-testid="school-journal">
          Сравнение с журналом ({year}, n={formatNumber(js.journal_n)}): понизили {formatPct(js.lowered_pct)}, подтвердили {formatPct(js.confirmed_pct)},
          повысили {formatPct(js.raised_pct)}
          {jm ? ` (остальные школы муниципалитета: ${formatPct(jm.lowered_pct)} / ${formatPct(jm.confirmed_pct)} / ${formatPct(jm.raised_pct)}, n=${formatNumber(jm.journal_n)})` : ''}.
        </p>
      )}
      <PeerComparison schoolId={schoolId} year={year} />
    </section>
  );
}

/** The school's flagged objectivity signs with their evidence — signals for review, not verdicts. */
export function SchoolSigns({ schoolId }: { schoolId: string }) {
  const signs = useQuery<R<{ year: number; procedure: string; subject: string; grade: number; sign: string; n: number; explanation: string }>>(schoolSignsSql(schoolId));
  if (!signs.data) return null;
  return (
    <section aria-labelledby="signs-title" className="print-keep">
      <h2 id="signs-title">Признаки необъективности</h2>
      {signs.data.length === 0 ? (
        <p data-testid="school-signs">Признаков по официальной методике не найдено.</p>
      ) : (
        <>
          <p className="muted">Сигналы для проверки, а не вердикт. Найдено: {signs.data.length}.</p>
          <ul data-testid="school-signs" className="print-trim">
            {signs.data.slice(0, 12).map((s, i) => (
              <li key={i}>
                <strong>
                  {s.year}, {s.procedure} {s.subject}, {s.grade} кл. — {SIGN_NAMES[s.sign] ?? s.sign}:
                </strong>{' '}
                {s.explanation}
              </li>
            ))}
            {signs.data.length > 12 && <li>…и ещё {signs.data.length - 12}; все — на странице «Объективность».</li>}
          </ul>
        </>
      )}
    </section>
  );
}

/** «500+» risk directions of the school by stage, with a link to its risk card. */
export function SchoolRisks({ schoolId }: { schoolId: string }) {
  const risk = useQuery<R<{ year: number; stage: number; directions: number; positive_directions: number; positive: boolean | null }>>(schoolRiskSql(schoolId));
  if (!risk.data || risk.data.length === 0) return null;
  return (
    <section aria-labelledby="risks-title" className="print-keep">
      <h2 id="risks-title">Рисковые направления «500+»</h2>
      <ul data-testid="school-risks" className="print-trim-3">
        {risk.data.map((r) => (
          <li key={`${r.year}-${r.stage}`}>
            {r.year}, {r.stage === 3 ? 'итог' : `${r.stage} этап`}: положительная динамика в {formatNumber(r.positive_directions)} из {formatNumber(r.directions)} направлений —{' '}
            <strong>{r.positive === null ? 'нет данных' : r.positive ? 'тенденция положительная' : 'тенденция не положительная'}</strong>
          </li>
        ))}
      </ul>
      <a className="no-print" href={routeHref({ page: 'risk', schoolId })}>
        Карта рисков школы →
      </a>
    </section>
  );
}
