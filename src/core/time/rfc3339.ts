/**
 * Go's `time.Parse(time.RFC3339Nano, text)`, because Jaeger's API v3 reads its time parameters
 * that way: what it accepts (a one-digit hour, a comma before the fraction, more than nine
 * fraction digits) and the exact error text it gives back to the caller.
 */
const LAYOUT = '2006-01-02T15:04:05.999999999Z07:00';

export class TimeParseError extends Error {
  override name = 'TimeParseError';
}

/** Epoch nanoseconds of Go's zero time.Time (0001-01-01T00:00:00Z), which Jaeger reads as "unset". */
export const GO_ZERO_TIME_NS = -62_135_596_800n * 1_000_000_000n;

type Chunk =
  | { literal: string }
  | { std: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'frac' | 'zone'; text: string };

// The layout, cut into chunks the way Go's nextStdChunk does.
const CHUNKS: Chunk[] = [
  { std: 'year', text: '2006' },
  { literal: '-' },
  { std: 'month', text: '01' },
  { literal: '-' },
  { std: 'day', text: '02' },
  { literal: 'T' },
  { std: 'hour', text: '15' },
  { literal: ':' },
  { std: 'minute', text: '04' },
  { literal: ':' },
  { std: 'second', text: '05' },
  { std: 'frac', text: '.999999999' },
  { std: 'zone', text: 'Z07:00' },
];

/** Epoch nanoseconds, or a TimeParseError with Go's message. */
export function parseRfc3339Nano(text: string): bigint {
  const cannotParse = (rest: string, elem: string) =>
    new TimeParseError(
      `parsing time ${goQuote(text)} as ${goQuote(LAYOUT)}: cannot parse ${goQuote(rest)} as ${goQuote(elem)}`,
    );
  const outOfRange = (what: string) =>
    new TimeParseError(`parsing time ${goQuote(text)}: ${what} out of range`);
  const f = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, nanos: 0, offsetSeconds: 0 };
  let value = text;
  for (const chunk of CHUNKS) {
    if ('literal' in chunk) {
      if (!value.startsWith(chunk.literal)) throw cannotParse(value, chunk.literal);
      value = value.slice(chunk.literal.length);
      continue;
    }
    const hold = value;
    const step = parseChunk(chunk.std, value, f);
    if (step === null) throw cannotParse(hold, chunk.text);
    if (step.range) throw outOfRange(step.range);
    value = step.rest;
  }
  if (value !== '') throw new TimeParseError(`parsing time ${goQuote(text)}: extra text: ${goQuote(value)}`);
  if (f.day < 1 || f.day > daysIn(f.month, f.year)) throw outOfRange('day');
  const days = daysFromCivil(f.year, f.month, f.day);
  const seconds = BigInt(days) * 86_400n + BigInt(f.hour * 3600 + f.minute * 60 + f.second - f.offsetSeconds);
  return seconds * 1_000_000_000n + BigInt(f.nanos);
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanos: number;
  offsetSeconds: number;
}

/** One layout element: null = Go's errBad, `range` = a "<what> out of range" error. */
function parseChunk(std: string, value: string, f: Fields): { rest: string; range?: string } | null {
  switch (std) {
    case 'year': {
      if (value.length < 4 || !isDigit(value, 0)) return null;
      const year = goAtoi(value.slice(0, 4));
      if (year === null) return null;
      f.year = year;
      return { rest: value.slice(4) };
    }
    case 'month':
    case 'day':
    case 'minute':
    case 'second':
    case 'hour': {
      // Only the hour may have one digit: Go reads "15" with getnum(value, false).
      const n = getnum(value, std !== 'hour');
      if (n === null) return null;
      const limit = { month: 13, day: 100, hour: 24, minute: 60, second: 60 }[std];
      if (std === 'month' ? n.value < 1 || n.value >= limit : n.value >= limit)
        return { rest: n.rest, range: std };
      f[std] = n.value;
      return { rest: n.rest };
    }
    case 'frac': {
      // Optional; any number of digits, of which the first nine count.
      if (value.length < 2 || (value[0] !== '.' && value[0] !== ',') || !isDigit(value, 1))
        return { rest: value };
      let end = 1;
      while (end < value.length && isDigit(value, end)) end++;
      f.nanos = Number(value.slice(1, Math.min(end, 10)).padEnd(9, '0'));
      return { rest: value.slice(end) };
    }
    default:
      return parseZone(value, f);
  }
}

function parseZone(value: string, f: Fields): { rest: string; range?: string } | null {
  if (value.startsWith('Z')) return { rest: value.slice(1) };
  if (value.length < 6 || value[3] !== ':') return null;
  const hour = getnum(value.slice(1, 3), true);
  // Go stops reading at the first bad number but still runs the range tests, with > rather
  // than >= (offsets of 24 hours or 60 minutes pass), before it reports the bad number or sign.
  const minute = hour ? getnum(value.slice(4, 6), true) : null;
  const rest = value.slice(6);
  if (hour && hour.value > 24) return { rest, range: 'time zone offset hour' };
  if (minute && minute.value > 60) return { rest, range: 'time zone offset minute' };
  const sign = value[0] === '+' ? 1 : value[0] === '-' ? -1 : 0;
  if (!hour || !minute || sign === 0) return null;
  f.offsetSeconds = sign * (hour.value * 60 + minute.value) * 60;
  return { rest };
}

function isDigit(s: string, i: number): boolean {
  return i < s.length && s[i] >= '0' && s[i] <= '9';
}

function getnum(s: string, fixed: boolean): { value: number; rest: string } | null {
  if (!isDigit(s, 0)) return null;
  if (!isDigit(s, 1)) return fixed ? null : { value: Number(s[0]), rest: s.slice(1) };
  return { value: Number(s.slice(0, 2)), rest: s.slice(2) };
}

function goAtoi(s: string): number | null {
  return /^[+-]?\d+$/.test(s) ? Number(s) : null;
}

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * The time package's own quote(): ASCII control characters and every byte of a non-ASCII
 * character become \xNN escapes.
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code >= 0x80) {
      for (const b of utf8(code)) out += `\\x${b.toString(16).padStart(2, '0')}`;
    } else {
      out += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
    }
  }
  return `${out}"`;
}

function utf8(code: number): number[] {
  // A lone surrogate cannot be UTF-8; Go would see U+FFFD there.
  if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
  if (code < 0x80) return [code];
  if (code < 0x800) return [0xc0 | (code >> 6), 0x80 | (code & 63)];
  if (code < 0x10000) return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)];
  return [0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)];
}
