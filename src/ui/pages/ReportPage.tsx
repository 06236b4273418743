import { useEffect, useMemo, useState } from 'react';
import pkg from '../../../package.json';
import type { Filters } from '../../core/filters.ts';
import { buildReport, type ReportFigures } from '../../core/report/build-report.ts';
import { SECTION_IDS, SECTION_TITLES, type ReportOptions, type SectionId } from '../../core/report/report-model.ts';
import { reportMunicipalitiesSql, reportYearsSql } from '../../core/report/report-queries.ts';
import { useAppData } from '../../state/app-data.tsx';
import { useQuery } from '../../state/use-query.ts';
import { download, fileName } from '../export/download.ts';
import { loadFigures } from '../report/load-figures.ts';
import { ReportPreview } from '../report/ReportPreview.tsx';
import '../report/report.css';

const SOURCES_SQL = `SELECT string_agg(file_name || ' (' || strftime(imported_at, '%d.%m.%Y') || ')', '; ' ORDER BY id) AS sources FROM imports`;
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * «Аналитическая справка» (municipal coordinator): period, base year, scope and sections → a report
 * built from the data by templates and rules, previewed here, printed to PDF (print stylesheet) or
 * downloaded as an editable DOCX. No network, no AI service: everything is computed on this machine.
 */
export function ReportPage({ filters, onFilters }: { filters: Filters; onFilters: (f: Filters) => void }) {
  const { engine, version } = useAppData();
  const yearsQ = useQuery<{ year: number }>(reportYearsSql());
  const municipalitiesQ = useQuery<{ municipality: string }>(reportMunicipalitiesSql());
  const sources = useQuery<{ sources: string | null }>(SOURCES_SQL).data?.[0]?.sources ?? 'нет импортов';
  const years = (yearsQ.data ?? []).map((r) => r.year);
  const year = filters.year !== undefined && years.includes(filters.year) ? filters.year : years[years.length - 1];
  const [baseChoice, setBaseChoice] = useState<number | undefined>();
  const baseYear = baseChoice !== undefined && year !== undefined && baseChoice < year ? baseChoice : year !== undefined ? year - 1 : undefined;
  const [sections, setSections] = useState<ReadonlySet<SectionId>>(() => new Set(SECTION_IDS));
  const shnorOnly = filters.category === 'shnor';

  const options = useMemo<ReportOptions | undefined>(
    () =>
      year === undefined || baseYear === undefined
        ? undefined
        : { year, baseYear, ...(filters.municipality !== undefined ? { municipality: filters.municipality } : {}), shnorOnly, sections: SECTION_IDS.filter((s) => sections.has(s)) },
    [year, baseYear, filters.municipality, shnorOnly, sections],
  );
  const [figures, setFigures] = useState<{ key: string; figures: ReportFigures } | { key: string; error: string } | undefined>();
  const key = options ? `${version}\u0000${JSON.stringify({ ...options, sections: [] })}` : '';
  useEffect(() => {
    if (!options) return;
    let live = true;
    loadFigures(engine, options).then(
      (f) => live && setFigures({ key, figures: f }),
      (e: unknown) => live && setFigures({ key, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
    // The figures do not depend on the chosen sections: `key` (which leaves them out) stands for `options`.
  }, [engine, key]);

  const [madeAt] = useState(() => new Date().toLocaleString('ru-RU'));
  const report = useMemo(() => {
    if (!options || !figures || !('figures' in figures)) return undefined;
    return buildReport({ ...figures.figures, options }, { sources, madeAt, version: pkg.version });
  }, [figures, options, sources, madeAt]);
  const stale = figures !== undefined && figures.key !== key;

  const [busy, setBusy] = useState(false);
  const [docxError, setDocxError] = useState<string | undefined>();
  const saveDocx = async () => {
    if (!report) return;
    setBusy(true);
    setDocxError(undefined);
    try {
      const { reportToDocx } = await import('../report/report-docx.ts');
      download(fileName(report.title, 'docx'), await reportToDocx(report), DOCX_MIME);
    } catch (e) {
      setDocxError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const setFilter = (patch: Partial<Filters>) => {
    const next: Filters = { ...filters, ...patch };
    for (const k of Object.keys(patch) as Array<keyof Filters>) if (patch[k] === undefined) delete next[k];
    onFilters(next);
  };

  return (
    <section aria-labelledby="report-title">
      <h1 id="report-title">Аналитическая справка</h1>
      <p className="report-intro no-print">
        Справка собирается из загруженных данных по шаблонам: цифры, таблицы, графики, выводы и рекомендуемые решения. Всё считается на этом
        компьютере; справку можно распечатать в PDF или скачать в DOCX и дописать.
      </p>
      <form className="report-form no-print" aria-label="Параметры справки" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>Период</legend>
          <label>
            Год{' '}
            <select data-testid="report-year" value={year ?? ''} onChange={(e) => setFilter({ year: Number(e.target.value) })}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
          <label>
            Сравнить с годом{' '}
            <select data-testid="report-base-year" value={baseYear ?? ''} onChange={(e) => setBaseChoice(Number(e.target.value))}>
              {[...new Set([...years.filter((y) => year !== undefined && y < year), ...(baseYear !== undefined ? [baseYear] : [])])]
                .sort((a, b) => a - b)
                .map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
            </select>
          </label>
        </fieldset>
        <fieldset>
          <legend>Охват</legend>
          <label>
            Муниципалитет{' '}
            <select data-testid="report-municipality" value={filters.municipality ?? ''} onChange={(e) => setFilter({ municipality: e.target.value || undefined })}>
              <option value="">все</option>
              {(municipalitiesQ.data ?? []).map((m) => (
                <option key={m.municipality} value={m.municipality}>
                  {m.municipality}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input type="radio" name="report-schools" checked={!shnorOnly} onChange={() => setFilter({ category: undefined })} /> все школы
          </label>
          <label>
            <input type="radio" name="report-schools" data-testid="report-shnor-only" checked={shnorOnly} onChange={() => setFilter({ category: 'shnor' })} /> только ШНОР
          </label>
        </fieldset>
        <fieldset>
          <legend>Разделы</legend>
          {SECTION_IDS.map((id) => (
            <label key={id}>
              <input
                type="checkbox"
                data-testid={`report-include-${id}`}
                checked={sections.has(id)}
                onChange={(e) => {
                  const next = new Set(sections);
                  if (e.target.checked) next.add(id);
                  else next.delete(id);
                  setSections(next);
                }}
              />{' '}
              {SECTION_TITLES[id]}
            </label>
          ))}
        </fieldset>
      </form>
      <div className="report-actions no-print">
        <button type="button" data-testid="report-docx" disabled={!report || busy || stale} onClick={saveDocx}>
          {busy ? 'Готовится DOCX…' : 'Скачать DOCX'}
        </button>
        <button type="button" data-testid="report-print" disabled={!report || stale} onClick={() => window.print()}>
          Печать / PDF
        </button>
        {stale && <span role="status">Пересчёт…</span>}
        {docxError && (
          <span className="error" role="alert">
            Не удалось сформировать DOCX: {docxError}
          </span>
        )}
      </div>
      {figures && 'error' in figures && (
        <div className="error" role="alert">
          Не удалось посчитать цифры справки: {figures.error}
        </div>
      )}
      {yearsQ.data && years.length === 0 && <p>Загрузите результаты оценочных процедур, чтобы составить справку.</p>}
      {!report && !(figures && 'error' in figures) && years.length > 0 && <div className="skeleton" aria-busy="true" aria-label="Загрузка: справка" />}
      {report && <ReportPreview report={report} />}
    </section>
  );
}
