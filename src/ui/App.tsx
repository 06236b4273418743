import { AppDataProvider } from '../state/app-data.tsx';
import { routeHref, useRoute } from '../state/route.ts';
import { OverviewPage } from './pages/OverviewPage.tsx';
import { SchoolPage } from './pages/SchoolPage.tsx';
import { SchoolsPage } from './pages/SchoolsPage.tsx';

/** The app shell: header, navigation, the current page. */
export function App() {
  const route = useRoute();
  const nav = [
    { page: 'overview' as const, label: 'Обзор' },
    { page: 'schools' as const, label: 'Школы' },
  ];
  return (
    <div className="app">
      <header className="app-header">
        <a className="brand" href="#/">
          Ориентир
        </a>
        <nav aria-label="Разделы">
          {nav.map((n) => (
            <a key={n.page} href={routeHref({ page: n.page })} aria-current={route.page === n.page || (n.page === 'schools' && route.page === 'school') ? 'page' : undefined}>
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
          {route.page === 'overview' && <OverviewPage />}
          {route.page === 'schools' && <SchoolsPage />}
          {route.page === 'school' && <SchoolPage schoolId={route.schoolId} />}
        </AppDataProvider>
      </main>
    </div>
  );
}
