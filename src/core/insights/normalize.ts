/**
 * Templates of statements and operation names: the parts that vary between otherwise identical
 * calls (numbers, quoted strings, UUIDs, hex, IN lists) become `?`, so `SELECT … WHERE id=7` and
 * `SELECT … WHERE id=8`, or `GET /items/41` and `GET /items/42`, share one template.
 */
const QUOTED = /'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.)*"/g;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const HEX = /\b0x[0-9a-f]+\b|\b[0-9a-f]{16,}\b/gi;
const NUMBER = /\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi;
const LIST = /\(\s*\?(?:\s*,\s*\?)*\s*\)/g;
const SPACE = /\s+/g;

/** Anything a template would change: most operation names have none of it. */
const VARIABLE = /[\d'"]/;

export function templateOf(text: string): string {
  if (!VARIABLE.test(text)) return text.replace(SPACE, ' ').trim();
  return text
    .replace(QUOTED, '?')
    .replace(UUID, '?')
    .replace(HEX, '?')
    .replace(NUMBER, '?')
    .replace(LIST, '(?)')
    .replace(SPACE, ' ')
    .trim();
}
