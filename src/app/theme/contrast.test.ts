/**
 * WCAG AA for text, in both themes: every text colour token on every surface it is drawn on
 * (4.5:1), control borders and the focus ring against the surfaces (3:1, non-text contrast), and
 * the text drawn on service-coloured bars.
 */
import { describe, expect, it } from 'vitest';
import { contrastRatio, relativeLuminance, themeTokens } from './contrast';
import { servicePalette } from './servicePalette';

// Vitest empties CSS imports (even `?raw`), so the stylesheet is read from disk. The app project
// is typed without Node, hence the narrow hand-written type.
const fs = (await import(/* @vite-ignore */ `node:${'fs'}`)) as {
  readFileSync(path: string, encoding: 'utf8'): string;
};
// Relative to the project root, where Vitest runs (import.meta.url is an http URL under happy-dom).
const tokens = themeTokens(fs.readFileSync('src/app/theme/tokens.css', 'utf8'));
const SURFACES = [
  '--color-surface',
  '--color-raised',
  '--color-sunken',
  '--color-hover',
  '--color-selected',
  '--color-accent-subtle',
];
const TEXT = [
  '--color-text',
  '--color-text-muted',
  '--color-accent',
  '--color-danger',
  '--color-warning',
  '--color-success',
];

/** Pairs below the ratio, as "text on surface: ratio" lines, so a failure says what to fix. */
function failures(theme: 'light' | 'dark', fg: string[], bg: string[], min: number): string[] {
  const t = tokens[theme];
  const out: string[] = [];
  for (const f of fg)
    for (const b of bg) {
      const ratio = contrastRatio(t[f], t[b]);
      if (ratio < min) out.push(`${f} on ${b}: ${ratio.toFixed(2)}`);
    }
  return out;
}

describe.each(['light', 'dark'] as const)('%s theme', (theme) => {
  it('defines every token the checks need', () => {
    for (const name of [...SURFACES, ...TEXT, '--color-accent-text', '--color-on-service'])
      expect(tokens[theme][name], name).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('keeps every text colour at 4.5:1 or more on every surface', () => {
    expect(failures(theme, TEXT, SURFACES, 4.5)).toEqual([]);
  });

  it('keeps status text readable on its own tinted background', () => {
    expect(failures(theme, ['--color-danger', '--color-text'], ['--color-danger-subtle'], 4.5)).toEqual([]);
    expect(failures(theme, ['--color-warning', '--color-text'], ['--color-warning-subtle'], 4.5)).toEqual([]);
  });

  it('keeps text on accent buttons at 4.5:1', () => {
    expect(failures(theme, ['--color-accent-text'], ['--color-accent', '--color-accent-hover'], 4.5)).toEqual(
      [],
    );
  });

  it('keeps control borders and the focus ring at 3:1 against the surfaces', () => {
    expect(
      failures(
        theme,
        ['--color-border-control', '--color-focus-ring'],
        ['--color-surface', '--color-raised'],
        3,
      ),
    ).toEqual([]);
  });

  it('keeps text on service-coloured bars at 4.5:1', () => {
    const onService = tokens[theme]['--color-on-service'];
    const low = servicePalette[theme].filter((c) => contrastRatio(onService, c) < 4.5);
    expect(low).toEqual([]);
  });
});

describe('contrast arithmetic', () => {
  it('matches the WCAG reference values', () => {
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 5);
    expect(relativeLuminance('#000')).toBe(0);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    // #767676 on white is the classic "just passes AA" grey.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });
});
