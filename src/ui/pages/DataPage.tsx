import { useState } from 'react';
import { formatNumber } from '../../core/format.ts';
import { importsSql, loadedSql, type ImportRow } from '../../core/sql/data-queries.ts';
import { removeAllData } from '../../db/remove-import.ts';
import { loadWorkspace, workspaceParts } from '../../db/workspace.ts';
import { importSampleData, useAppData } from '../../state/app-data.tsx';
import { SAMPLE_FILES } from '../../state/sample-data.ts';
import { useQuery } from '../../state/use-query.ts';
import { ImportPanel } from '../components/ImportPanel.tsx';
import { QueryStatus } from '../components/QueryStatus.tsx';

interface LoadedRow {
  procedure: string;
  year: number;
  subjects: string;
  grades: string;
  schools: number;
  participants: number;
  [k: string]: unknown;
}

/** «Данные»: import files, see what is loaded and where it came from, remove imports, move the workspace. */
export function DataPage() {
  const { engine, readOnly, changed, ensureStudentRows, removeOne, replaceAll } = useAppData();
  const imports = useQuery<ImportRow & Record<string, unknown>>(importsSql());
  const loaded = useQuery<LoadedRow>(loadedSql());
  const [message, setMessage] = useState<string | null>(null);

  async function act(what: () => Promise<void>, done: string) {
    try {
      await what();
      await changed();
      setMessage(done);
    } catch (e) {
      setMessage(`Не получилось: ${e instanceof Error ? e.message : String(e)}. Данные не изменены.`);
    }
  }

  async function exportWorkspace() {
    await ensureStudentRows();
    const parts = await workspaceParts(engine);
    const url = URL.createObjectURL(new Blob(parts as Array<Uint8Array<ArrayBuffer>>, { type: 'application/octet-stream' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `orientir-${new Date().toISOString().slice(0, 10)}.orientir`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  return (
    <section aria-labelledby="data-title">
      <h1 id="data-title">Данные</h1>
      {!readOnly && <ImportPanel />}
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}

      <h2>Что загружено</h2>
      <QueryStatus state={loaded} what="сводку данных" />
      {loaded.data && loaded.data.length === 0 && <p className="empty">Результатов пока нет. Импортируйте выгрузки или загрузите пример.</p>}
      {loaded.data && loaded.data.length > 0 && (
        <table className="data" data-testid="loaded-table">
          <thead>
            <tr>
              <th scope="col">Процедура</th>
              <th scope="col">Год</th>
              <th scope="col">Предметы</th>
              <th scope="col">Классы</th>
              <th scope="col" className="num">Школ</th>
              <th scope="col" className="num">Участников</th>
            </tr>
          </thead>
          <tbody>
            {loaded.data.map((r) => (
              <tr key={`${r.procedure}-${r.year}`}>
                <th scope="row">{r.procedure}</th>
                <td>{r.year}</td>
                <td>{r.subjects}</td>
                <td>{r.grades}</td>
                <td className="num">{formatNumber(r.schools)}</td>
                <td className="num">{formatNumber(r.participants)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Импортированные файлы</h2>
      <QueryStatus state={imports} what="список импортов" />
      {imports.data && imports.data.length > 0 && (
        <table className="data" data-testid="imports-table">
          <thead>
            <tr>
              <th scope="col">№</th>
              <th scope="col">Файл</th>
              <th scope="col">Формат</th>
              <th scope="col" className="num">Строк</th>
              <th scope="col">Дата (UTC)</th>
              <th scope="col">Статус</th>
              <th scope="col"><span className="visually-hidden">Действия</span></th>
            </tr>
          </thead>
          <tbody>
            {imports.data.map((r) => (
              <tr key={r.id} data-testid={`import-${r.id}`}>
                <td>{r.id}</td>
                <td className="file">{r.file_name}</td>
                <td>{r.format}</td>
                <td className="num">{formatNumber(r.rows)}</td>
                <td>{r.imported_at}</td>
                <td>{r.status === 'ok' ? 'импортирован' : r.status}</td>
                <td>
                  {!readOnly && (
                    <button
                      type="button"
                      aria-label={`Удалить импорт «${r.file_name}»`}
                      onClick={() => {
                        if (window.confirm(`Удалить импорт «${r.file_name}» и все его строки?`)) void act(() => removeOne(r.id), `Импорт «${r.file_name}» удалён.`);
                      }}
                    >
                      Удалить
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Рабочая область</h2>
      <p className="muted">
        Данные хранятся в этом браузере (OPFS) и переживают перезагрузку. Чтобы перенести их на другой компьютер, экспортируйте рабочую
        область в один файл и откройте его там.
      </p>
      <div className="actions">
        <button type="button" onClick={() => void exportWorkspace()} data-testid="export-workspace">
          Экспорт рабочей области
        </button>
        {!readOnly && (
          <>
            <label className="button">
              Открыть рабочую область…
              <input
                type="file"
                accept=".orientir"
                className="visually-hidden"
                data-testid="open-workspace"
                onChange={async (e) => {
                  const f = e.target.files?.[0];
                  e.target.value = '';
                  if (f) await act(async () => {
                    const bytes = new Uint8Array(await f.arrayBuffer());
                    await replaceAll(async (db) => void (await loadWorkspace(db, bytes)));
                  }, `Рабочая область «${f.name}» открыта.`);
                }}
              />
            </label>
            <button type="button" onClick={() => void act(async () => {
                // It may replace slices of saved student rows: those are loaded first.
                await ensureStudentRows();
                await importSampleData(engine);
              }, 'Пример муниципалитета загружен.')}>
              Загрузить пример
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => {
                if (window.confirm('Удалить все данные из этого браузера? Отменить это нельзя.')) void act(() => replaceAll(removeAllData), 'Все данные удалены.');
              }}
            >
              Удалить все данные
            </button>
          </>
        )}
      </div>

      <h2>Шаблоны</h2>
      <p className="muted">Файлы примера — это и есть шаблоны Ориентира, заполненные условными данными: скачайте, замените строки своими, импортируйте.</p>
      <ul className="templates">
        {SAMPLE_FILES.filter((f) => f.name in TEMPLATE_LABELS).map((f) => (
          <li key={f.name}>
            <a href={f.url} download={f.name}>
              {f.name}
            </a>{' '}
            — {TEMPLATE_LABELS[f.name]}
          </li>
        ))}
      </ul>
    </section>
  );
}

const TEMPLATE_LABELS: Record<string, string> = {
  'schools.csv': 'справочник школ',
  'school-categories.csv': 'категории школ по годам (ШНОР, ШССУ, когорта «500+»)',
  'grading-scales.csv': 'шкалы перевода баллов в отметки',
  'vpr-2025.csv': 'результаты обучающихся (ВПР, ОГЭ)',
  'ege-2025.csv': 'результаты по школам (ЕГЭ; windows-1251, «;»)',
  'risk-profiles.csv': 'рисковые профили школ «500+» (факторы, уровни, активированные направления)',
  'risk-indicators.csv': 'показатели антирисковых программ по этапам мониторинга',
  'roadmap.csv': 'дорожная карта муниципалитета «500+»',
};
