import { formatNumber, formatPct } from '../../core/format.ts';
import { egeOverviewSql } from '../../core/sql/coordinator-queries.ts';
import { useAppData } from '../../state/app-data.tsx';
import { useQuery } from '../../state/use-query.ts';

const EGE_SQL = egeOverviewSql();
const SETTINGS_SQL = `SELECT key, value FROM analytics_settings`;

type Row = {
  year: number;
  subject: string;
  participants: number;
  mean_test_score: number | null;
  below_min: number | null;
  below_min_pct: number | null;
  high_scorers: number | null;
  high_scorers_pct: number | null;
  min_score: number | null;
  fipi_min_60: number | null;
  fipi_61_80: number | null;
  fipi_81_100: number | null;
} & Record<string, unknown>;

/** ЕГЭ of the latest year by subject: mean test score, share below the minimum, high scorers; thresholds are settings. */
export function EgeTable() {
  const { engine, readOnly, changed } = useAppData();
  const rows = useQuery<Row>(EGE_SQL);
  const settings = new Map((useQuery<{ key: string; value: string }>(SETTINGS_SQL).data ?? []).map((s) => [s.key, s.value]));
  const set = async (key: string, value: string) => {
    await engine.exec(`UPDATE analytics_settings SET value = '${value.replace(/'/g, "''")}' WHERE key = '${key}'`);
    await changed();
  };
  if (!rows.data || rows.data.length === 0) return null;
  const year = rows.data[0]!.year;
  return (
    <section aria-labelledby="ege-title">
      <h2 id="ege-title">ЕГЭ {year} по предметам</h2>
      <div className="filters">
        <label>
          Порог по русскому языку{' '}
          <select value={settings.get('russian_minimum') ?? 'вуз'} disabled={readOnly} onChange={(e) => void set('russian_minimum', e.target.value)} data-testid="ege-russian-threshold">
            <option value="вуз">36 баллов (для вуза)</option>
            <option value="аттестат">24 балла (для аттестата)</option>
          </select>
        </label>
        <label>
          Высокобалльники{' '}
          <select value={settings.get('high_band_low') ?? '81'} disabled={readOnly} onChange={(e) => void set('high_band_low', e.target.value)}>
            <option value="81">81–100</option>
            <option value="80">80–100</option>
          </select>
        </label>
      </div>
      <table className="data" data-testid="ege-table">
        <thead>
          <tr>
            <th scope="col">Предмет</th>
            <th scope="col" className="num">Участников</th>
            <th scope="col" className="num">Средний тестовый балл</th>
            <th scope="col">Не преодолели минимум</th>
            <th scope="col">Высокобалльники</th>
            <th scope="col">Группы ФИПИ: мин.–60 / 61–80 / 81–100</th>
          </tr>
        </thead>
        <tbody>
          {rows.data.map((r) => (
            <tr key={r.subject}>
              <th scope="row">{r.subject}</th>
              <td className="num">{formatNumber(r.participants)}</td>
              <td className="num">{formatNumber(r.mean_test_score, 1)}</td>
              <td>
                {formatPct(r.below_min_pct)} ({formatNumber(r.below_min)} из {formatNumber(r.participants)}; {r.min_score === null ? 'порог — по данным файла' : `порог ${formatNumber(r.min_score)}`})
              </td>
              <td>
                {formatPct(r.high_scorers_pct)} ({formatNumber(r.high_scorers)})
              </td>
              <td>{r.fipi_min_60 === null ? 'нужны баллы участников' : `${formatNumber(r.fipi_min_60)} / ${formatNumber(r.fipi_61_80)} / ${formatNumber(r.fipi_81_100)}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
