/**
 * Where the app is mounted. index.html points `<base href>` at it (`/`, `/jaeger/`, ...), so the
 * document's base URL is the single source for the router basename and for API URLs.
 */

/** The router basename: the base path without its trailing slash ('/' at the root). */
export function routerBasename(baseURI: string = document.baseURI): string {
  const path = new URL(baseURI).pathname;
  const dir = path.slice(0, path.lastIndexOf('/') + 1);
  return dir.replace(/\/+$/, '') || '/';
}

/** An API path such as `api/services` resolved against the base, so it works under a sub-path. */
export function apiUrl(path: string, params?: URLSearchParams, baseURI: string = document.baseURI): URL {
  const url = new URL(path, baseURI);
  if (params) url.search = params.toString();
  return url;
}
