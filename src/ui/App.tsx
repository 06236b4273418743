import { lazy, Suspense } from 'react';
import { AppDataProvider } from '../state/app-data.tsx';
import { routeHref, useLocation, type Route } from '../state/route.ts';
import { WorkspaceBanner } from './components/WorkspaceBanner.tsx';

// Pages load on demand: the first paint needs only the shell, and ECharts, TanStack Table and the
// exporters arrive with the page that uses them.
const ComparePage = lazy(() => import('./pages/ComparePage.tsx').then((m) => ({ default: m.ComparePage })));
const DataPage = lazy(() => import('./pages/DataPage.tsx').then((m) => ({ default: m.DataPage })));
const GoalsPage = lazy(() => import('./pages/GoalsPage.tsx').then((m) => ({ default: m.GoalsPage })));
const MonitoringPage = lazy(() => import('./pages/MonitoringPage.tsx').then((m) => ({ default: m.MonitoringPage })));
const ObjectivityPage = lazy(() => import('./pages/ObjectivityPage.tsx').then((m) => ({ default: m.ObjectivityPage })));
const OverviewPage = lazy(() => import('./pages/OverviewPage.tsx').then((m) => ({ default: m.OverviewPage })));
const ReportPage = lazy(() => import('./pages/ReportPage.tsx').then((m) => ({ default: m.ReportPage })));
const RiskCardPage = lazy(() => import('./pages/RiskCardPage.tsx').then((m) => ({ default: m.RiskCardPage })));
const SchoolPage = lazy(() => import('./pages/SchoolPage.tsx').then((m) => ({ default: m.SchoolPage })));
const SchoolsPage = lazy(() => import('./pages/SchoolsPage.tsx').then((m) => ({ default: m.SchoolsPage })));
const SqlPage = lazy(() => import('./pages/SqlPage.tsx').then((m) => ({ default: m.SqlPage })));

const NAV: Array<{ page: Route['page']; label: string; also?: Array<Route['page']> }> = [
  { page: 'overview', label: 'Обзор' },
  { page: 'schools', label: 'Школы', also: ['school'] },
  { page: 'compare', label: 'Сравнение' },
  { page: 'goals', label: 'Цели' },
  { page: 'objectivity', label: 'Объективность' },
  { page: 'monitoring', label: 'Мониторинг 500+', also: ['risk'] },
  { page: 'report', label: 'Справка' },
  { page: 'data', label: 'Данные' },
  { page: 'sql', label: 'SQL' },
];

/** The app shell: header, navigation (filters travel with it), the current page. */
export function App() {
  const { route, filters, setFilters } = useLocation();
  return (
    <div className="app">
      <header className="app-header">
        {/* Keyboard users skip the navigation; a button, because a #fragment link would change the route. */}
        <button type="button" className="skip-link" onClick={() => document.querySelector<HTMLElement>('main')?.focus()}>
          Перейти к содержанию
        </button>
        <a className="brand" href={routeHref({ page: 'overview' }, filters)}>
          Ориентир
        </a>
        <nav aria-label="Разделы">
          {NAV.map((n) => (
            <a
              key={n.page}
              href={routeHref({ page: n.page } as Route, filters)}
              aria-current={route.page === n.page || n.also?.includes(route.page) ? 'page' : undefined}
            >
              {n.label}
            </a>
          ))}
        </nav>
        <span className="privacy" title="Все данные обрабатываются только на этом компьютере и никуда не отправляются">
          Данные не покидают этот компьютер
        </span>
      </header>
      <main tabIndex={-1}>
        <AppDataProvider>
          <WorkspaceBanner />
          <Suspense fallback={<div className="skeleton" aria-busy="true" aria-label="Загрузка страницы" />}>
          {route.page === 'overview' && <OverviewPage filters={filters} onFilters={setFilters} />}
          {route.page === 'schools' && <SchoolsPage filters={filters} onFilters={setFilters} />}
          {route.page === 'school' && <SchoolPage schoolId={route.schoolId} filters={filters} onFilters={setFilters} />}
          {route.page === 'compare' && <ComparePage filters={filters} onFilters={setFilters} />}
          {route.page === 'goals' && <GoalsPage />}
          {route.page === 'objectivity' && <ObjectivityPage filters={filters} onFilters={setFilters} />}
          {route.page === 'monitoring' && <MonitoringPage />}
          {route.page === 'risk' && <RiskCardPage schoolId={route.schoolId} />}
          {route.page === 'report' && <ReportPage filters={filters} onFilters={setFilters} />}
          {route.page === 'data' && <DataPage />}
          {route.page === 'sql' && <SqlPage />}
          </Suspense>
        </AppDataProvider>
      </main>
    </div>
  );
}
