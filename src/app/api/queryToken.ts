/**
 * The bearer token of a query API started with `--query-token`. The person enters it when the
 * API answers 401; it is kept in sessionStorage (this tab only, gone when the tab closes, never
 * in a URL or a cookie) and sent as `Authorization: Bearer …` on every API call. It is not taken
 * from the injected page config: index.html is served without a token, so anything in it would
 * be readable by everyone the token is meant to keep out.
 */
import { create } from 'zustand';

const STORAGE_KEY = 'tracelens-query-token';

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    // Storage can be blocked (privacy settings, sandboxed frames); the token then lasts the page.
    return null;
  }
}

let inMemory: string | null = null;

export function readQueryToken(): string | null {
  try {
    return storage()?.getItem(STORAGE_KEY) ?? inMemory;
  } catch {
    return inMemory;
  }
}

function writeQueryToken(token: string | null): void {
  inMemory = token;
  try {
    if (token === null) storage()?.removeItem(STORAGE_KEY);
    else storage()?.setItem(STORAGE_KEY, token);
  } catch {
    // Kept in memory only.
  }
}

/** The Authorization header of API calls, when a token was entered. */
export function authorizationHeaders(): Record<string, string> {
  const token = readQueryToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

interface QueryTokenState {
  /** The API answered 401: the prompt shows until a token is entered. */
  readonly needed: boolean;
  /** The 401 came although a token was sent: it is wrong or was changed on the server. */
  readonly rejected: boolean;
  /** Increases with each token entered, so callers can refetch. */
  readonly generation: number;
  unauthorized(hadToken: boolean): void;
  enterToken(token: string): void;
  forgetToken(): void;
}

export const useQueryTokenStore = create<QueryTokenState>()((set) => ({
  needed: false,
  rejected: false,
  generation: 0,
  unauthorized: (hadToken) => set({ needed: true, rejected: hadToken }),
  enterToken: (token) => {
    writeQueryToken(token.trim());
    set((s) => ({ needed: false, rejected: false, generation: s.generation + 1 }));
  },
  forgetToken: () => {
    writeQueryToken(null);
    set({ needed: true, rejected: false });
  },
}));

/**
 * Records a 401 from the query API and returns the message to show where the call failed.
 * `sentToken` says whether the failed request carried a token.
 */
export function unauthorizedMessage(sentToken: boolean): string {
  useQueryTokenStore.getState().unauthorized(sentToken);
  return sentToken
    ? 'The query API refused the token (HTTP 401). Enter the current token in the "Query API token" box at the top of the page; it is the value the server was started with (--query-token or TRACELENS_QUERY_TOKEN).'
    : 'The query API needs a token (HTTP 401): this server was started with --query-token. Enter the token in the "Query API token" box at the top of the page; it is kept in this browser tab only and sent as an Authorization header.';
}
