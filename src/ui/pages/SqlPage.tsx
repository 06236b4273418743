import { useState } from 'react';
import { readOnlyViolation } from '../../core/sql/read-only.ts';
import type { Row } from '../../db/engine.ts';
import { useAppData } from '../../state/app-data.tsx';
import { ExportButtons } from '../components/ExportButtons.tsx';

const EXAMPLE = `SELECT procedure, year, sum(participants) AS participants,
  round(sum(n4 + n5) * 100.0 / sum(n2 + n3 + n4 + n5), 1) AS quality_pct
FROM school_results
GROUP BY procedure, year
ORDER BY procedure, year`;

const TABLES = ['schools', 'school_categories', 'grading_scales', 'student_results', 'school_results', 'school_metrics', 'imports'];

/** Rows shown on screen at most; the CSV/XLSX export carries them all. */
const SHOWN = 500;

/** «SQL»: a read-only console over the documented data model; results as a table with CSV/XLSX export. */
export function SqlPage() {
  const { engine, studentRows, ensureStudentRows } = useAppData();
  const [sql, setSql] = useState(EXAMPLE);
  const [result, setResult] = useState<{ rows: Row[]; ms: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  async function run() {
    const violation = readOnlyViolation(sql);
    if (violation) {
      setError(violation);
      setResult(null);
      return;
    }
    setRunning(true);
    try {
      // Student rows load after the pages appear; a query must see all of them.
      await ensureStudentRows();
      const t0 = performance.now();
      const rows = await engine.query(sql);
      setResult({ rows, ms: performance.now() - t0 });
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setResult(null);
    } finally {
      setRunning(false);
    }
  }

  const columns = result?.rows[0] ? Object.keys(result.rows[0]).map((k) => ({ key: k, label: k })) : [];
  return (
    <section aria-labelledby="sql-title">
      <h1 id="sql-title">SQL-консоль</h1>
      <p className="muted">
        Только чтение: один запрос SELECT / WITH / DESCRIBE / SHOW / EXPLAIN к модели данных (таблицы: {TABLES.join(', ')}; описание — в README,
        раздел «Модель данных»). Запись, файлы и расширения недоступны.
      </p>
      <textarea
        className="sql"
        aria-label="Запрос SQL"
        value={sql}
        onChange={(e) => setSql(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void run();
        }}
        rows={8}
        spellCheck={false}
        data-testid="sql-input"
      />
      <div className="actions">
        <button type="button" onClick={() => void run()} disabled={running} data-testid="sql-run">
          Выполнить (Ctrl+Enter)
        </button>
      </div>
      {running && studentRows === 'loading' && (
        <p className="muted" role="status" data-testid="sql-waiting">
          Загружаются строки учеников…
        </p>
      )}
      {error && (
        <div className="error" role="alert" data-testid="sql-error">
          {error}
        </div>
      )}
      {result && (
        <>
          <p className="muted" data-testid="sql-summary">
            Строк: {result.rows.length}
            {result.rows.length > SHOWN ? ` (показаны первые ${SHOWN})` : ''}, {Math.round(result.ms)} мс.{' '}
            {columns.length > 0 && <ExportButtons title="Запрос SQL" filters={{}} columns={columns} rows={result.rows} />}
          </p>
          {columns.length > 0 && (
            <div className="scroll" tabIndex={0} role="region" aria-label="Результат запроса (прокрутка)">
              <table className="data" data-testid="sql-result">
                <thead>
                  <tr>
                    {columns.map((c) => (
                      <th key={c.key} scope="col">
                        {c.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {result.rows.slice(0, SHOWN).map((r, i) => (
                    <tr key={i}>
                      {columns.map((c) => (
                        <td key={c.key}>{r[c.key] === null || r[c.key] === undefined ? '' : String(r[c.key])}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
