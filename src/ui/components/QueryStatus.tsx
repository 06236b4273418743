import type { QueryState } from '../../state/use-query.ts';

/** Shows a query's loading skeleton or its error (with the SQL that failed); nothing when data is there. */
export function QueryStatus({ state, what }: { state: QueryState<object>; what: string }) {
  if (state.error) {
    return (
      <div className="error" role="alert">
        <strong>Не удалось получить {what}.</strong> {state.error.message}
        <details>
          <summary>Запрос</summary>
          <pre>{state.error.sql}</pre>
        </details>
      </div>
    );
  }
  if (state.loading && !state.data) return <div className="skeleton" aria-busy="true" aria-label={`Загрузка: ${what}`} />;
  return null;
}
