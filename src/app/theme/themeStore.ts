/**
 * Light or dark. The operating system decides until the person picks one; the pick is a
 * preference, so it lives in localStorage (the key is also read by the pre-paint script in
 * index.html).
 */
import { create } from 'zustand';

export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'tracelens-theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

interface ThemeState {
  /** The explicit choice, or null while following the operating system. */
  chosen: Theme | null;
  system: Theme;
  /** Imposed by an embedding page (`uiTheme`); wins over both and is never saved. */
  forced: Theme | null;
  choose(theme: Theme): void;
  setSystem(theme: Theme): void;
}

export function readStoredTheme(): Theme | null {
  try {
    const value = window.localStorage.getItem(THEME_STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    // Storage can throw (privacy mode, sandboxed iframe): behave as if nothing was saved.
    return null;
  }
}

export function systemTheme(): Theme {
  return typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

export function createThemeStore() {
  return create<ThemeState>((set) => ({
    chosen: readStoredTheme(),
    system: systemTheme(),
    forced: null,
    choose(theme) {
      try {
        window.localStorage.setItem(THEME_STORAGE_KEY, theme);
      } catch {
        // The choice still applies for this session.
      }
      set({ chosen: theme });
    },
    setSystem(theme) {
      set({ system: theme });
    },
  }));
}

export const useThemeStore = createThemeStore();

export function useEffectiveTheme(): Theme {
  return useThemeStore((s) => s.forced ?? s.chosen ?? s.system);
}

/** Follows operating-system changes; returns the unsubscribe function. */
export function watchSystemTheme(onChange: (theme: Theme) => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => {};
  const query = window.matchMedia(DARK_QUERY);
  const listener = (e: MediaQueryListEvent) => onChange(e.matches ? 'dark' : 'light');
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}
