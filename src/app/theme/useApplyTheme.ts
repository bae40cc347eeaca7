import { useEffect } from 'react';
import { useEffectiveTheme, useThemeStore, watchSystemTheme } from './themeStore';

/** Keeps `<html data-theme>` in step with the store, which tokens.css keys every colour on. */
export function useApplyTheme(): void {
  const theme = useEffectiveTheme();
  const setSystem = useThemeStore((s) => s.setSystem);

  useEffect(() => watchSystemTheme(setSystem), [setSystem]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}
