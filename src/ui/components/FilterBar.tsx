import { CATEGORIES, filterOptionsSql, type Category, type Filters } from '../../core/filters.ts';
import { useQuery } from '../../state/use-query.ts';

/** Which filters a page uses (others are kept in the URL but not shown). */
export type FilterKey = keyof Filters;

/** The global filters as labelled selects; every change is a new URL (bookmarkable; back/forward work). */
export function FilterBar({ filters, onChange, show }: { filters: Filters; onChange: (f: Filters) => void; show: readonly FilterKey[] }) {
  const options = useQuery<{ kind: string; value: string }>(filterOptionsSql());
  const values = (kind: string) => (options.data ?? []).filter((o) => o.kind === kind).map((o) => o.value);
  const set = (key: FilterKey, value: string) => {
    const next: Filters = { ...filters };
    if (value === '') delete next[key];
    else if (key === 'year' || key === 'grade') next[key] = Number(value);
    else if (key === 'category') next.category = value as Category;
    else next[key] = value;
    onChange(next);
  };
  const select = (key: FilterKey, label: string, choices: Array<{ value: string; label: string }>, all = 'все') => (
    <label key={key}>
      {label}{' '}
      <select value={filters[key] === undefined ? '' : String(filters[key])} onChange={(e) => set(key, e.target.value)} data-testid={`filter-${key}`}>
        <option value="">{all}</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
  const plain = (kind: string) => values(kind).map((v) => ({ value: v, label: v }));
  const byNumber = (kind: string) =>
    values(kind)
      .map(Number)
      .sort((a, b) => a - b)
      .map((v) => ({ value: String(v), label: String(v) }));
  const builders: Record<FilterKey, () => React.ReactNode> = {
    procedure: () => select('procedure', 'Процедура', plain('procedure'), 'все'),
    year: () => select('year', 'Год', byNumber('year'), 'все'),
    subject: () => select('subject', 'Предмет', plain('subject'), 'все'),
    grade: () => select('grade', 'Класс', byNumber('grade'), 'все'),
    municipality: () => select('municipality', 'Муниципалитет', plain('municipality'), 'все'),
    category: () =>
      select(
        'category',
        'Категория',
        (Object.keys(CATEGORIES) as Category[]).map((c) => ({ value: c, label: CATEGORIES[c] })),
        'все школы',
      ),
  };
  return (
    <form className="filters" aria-label="Фильтры" onSubmit={(e) => e.preventDefault()}>
      {show.map((k) => builders[k]())}
      {show.some((k) => filters[k] !== undefined) && (
        <button type="button" onClick={() => onChange({})}>
          Сбросить
        </button>
      )}
    </form>
  );
}
