/**
 * JSON written by hand for the SpanJsonReader properties, so that a property can be written twice,
 * a number as written (`2.50`, `1e999`), and strings with escapes or in several layouts.
 */

/** An object as written, properties in order, duplicates kept (JSON.stringify cannot). */
export class Obj {
  constructor(readonly entries: readonly (readonly [string, Json])[]) {}
}
/** A number as written (`2.50`, `1e999`), not as JSON.stringify writes it. */
export class Lit {
  constructor(readonly text: string) {}
}
export type Json = string | number | boolean | null | Lit | Obj | readonly Json[];

export interface Layout {
  readonly colon: string;
  /** Between tokens when not indenting. */
  readonly space: string;
  readonly indent: string;
  /** Whether to write some characters of strings and property names as escapes. */
  readonly escape: boolean;
}
export const LAYOUTS: readonly Layout[] = [
  { colon: ':', space: '', indent: '', escape: false },
  { colon: ': ', space: '', indent: '  ', escape: false },
  { colon: ' \t:\r\n', space: ' \n\t', indent: '', escape: false },
  { colon: ':', space: '', indent: '', escape: true },
  { colon: ': ', space: '', indent: '  ', escape: true },
];

/**
 * A string as JSON, some characters of some strings written as `\uXXXX` when the layout says so
 * (which strings and characters: by their length and depth, so that the JSON is a function of
 * what fast-check generated).
 */
export function quote(text: string, layout: Layout, depth: number): string {
  if (!layout.escape || (text.length + depth) % 3 === 0) return JSON.stringify(text);
  const chars = [...text].map((c, i) =>
    (i + depth) % 2 === 0
      ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
      : JSON.stringify(c).slice(1, -1),
  );
  return `"${chars.join('')}"`;
}

export function write(value: Json, layout: Layout, depth = 0): string {
  if (value instanceof Lit) return value.text;
  if (typeof value === 'string') return quote(value, layout, depth);
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const object = value instanceof Obj;
  const items = object
    ? value.entries.map(
        ([name, v]) => `${quote(name, layout, depth)}${layout.colon}${write(v, layout, depth + 1)}`,
      )
    : value.map((v) => write(v, layout, depth + 1));
  const [open, close] = object ? ['{', '}'] : ['[', ']'];
  if (items.length === 0) return open + close;
  const start = layout.indent ? `\n${layout.indent.repeat(depth + 1)}` : layout.space;
  const end = layout.indent ? `\n${layout.indent.repeat(depth)}` : layout.space;
  return `${open}${start}${items.join(`,${start}`)}${end}${close}`;
}
