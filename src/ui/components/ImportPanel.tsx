import { useRef, useState } from 'react';
import { formatProblem } from '../../core/import-problem.ts';
import type { ImportContext } from '../../core/layouts/types.ts';
import { SUBJECTS } from '../../core/subjects.ts';
import { importFile, orderForImport, type ImportStage, type ImportSummary } from '../../db/import-file.ts';
import type { ColumnMapping } from '../../core/layouts/mapping.ts';
import { useAppData } from '../../state/app-data.tsx';
import { findSavedMapping, saveMapping } from '../../state/saved-mappings.ts';
import { MappingDialog } from './MappingDialog.tsx';

const STAGES: Record<ImportStage, string> = { reading: 'чтение', recognising: 'распознавание', checking: 'проверка', saving: 'сохранение' };

interface Pending {
  name: string;
  bytes: Uint8Array;
  needs: Array<keyof ImportContext>;
}

interface Unmapped {
  name: string;
  bytes: Uint8Array;
  preview: string[][];
}

/**
 * Import: choose or drop files; each goes through the pipeline with its stage shown and can be
 * cancelled; each gets a report. A file whose year, subject or grade is unknown asks for them.
 */
export function ImportPanel() {
  const { readOnly, changed, runImport } = useAppData();
  const [busy, setBusy] = useState<{ file: string; stage: string; index: number; total: number } | null>(null);
  const [results, setResults] = useState<ImportSummary[]>([]);
  const [pending, setPending] = useState<Pending | null>(null);
  const [unmapped, setUnmapped] = useState<Unmapped | null>(null);
  const [dragging, setDragging] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const input = useRef<HTMLInputElement>(null);

  async function run(files: Array<{ name: string; bytes: Uint8Array }>, context?: ImportContext, mapping?: ColumnMapping) {
    const controller = new AbortController();
    abort.current = controller;
    const done: ImportSummary[] = [];
    const ordered = orderForImport(files);
    let anyOk = false;
    try {
      setBusy({ file: ordered[0]?.name ?? '', stage: STAGES.reading, index: 0, total: ordered.length });
      // An import replaces slices of student rows: runImport loads the saved ones of its slices first.
      await runImport(async (engine, beforeMerge) => {
        for (const [index, f] of ordered.entries()) {
          if (controller.signal.aborted) break;
          setBusy({ file: f.name, stage: STAGES.reading, index, total: ordered.length });
          const options = {
            signal: controller.signal,
            beforeMerge,
            ...(context ? { context } : {}),
            onStage: (s: ImportStage) => setBusy({ file: f.name, stage: STAGES[s], index, total: ordered.length }),
          };
          let r = await importFile(engine, f.name, f.bytes, mapping ? { ...options, mapping } : options);
          if (r.preview && !mapping) {
            const saved = findSavedMapping(r.preview);
            if (saved) r = await importFile(engine, f.name, f.bytes, { ...options, mapping: saved });
            else setUnmapped({ name: f.name, bytes: f.bytes, preview: r.preview });
          }
          done.push(r);
          if (r.status === 'ok') anyOk = true;
          if (r.needs?.length && !context) setPending({ name: f.name, bytes: f.bytes, needs: r.needs });
        }
      });
    } finally {
      setBusy(null);
      abort.current = null;
      setResults((prev) => [...done, ...prev]);
      if (anyOk) await changed();
    }
  }

  async function onFiles(list: FileList | null) {
    if (!list || list.length === 0) return;
    const files = await Promise.all([...list].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    if (input.current) input.current.value = '';
    await run(files);
  }

  return (
    <section aria-labelledby="import-title" className="panel">
      <h2 id="import-title">Импорт файлов</h2>
      <div
        className={dragging ? 'dropzone dragging' : 'dropzone'}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          if (!readOnly && !busy) void onFiles(e.dataTransfer.files);
        }}
      >
        <p>Перетащите сюда выгрузки ФИС ОКО, РЦОИ или шаблоны Ориентира (xlsx, csv) — или</p>
        <label className="button">
          выберите файлы
          <input
            ref={input}
            type="file"
            multiple
            accept=".xlsx,.csv,.tsv,.txt"
            disabled={readOnly || busy !== null}
            onChange={(e) => void onFiles(e.target.files)}
            data-testid="file-input"
            className="visually-hidden"
          />
        </label>
        <p className="muted">Файлы читаются только на этом компьютере. Импорт — всё или ничего: при ошибке данные не меняются.</p>
      </div>
      {busy && (
        <div className="progress" role="status" aria-live="polite" data-testid="import-progress">
          <div>
            Файл {busy.index + 1} из {busy.total}: «{busy.file}» — {busy.stage}…
          </div>
          <progress max={busy.total * 4} value={busy.index * 4 + Object.values(STAGES).indexOf(busy.stage) + 1} />
          <button type="button" onClick={() => abort.current?.abort()}>
            Отменить
          </button>
        </div>
      )}
      {unmapped && (
        <MappingDialog
          fileName={unmapped.name}
          preview={unmapped.preview}
          onCancel={() => setUnmapped(null)}
          onSubmit={(mapping, remember) => {
            const u = unmapped;
            setUnmapped(null);
            if (remember) saveMapping(u.preview[mapping.headerRow] ?? [], mapping);
            void run([u], undefined, mapping);
          }}
        />
      )}
      {pending && <ContextForm pending={pending} onSubmit={(ctx) => { const p = pending; setPending(null); void run([p], ctx); }} onCancel={() => setPending(null)} />}
      {results.length > 0 && (
        <ul className="import-results" data-testid="import-results">
          {results.map((r, i) => (
            <li key={`${r.file}-${i}`} className={r.status}>
              <strong>{r.status === 'ok' ? '✓' : r.status === 'duplicate' ? '=' : '✗'} {r.file}</strong>{' '}
              {r.status === 'ok' && `— ${r.format}, строк: ${r.rows}`}
              {r.status === 'duplicate' && '— этот файл уже импортирован, ничего не изменено'}
              {r.status === 'failed' && (
                <>
                  — {r.cancelled ? 'отменено, данные не изменены' : 'не импортирован, данные не изменены'}
                  {!r.cancelled && (
                    <ol className="problems">
                      {r.problems.map((p, j) => (
                        <li key={j}>{formatProblem(p)}</li>
                      ))}
                      {r.more > 0 && <li>…и ещё {r.more}</li>}
                    </ol>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Asks for the year, subject and grade a file does not state, instead of guessing them. */
function ContextForm({ pending, onSubmit, onCancel }: { pending: Pending; onSubmit: (ctx: ImportContext) => void; onCancel: () => void }) {
  const [year, setYear] = useState('');
  const [subject, setSubject] = useState('');
  const [grade, setGrade] = useState('');
  return (
    <form
      className="context-form"
      data-testid="context-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({
          ...(year ? { year: Number(year) } : {}),
          ...(subject ? { subject } : {}),
          ...(grade ? { grade: Number(grade) } : {}),
        });
      }}
    >
      <p>
        В файле «{pending.name}» не сказано, к какой работе он относится. Укажите:
      </p>
      {pending.needs.includes('year') && (
        <label>
          Год <input type="number" min={2000} max={2100} required value={year} onChange={(e) => setYear(e.target.value)} />
        </label>
      )}
      {pending.needs.includes('subject') && (
        <label>
          Предмет{' '}
          <select required value={subject} onChange={(e) => setSubject(e.target.value)}>
            <option value="" />
            {SUBJECTS.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
      )}
      {pending.needs.includes('grade') && (
        <label>
          Класс <input type="number" min={1} max={11} required value={grade} onChange={(e) => setGrade(e.target.value)} />
        </label>
      )}
      <button type="submit">Импортировать</button>{' '}
      <button type="button" onClick={onCancel}>
        Отмена
      </button>
    </form>
  );
}
