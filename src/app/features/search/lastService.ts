/** The last service searched, so the form opens on it next time (as Jaeger UI does). */
const KEY = 'tracelens-last-service';

export function readLastService(): string | null {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function rememberLastService(service: string): void {
  try {
    window.localStorage.setItem(KEY, service);
  } catch {
    // Not remembering is harmless.
  }
}
