import { useCallback, useEffect, useState } from 'react';
import { filtersFromParams, filtersToParams, type Filters } from '../core/filters.ts';

/** The app's pages, addressed by the URL hash so views can be bookmarked and back/forward work. */
export type Route =
  | { page: 'overview' }
  | { page: 'schools' }
  | { page: 'school'; schoolId: string }
  | { page: 'compare' }
  | { page: 'goals' }
  | { page: 'objectivity' }
  | { page: 'monitoring' }
  | { page: 'risk'; schoolId: string }
  | { page: 'report' }
  | { page: 'data' }
  | { page: 'sql' };

/** Where the user is: the page and the global filters (hash such as `#/schools?procedure=ВПР&year=2025`). */
export interface Location {
  route: Route;
  filters: Filters;
}

/** Reads a location from a hash such as `#/school/990101?subject=Математика`. */
export function parseLocation(hash: string): Location {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const filters = filtersFromParams(new URLSearchParams(query));
  const page = parts[0];
  if (page === 'schools' || page === 'compare' || page === 'goals' || page === 'objectivity' || page === 'monitoring' || page === 'report' || page === 'data' || page === 'sql') {
    return { route: { page }, filters };
  }
  if ((page === 'school' || page === 'risk') && parts[1]) return { route: { page, schoolId: parts[1] }, filters };
  return { route: { page: 'overview' }, filters };
}

/** The hash for a route, keeping the given filters. */
export function routeHref(route: Route, filters: Filters = {}): string {
  const path =
    route.page === 'overview' ? '' : route.page === 'school' || route.page === 'risk' ? `${route.page}/${encodeURIComponent(route.schoolId)}` : route.page;
  const query = filtersToParams(filters).toString();
  return `#/${path}${query ? `?${query}` : ''}`;
}

/** The current location, following hash changes; `setFilters` adds a history entry. */
export function useLocation(): Location & { setFilters(f: Filters): void } {
  const [location, setLocation] = useState(() => parseLocation(window.location.hash));
  useEffect(() => {
    const onChange = () => setLocation(parseLocation(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const setFilters = useCallback(
    (filters: Filters) => {
      window.location.hash = routeHref(location.route, filters);
    },
    [location.route],
  );
  return { ...location, setFilters };
}
