import { useEffect, useState } from 'react';

/** The app's pages, addressed by the URL hash so views can be bookmarked and back/forward work. */
export type Route = { page: 'overview' } | { page: 'schools' } | { page: 'school'; schoolId: string };

/** Reads a route from a hash such as `#/school/990101`. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'schools') return { page: 'schools' };
  if (parts[0] === 'school' && parts[1]) return { page: 'school', schoolId: parts[1] };
  return { page: 'overview' };
}

/** The hash for a route. */
export function routeHref(route: Route): string {
  if (route.page === 'schools') return '#/schools';
  if (route.page === 'school') return `#/school/${encodeURIComponent(route.schoolId)}`;
  return '#/';
}

/** The current route, following hash changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
