/**
 * The attribute box of a trace search, in logfmt as Jaeger UI reads it (`logfmt` npm parser plus
 * `convTagsLogfmt`): `http.status_code=500 error=true db.statement="select * from users"`.
 *
 * Kept from Jaeger UI, so a query typed there means the same here:
 * - space separates pairs, and every pair must match (AND);
 * - a bare key (`error`) means `error=true`;
 * - a backslash takes the next character literally, inside quotes or not (`\"`, `\\`, `\?`);
 * - every value is a string, as the query APIs require (`{"http.status_code":"500"}`).
 *
 * Refused here where Jaeger UI would silently send something else: an empty unquoted value
 * (Jaeger sends the string "null"), a quote or `=` inside an unquoted value (logfmt drops or
 * merges characters), an unclosed quote, and the same key twice (only the last would count).
 */

export interface LogfmtProblem {
  /** What is wrong and how to fix it, in words for the person typing. */
  message: string;
  /** 1-based position in the text where the problem is. */
  column: number;
}

export type LogfmtResult =
  { ok: true; pairs: Record<string, string> } | { ok: false; problem: LogfmtProblem };

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

function fail(message: string, index: number): LogfmtResult {
  return { ok: false, problem: { message: `${message} (column ${index + 1}).`, column: index + 1 } };
}

export function parseLogfmt(text: string): LogfmtResult {
  const pairs: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    if (isSpace(text[i])) {
      i++;
      continue;
    }
    const keyStart = i;
    if (text[i] === '=') return fail('An "=" needs a key before it', i);
    if (text[i] === '"') return fail('Keys cannot be quoted; only values can', i);
    let key = '';
    while (i < text.length && !isSpace(text[i]) && text[i] !== '=') {
      if (text[i] === '"') return fail(`The key "${key}" contains a quote`, i);
      key += text[i];
      i++;
    }
    let value: string;
    if (text[i] !== '=') {
      // A bare key is logfmt's boolean true, which Jaeger UI sends as the string "true".
      value = 'true';
    } else {
      i++;
      const read = text[i] === '"' ? readQuoted(text, i) : readBare(text, i, key);
      if ('problem' in read) return { ok: false, problem: read.problem };
      value = read.value;
      i = read.end;
    }
    if (Object.hasOwn(pairs, key)) {
      return fail(`"${key}" appears twice; a search can ask for one value per key`, keyStart);
    }
    pairs[key] = value;
  }
  return { ok: true, pairs };
}

type Read = { value: string; end: number } | { problem: LogfmtProblem };

function problemAt(message: string, index: number): Read {
  const result = fail(message, index);
  if (result.ok) throw new Error('unreachable');
  return { problem: result.problem };
}

function readQuoted(text: string, open: number): Read {
  let value = '';
  let i = open + 1;
  while (i < text.length && text[i] !== '"') {
    if (text[i] === '\\' && i + 1 < text.length) i++;
    value += text[i];
    i++;
  }
  if (i >= text.length) return problemAt('This quote is never closed', open);
  i++;
  if (i < text.length && !isSpace(text[i])) {
    return problemAt('Put a space after the closing quote', i);
  }
  return { value, end: i };
}

function readBare(text: string, start: number, key: string): Read {
  let value = '';
  let i = start;
  while (i < text.length && !isSpace(text[i])) {
    const c = text[i];
    if (c === '"') return problemAt(`Quote the whole value of "${key}", e.g. ${key}="a b"`, i);
    if (c === '=') return problemAt(`A value with "=" must be quoted, e.g. ${key}="a=b"`, i);
    if (c === '\\' && i + 1 < text.length) i++;
    value += text[i];
    i++;
  }
  if (value === '' && i === start) {
    return problemAt(`"${key}=" has no value; to match an empty value write ${key}=""`, start - 1);
  }
  return { value, end: i };
}

const NEEDS_QUOTES = /[\s"=\\]/;

/** The text a person would type for these pairs; `parseLogfmt(formatLogfmt(p))` gives `p` back. */
export function formatLogfmt(pairs: Readonly<Record<string, string>>): string {
  return Object.entries(pairs)
    .map(([key, value]) => {
      if (value !== '' && !NEEDS_QUOTES.test(value)) return `${key}=${value}`;
      return `${key}="${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    })
    .join(' ');
}
