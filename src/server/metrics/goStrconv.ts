/**
 * The pieces of Go's strconv, fmt and encoding/json that decide what Jaeger's metrics API
 * accepts and prints: its 400 messages quote the bad input with strconv.Quote, the PromQL and
 * `help` text format the quantile with `%.2f`, and the JSON numbers come from encoding/json.
 */

/** strconv.Quote: Go escapes everything unicode.IsPrint rejects (categories other than L, M, N, P, S, and non-ASCII spaces). */
export function strconvQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (SHORT_ESCAPES[c]) out += SHORT_ESCAPES[c];
    else if (c < 0x20 || c === 0x7f) out += `\\x${hex(c, 2)}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else if (/[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(ch)) out += ch;
    else out += c > 0xffff ? `\\U${hex(c, 8)}` : `\\u${hex(c, 4)}`;
  }
  return `${out}"`;
}

const SHORT_ESCAPES: Record<number, string> = {
  7: '\\a',
  8: '\\b',
  9: '\\t',
  10: '\\n',
  11: '\\v',
  12: '\\f',
  13: '\\r',
};

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** A strconv.NumError's text, e.g. `strconv.ParseInt: parsing "x": invalid syntax`. */
export class GoNumError extends Error {
  constructor(fn: string, input: string, reason: 'invalid syntax' | 'value out of range') {
    super(`strconv.${fn}: parsing ${strconvQuote(input)}: ${reason}`);
    this.name = 'GoNumError';
  }
}

/** strconv.ParseInt(s, 10, 64): an optional sign and ASCII digits only (no underscores in base 10). */
export function parseGoInt64(s: string): bigint {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new GoNumError('ParseInt', s, 'invalid syntax');
  const v = BigInt(s);
  if (v > 9223372036854775807n || v < -9223372036854775808n)
    throw new GoNumError('ParseInt', s, 'value out of range');
  return v;
}

/** strconv.ParseBool. */
export function parseGoBool(s: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  throw new GoNumError('ParseBool', s, 'invalid syntax');
}

// Go float literal syntax as ParseFloat reads it: underscores only between digits (underscoreOK).
const DIGITS = '[0-9](?:_?[0-9])*';
const DECIMAL = new RegExp(`^[+-]?(?:${DIGITS}(?:\\.(?:${DIGITS})?)?|\\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`);
const HEX_DIGITS = '[0-9a-fA-F](?:_?[0-9a-fA-F])*';
const HEX = new RegExp(`^([+-]?)0[xX]_?(${HEX_DIGITS})?(?:\\.(${HEX_DIGITS})?)?[pP]([+-]?${DIGITS})$`);

/** strconv.ParseFloat(s, 64), with its syntax and range errors. */
export function parseGoFloat(s: string): number {
  const special = /^([+-]?)(inf|infinity)$/i.exec(s);
  if (special) return special[1] === '-' ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  let value: number;
  if (DECIMAL.test(s)) {
    value = Number(s.replace(/_/g, ''));
  } else {
    const m = HEX.exec(s);
    if (!m || (m[2] === undefined && m[3] === undefined))
      throw new GoNumError('ParseFloat', s, 'invalid syntax');
    const int = (m[2] ?? '').replace(/_/g, '');
    const frac = (m[3] ?? '').replace(/_/g, '');
    const mantissa = Number(BigInt(`0x${int}${frac}`));
    value = mantissa * 2 ** (Number(m[4].replace(/_/g, '')) - 4 * frac.length);
    if (m[1] === '-') value = -value;
  }
  if (!Number.isFinite(value)) throw new GoNumError('ParseFloat', s, 'value out of range');
  return value;
}

/**
 * fmt's `%.2f`. Go rounds the exact binary value half-to-even (0.125 → "0.12") where
 * Number.toFixed rounds half up, and it spells the specials NaN, +Inf and -Inf.
 */
export function formatGoFixed2(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const abs = Math.abs(x);
  if (abs >= 1e21) return `${sign}${BigInt(abs).toString()}.00`;
  // toFixed(100) prints every digit of the double (no double has more below 1e21 that matter here).
  const exact = abs.toFixed(100);
  const [int, frac] = exact.split('.');
  let scaled = BigInt(int + frac.slice(0, 2));
  const rest = frac.slice(2);
  const half = rest[0] === '5' && /^0*$/.test(rest.slice(1));
  if (rest[0] > '5' || (rest[0] === '5' && !half) || (half && scaled % 2n === 1n)) scaled += 1n;
  const digits = scaled.toString().padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * encoding/json's float64: shortest round-trip digits, exponent form below 1e-6 and from 1e21
 * (the same thresholds as JavaScript), `-0` kept. NaN and infinities never get here: jsonpb
 * writes them as the strings "NaN", "Infinity" and "-Infinity" itself.
 */
export function formatGoJsonFloat(x: number): string {
  if (Object.is(x, -0)) return '-0';
  return String(x);
}

/** strconv.FormatFloat(x, 'g', -1, 64), as the Prometheus text format writes sample values. */
export function formatGoFloatG(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa, exp] = x.toExponential().split('e');
  const e = Number(exp);
  // With the shortest precision, Go's 'g' switches to the exponent form below 1e-4 and from 1e6.
  if (e < -4 || e >= 6) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return String(x);
}
