/**
 * Configuration the serving backend injects into index.html (Jaeger's query service replaces
 * `DEFAULT_CONFIG` and `DEFAULT_BACKEND_CAPABILITIES` with JSON). Both stay null when the page is
 * served as a plain file, so every reader must cope with absence.
 */

/** The Jaeger UI config file (ui-config.json); only the fields Tracelens reads are typed. */
export interface UiConfig {
  readonly [key: string]: unknown;
}

/** Jaeger's `backendCapabilities`, e.g. `{ "metricsStorage": true }`. */
export interface BackendCapabilities {
  readonly [capability: string]: unknown;
}

declare global {
  interface Window {
    JAEGER_CONFIG?: unknown;
    JAEGER_BACKEND_CAPABILITIES?: unknown;
  }
}

function asRecord(value: unknown): Readonly<Record<string, unknown>> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

export function readUiConfig(win: Pick<Window, 'JAEGER_CONFIG'> = window): UiConfig | null {
  return asRecord(win.JAEGER_CONFIG);
}

export function readBackendCapabilities(
  win: Pick<Window, 'JAEGER_BACKEND_CAPABILITIES'> = window,
): BackendCapabilities | null {
  return asRecord(win.JAEGER_BACKEND_CAPABILITIES);
}

/** True only when the backend says so: an absent capability is an absent feature. */
export function hasBackendCapability(
  name: string,
  win: Pick<Window, 'JAEGER_BACKEND_CAPABILITIES'> = window,
): boolean {
  return readBackendCapabilities(win)?.[name] === true;
}
