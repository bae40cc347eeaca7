/**
 * The last search per service, so that picking a service brings back what was last asked of it
 * (as Jaeger UI remembers its last service and operation), and the form opens on the last service.
 */
import type { SearchDraft } from './searchDraft';

const KEY = 'tracelens-last-search';
const MAX_SERVICES = 50;

/** What is restored: the filters, not the time window (an old custom window is rarely wanted). */
export type RememberedSearch = Pick<
  SearchDraft,
  'operation' | 'spanKind' | 'tags' | 'lookback' | 'minDuration' | 'maxDuration' | 'limit'
>;

interface Stored {
  lastService: string | null;
  byService: Record<string, RememberedSearch>;
}

const FIELDS = ['operation', 'spanKind', 'tags', 'lookback', 'minDuration', 'maxDuration', 'limit'] as const;

function isRemembered(value: unknown): value is RememberedSearch {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return FIELDS.every((f) => typeof record[f] === 'string');
}

function read(): Stored {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? 'null');
    if (typeof parsed !== 'object' || parsed === null) return { lastService: null, byService: {} };
    const { lastService, byService } = parsed as Record<string, unknown>;
    const valid: Record<string, RememberedSearch> = {};
    if (typeof byService === 'object' && byService !== null) {
      for (const [service, search] of Object.entries(byService))
        if (isRemembered(search)) valid[service] = search;
    }
    return { lastService: typeof lastService === 'string' ? lastService : null, byService: valid };
  } catch {
    return { lastService: null, byService: {} };
  }
}

export function readLastService(): string | null {
  return read().lastService;
}

export function readRememberedSearch(service: string): RememberedSearch | null {
  return read().byService[service] ?? null;
}

export function rememberSearch(draft: SearchDraft): void {
  const stored = read();
  const remembered = Object.fromEntries(FIELDS.map((f) => [f, draft[f]])) as RememberedSearch;
  // Re-inserting moves the service to the end, so the oldest is dropped first.
  delete stored.byService[draft.service];
  stored.byService[draft.service] = remembered;
  const services = Object.keys(stored.byService);
  for (const old of services.slice(0, Math.max(0, services.length - MAX_SERVICES)))
    delete stored.byService[old];
  try {
    window.localStorage.setItem(
      KEY,
      JSON.stringify({ lastService: draft.service, byService: stored.byService }),
    );
  } catch {
    // Not remembering is harmless.
  }
}
