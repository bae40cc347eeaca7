/**
 * The app's first module (main.tsx imports it before anything else): it decides whether the API
 * is mocked and, if not, starts a trace page's download (earlyTraceLoad.ts) while the browser
 * still evaluates React and the app's other modules, ~0.2–0.3 s at start-up.
 */
import { startEarlyTraceLoad } from './features/trace/loading/earlyTraceLoad';

const MOCK_SESSION_KEY = 'tracelens-mock';

/**
 * The static demo build (`npm run build:mock`, Vite mode "mock") always serves its API from MSW
 * in the browser. Any other build does so with `?mock`, which sticks for the tab's session so that
 * reloading a trace page keeps working after the query is gone.
 */
export function wantsMockBackend(): boolean {
  if (import.meta.env.MODE === 'mock') return true;
  const requested = new URLSearchParams(window.location.search).has('mock');
  try {
    if (requested) window.sessionStorage.setItem(MOCK_SESSION_KEY, '1');
    return requested || window.sessionStorage.getItem(MOCK_SESSION_KEY) === '1';
  } catch {
    return requested;
  }
}

// The mocked API answers only the page's own requests, so a mocked page downloads on the page.
if (!wantsMockBackend()) startEarlyTraceLoad(window.location.pathname);
