/** Records the API requests a test makes, to assert which endpoints (and how many) were called. */
import type { SetupServer } from 'msw/node';

export interface RecordedRequests {
  /** Every request URL, in order. */
  readonly urls: URL[];
  /** `/api/...` paths with their query, relative to any base: `api/v3/services`. */
  paths(): string[];
  /** Requests whose path (without query) is exactly `path` (e.g. `api/traces`). */
  to(path: string): URL[];
  stop(): void;
}

export function recordRequests(server: SetupServer): RecordedRequests {
  const urls: URL[] = [];
  const listener = ({ request }: { request: Request }) => {
    urls.push(new URL(request.url));
  };
  server.events.on('request:start', listener);
  const apiPath = (u: URL) => u.pathname.slice(u.pathname.indexOf('/api/') + 1);
  return {
    urls,
    paths: () => urls.map((u) => apiPath(u) + u.search),
    to: (path) => urls.filter((u) => apiPath(u) === path),
    stop: () => server.events.removeListener('request:start', listener),
  };
}
