import { lazy, Suspense } from 'react';
import { AppDataProvider } from '../state/app-data.tsx';
import { parseLocation, routeHref, useLocation, type Route } from '../state/route.ts';
import { WorkspaceBanner } from './components/WorkspaceBanner.tsx';

// Pages load on demand: the first paint needs only the shell, and ECharts, TanStack Table and the
// exporters arrive with the page that uses them.
const PAGES = {
  compare: () => import('./pages/ComparePage.tsx').then((m) => ({ default: m.ComparePage })),
  data: () => import('./pages/DataPage.tsx').then((m) => ({ default: m.DataPage })),
  goals: () => import('./pages/GoalsPage.tsx').then((m) => ({ default: m.GoalsPage })),
  monitoring: () => import('./pages/MonitoringPage.tsx').then((m) => ({ default: m.MonitoringPage })),
  objectivity: () => import('./pages/ObjectivityPage.tsx').then((m) => ({ default: m.ObjectivityPage })),
  overview: () => import('./pages/OverviewPage.tsx').then((m) => ({ default: m.OverviewPage })),
  report: () => import('./pages/ReportPage.tsx').then((m) => ({ default: m.ReportPage })),
  risk: () => import('./pages/RiskCardPage.tsx').then((m) => ({ default: m.RiskCardPage })),
  school: () => import('./pages/SchoolPage.tsx').then((m) => ({ default: m.SchoolPage })),
  schools: () => import('./pages/SchoolsPage.tsx').then((m) => ({ default: m.SchoolsPage })),
  sql: () => import('./pages/SqlPage.tsx').then((m) => ({ default: m.SqlPage })),
};

// The opening page's code (and ECharts with it) downloads and compiles while DuckDB starts, instead
// of after the data is open; lazy() below then gets the module the browser already has.
const PAGE_OF_ROUTE: Record<Route['page'], () => Promise<unknown>> = PAGES;
void PAGE_OF_ROUTE[parseLocation(window.location.hash).route.page]().catch(() => undefined);

const ComparePage = lazy(PAGES.compare);
const DataPage = lazy(PAGES.data);
const GoalsPage = lazy(PAGES.goals);
const MonitoringPage = lazy(PAGES.monitoring);
const ObjectivityPage = lazy(PAGES.objectivity);
const OverviewPage = lazy(PAGES.overview);
const ReportPage = lazy(PAGES.report);
const RiskCardPage = lazy(PAGES.risk);
const SchoolPage = lazy(PAGES.school);
const SchoolsPage = lazy(PAGES.schools);
const SqlPage = lazy(PAGES.sql);

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
