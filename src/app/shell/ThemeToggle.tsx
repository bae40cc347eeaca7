import { MoonIcon, SunIcon } from '../components/icons';
import { useEffectiveTheme, useThemeStore } from '../theme/themeStore';

/** Flips between light and dark; the first press ends "follow the operating system". */
export function ThemeToggle() {
  const theme = useEffectiveTheme();
  const choose = useThemeStore((s) => s.choose);
  const next = theme === 'dark' ? 'light' : 'dark';
  const label = `Switch to ${next} theme`;
  return (
    <button
      type="button"
      className="btn btn--icon"
      aria-label={label}
      title={label}
      onClick={() => choose(next)}
    >
      {theme === 'dark' ? <SunIcon /> : <MoonIcon />}
    </button>
  );
}
