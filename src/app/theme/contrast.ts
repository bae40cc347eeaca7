/** WCAG 2 relative luminance and contrast ratio, for checking the design tokens. */

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** `#rgb` or `#rrggbb`. */
export function parseHex(color: string): [number, number, number] {
  const hex = color.trim().replace(/^#/, '');
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  if (!/^[0-9a-f]{6}$/i.test(full)) throw new Error(`not a hex colour: ${color}`);
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

export function relativeLuminance(color: string): number {
  const [r, g, b] = parseHex(color).map(channel);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The `--name: value;` declarations of each `[data-theme='…']` block of a stylesheet. */
export function themeTokens(css: string): Record<'light' | 'dark', Record<string, string>> {
  const out = { light: {}, dark: {} } as Record<'light' | 'dark', Record<string, string>>;
  for (const match of css.matchAll(/\[data-theme='(light|dark)'\]\s*\{([^}]*)\}/g)) {
    const theme = match[1] as 'light' | 'dark';
    for (const decl of match[2].matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) out[theme][decl[1]] = decl[2].trim();
  }
  return out;
}
