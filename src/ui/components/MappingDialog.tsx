import { useMemo, useState } from 'react';
import { MAPPABLE_LAYOUTS, type ColumnMapping } from '../../core/layouts/mapping.ts';
import { matchHeader } from '../../core/layouts/recognise.ts';

/**
 * For a file no layout recognises: the user picks which template it fills, the header row, and the
 * column for each field, with a preview of the first rows; the mapping can be remembered for the
 * next file of that shape.
 */
export function MappingDialog({ fileName, preview, onSubmit, onCancel }: {
  fileName: string;
  preview: string[][];
  onSubmit: (mapping: ColumnMapping, remember: boolean) => void;
  onCancel: () => void;
}) {
  const firstFilled = Math.max(0, preview.findIndex((r) => r.filter((c) => c.trim() !== '').length > 1));
  const [headerRow, setHeaderRow] = useState(firstFilled);
  const [layoutId, setLayoutId] = useState(MAPPABLE_LAYOUTS[0]!.id);
  const header = preview[headerRow] ?? [];
  const layout = MAPPABLE_LAYOUTS.find((l) => l.id === layoutId)!;
  const guessed = useMemo(() => matchHeader(layout, header).columns, [layout, header]);
  const [columns, setColumns] = useState<Record<string, number>>({});
  const chosen = { ...guessed, ...columns };
  const missing = layout.fields.filter((f) => f.required && (chosen[f.field] === undefined || chosen[f.field]! < 0));
  const [remember, setRemember] = useState(true);
  return (
    <form
      className="mapping"
      data-testid="mapping-dialog"
      onSubmit={(e) => {
        e.preventDefault();
        const cols = Object.fromEntries(Object.entries(chosen).filter(([, v]) => v >= 0));
        onSubmit({ layoutId, headerRow, columns: cols }, remember);
      }}
    >
      <h3>Сопоставьте столбцы файла «{fileName}»</h3>
      <p className="muted">Формат файла не распознан. Укажите, какие данные в нём и в каком столбце каждое поле, — файл будет проверен и импортирован как шаблон Ориентира.</p>
      <div className="mapping-row">
        <label>
          Что в файле{' '}
          <select value={layoutId} onChange={(e) => { setLayoutId(e.target.value); setColumns({}); }} data-testid="mapping-layout">
            {MAPPABLE_LAYOUTS.map((l) => (
              <option key={l.id} value={l.id}>
                {l.title.replace(' (шаблон Ориентира)', '')}
              </option>
            ))}
          </select>
        </label>
        <label>
          Строка заголовка{' '}
          <select value={headerRow} onChange={(e) => { setHeaderRow(Number(e.target.value)); setColumns({}); }} data-testid="mapping-header-row">
            {preview.map((r, i) => (
              <option key={i} value={i}>
                {i + 1}: {r.filter(Boolean).slice(0, 4).join(' | ').slice(0, 60)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="mapping-fields">
        {layout.fields.map((f) => (
          <label key={f.field}>
            {f.label}
            {f.required ? ' *' : ''}{' '}
            <select
              value={chosen[f.field] ?? -1}
              onChange={(e) => setColumns((c) => ({ ...c, [f.field]: Number(e.target.value) }))}
              data-testid={`mapping-field-${f.field}`}
            >
              <option value={-1}>— нет —</option>
              {header.map((h, i) => (
                <option key={i} value={i}>
                  {i + 1}. {h || '(пусто)'}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <div className="scroll mapping-preview" tabIndex={0} role="region" aria-label="Первые строки файла (прокрутка)">
        <table className="data compact">
          <tbody>
            {preview.slice(headerRow, headerRow + 6).map((r, i) => (
              <tr key={i}>
                {r.map((c, j) => (i === 0 ? <th key={j} scope="col">{c}</th> : <td key={j}>{c}</td>))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <label>
        <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} /> запомнить сопоставление для файлов такого вида
      </label>
      {missing.length > 0 && <p className="muted">Не хватает обязательных полей: {missing.map((m) => `«${m.label}»`).join(', ')}.</p>}
      <div className="actions">
        <button type="submit" disabled={missing.length > 0}>
          Импортировать
        </button>
        <button type="button" onClick={onCancel}>
          Отмена
        </button>
      </div>
    </form>
  );
}
