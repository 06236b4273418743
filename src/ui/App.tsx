import { AppDataProvider } from '../state/app-data.tsx';
import { routeHref, useLocation, type Route } from '../state/route.ts';
import { WorkspaceBanner } from './components/WorkspaceBanner.tsx';
import { ComparePage } from './pages/ComparePage.tsx';
import { DataPage } from './pages/DataPage.tsx';
import { MonitoringPage } from './pages/MonitoringPage.tsx';
import { ObjectivityPage } from './pages/ObjectivityPage.tsx';
import { OverviewPage } from './pages/OverviewPage.tsx';
import { RiskCardPage } from './pages/RiskCardPage.tsx';
import { SchoolPage } from './pages/SchoolPage.tsx';
import { SchoolsPage } from './pages/SchoolsPage.tsx';
import { SqlPage } from './pages/SqlPage.tsx';

const NAV: Array<{ page: Route['page']; label: string; also?: Array<Route['page']> }> = [
  { page: 'overview', label: 'Обзор' },
  { page: 'schools', label: 'Школы', also: ['school'] },
  { page: 'compare', label: 'Сравнение' },
  { page: 'objectivity', label: 'Объективность' },
  { page: 'monitoring', label: 'Мониторинг 500+', also: ['risk'] },
  { page: 'data', label: 'Данные' },
  { page: 'sql', label: 'SQL' },
];

/** The app shell: header, navigation (filters travel with it), the current page. */
export function App() {
  const { route, filters, setFilters } = useLocation();
  return (
    <div className="app">
      <header className="app-header">
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
      <main>
        <AppDataProvider>
          <WorkspaceBanner />
          {route.page === 'overview' && <OverviewPage filters={filters} onFilters={setFilters} />}
          {route.page === 'schools' && <SchoolsPage filters={filters} onFilters={setFilters} />}
          {route.page === 'school' && <SchoolPage schoolId={route.schoolId} filters={filters} onFilters={setFilters} />}
          {route.page === 'compare' && <ComparePage filters={filters} onFilters={setFilters} />}
          {route.page === 'objectivity' && <ObjectivityPage filters={filters} onFilters={setFilters} />}
          {route.page === 'monitoring' && <MonitoringPage />}
          {route.page === 'risk' && <RiskCardPage schoolId={route.schoolId} />}
          {route.page === 'data' && <DataPage />}
          {route.page === 'sql' && <SqlPage />}
        </AppDataProvider>
      </main>
    </div>
  );
}
