/**
 * Configuration the serving backend injects into index.html. Jaeger's query service replaces
 * `DEFAULT_CONFIG` and `DEFAULT_BACKEND_CAPABILITIES` with JSON, or, for a `.js` config file,
 * inserts the file's `function UIConfig()`. Both stay null when the page is served as a plain
 * file, so every reader must cope with absence.
 */
import { parseUiConfig, reportUiConfigProblems, type UiConfig } from './uiConfig';

/** Jaeger's `backendCapabilities`, e.g. `{ "metricsStorage": true }`. */
export interface BackendCapabilities {
  readonly [capability: string]: unknown;
}

declare global {
  interface Window {
    JAEGER_CONFIG?: unknown;
    JAEGER_BACKEND_CAPABILITIES?: unknown;
    /** Defined by a Jaeger `.js` UI config file. */
    UIConfig?: unknown;
  }
}

type ConfigWindow = Pick<Window, 'JAEGER_CONFIG' | 'UIConfig'>;

function asRecord(value: unknown): Readonly<Record<string, unknown>> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** The injected UI config as written, before validation; a `.js` config's UIConfig() wins. */
export function readRawUiConfig(win: ConfigWindow = window): unknown {
  if (typeof win.UIConfig === 'function') {
    try {
      return (win.UIConfig as () => unknown)();
    } catch (error) {
      console.warn('Tracelens UI config: UIConfig() threw; using the defaults', error);
      return null;
    }
  }
  return win.JAEGER_CONFIG ?? null;
}

export function readUiConfig(win: ConfigWindow = window): Readonly<Record<string, unknown>> | null {
  return asRecord(readRawUiConfig(win));
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

let current: UiConfig | null = null;

/**
 * The validated UI config of this page load. It is read on first use and reported once; the
 * server's substitution happens before any script runs, so it never changes afterwards.
 */
export function uiConfig(): UiConfig {
  if (current === null) {
    const parsed = parseUiConfig(readRawUiConfig());
    reportUiConfigProblems(parsed);
    current = parsed.config;
  }
  return current;
}

/** Replaces the page's config (tests); null reads the window again on next use. */
export function setUiConfig(config: UiConfig | null): void {
  current = config;
}
