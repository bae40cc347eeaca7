import { describe, expect, it } from 'vitest';
import { GO_ZERO_TIME_NS, goQuote, parseRfc3339Nano } from './rfc3339';

const ns = (iso: string, extraNanos = 0n) => BigInt(Date.parse(iso)) * 1_000_000n + extraNanos;
const LAYOUT = '"2006-01-02T15:04:05.999999999Z07:00"';

describe('parseRfc3339Nano', () => {
  it('reads UTC and offset times to the nanosecond', () => {
    expect(parseRfc3339Nano('2024-01-01T00:00:00Z')).toBe(ns('2024-01-01T00:00:00Z'));
    expect(parseRfc3339Nano('2024-01-01T00:00:00.123456789Z')).toBe(ns('2024-01-01T00:00:00Z', 123_456_789n));
    expect(parseRfc3339Nano('2024-01-01T02:30:00+02:30')).toBe(ns('2024-01-01T00:00:00Z'));
    expect(parseRfc3339Nano('2023-12-31T23:00:00-01:00')).toBe(ns('2024-01-01T00:00:00Z'));
    expect(parseRfc3339Nano('2024-02-29T12:00:00.5Z')).toBe(ns('2024-02-29T12:00:00.500Z'));
    expect(parseRfc3339Nano('1969-12-31T23:59:59.999999999Z')).toBe(-1n);
    expect(parseRfc3339Nano('0001-01-01T00:00:00Z')).toBe(GO_ZERO_TIME_NS);
  });

  it('accepts what Go’s general parser accepts: a one-digit hour, a comma, extra fraction digits', () => {
    expect(parseRfc3339Nano('2024-01-01T1:00:00Z')).toBe(ns('2024-01-01T01:00:00Z'));
    expect(parseRfc3339Nano('2024-01-01T00:00:00,25Z')).toBe(ns('2024-01-01T00:00:00.250Z'));
    expect(parseRfc3339Nano('2024-01-01T00:00:00.1234567891234Z')).toBe(
      ns('2024-01-01T00:00:00Z', 123_456_789n),
    );
    expect(parseRfc3339Nano('2024-01-01T00:00:00+24:00')).toBe(ns('2023-12-31T00:00:00Z'));
  });

  it('explains what it cannot parse with Go’s messages', () => {
    const err = (text: string) => {
      try {
        parseRfc3339Nano(text);
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error(`parsed ${text}`);
    };
    expect(err('yesterday')).toBe(
      `parsing time "yesterday" as ${LAYOUT}: cannot parse "yesterday" as "2006"`,
    );
    expect(err('2024/01/01')).toBe(`parsing time "2024/01/01" as ${LAYOUT}: cannot parse "/01/01" as "-"`);
    expect(err('2024-1-01T00:00:00Z')).toBe(
      `parsing time "2024-1-01T00:00:00Z" as ${LAYOUT}: cannot parse "1-01T00:00:00Z" as "01"`,
    );
    expect(err('2024-01-01')).toBe(`parsing time "2024-01-01" as ${LAYOUT}: cannot parse "" as "T"`);
    expect(err('2024-01-01T00:00:00')).toBe(
      `parsing time "2024-01-01T00:00:00" as ${LAYOUT}: cannot parse "" as "Z07:00"`,
    );
    expect(err('2024-01-01 00:00:00Z')).toBe(
      `parsing time "2024-01-01 00:00:00Z" as ${LAYOUT}: cannot parse " 00:00:00Z" as "T"`,
    );
    expect(err('2024-01-01T00:00:00+0100')).toBe(
      `parsing time "2024-01-01T00:00:00+0100" as ${LAYOUT}: cannot parse "+0100" as "Z07:00"`,
    );
    expect(err('2024-01-01T00:00:00*01:00')).toBe(
      `parsing time "2024-01-01T00:00:00*01:00" as ${LAYOUT}: cannot parse "*01:00" as "Z07:00"`,
    );
    expect(err('2024-13-01T00:00:00Z')).toBe('parsing time "2024-13-01T00:00:00Z": month out of range');
    expect(err('2024-00-01T00:00:00Z')).toBe('parsing time "2024-00-01T00:00:00Z": month out of range');
    expect(err('2023-02-29T00:00:00Z')).toBe('parsing time "2023-02-29T00:00:00Z": day out of range');
    expect(err('2024-01-00T00:00:00Z')).toBe('parsing time "2024-01-00T00:00:00Z": day out of range');
    expect(err('2024-01-01T24:00:00Z')).toBe('parsing time "2024-01-01T24:00:00Z": hour out of range');
    expect(err('2024-01-01T00:60:00Z')).toBe('parsing time "2024-01-01T00:60:00Z": minute out of range');
    expect(err('2024-01-01T00:00:60Z')).toBe('parsing time "2024-01-01T00:00:60Z": second out of range');
    expect(err('2024-01-01T00:00:00+25:00')).toBe(
      'parsing time "2024-01-01T00:00:00+25:00": time zone offset hour out of range',
    );
    expect(err('2024-01-01T00:00:00+01:61')).toBe(
      'parsing time "2024-01-01T00:00:00+01:61": time zone offset minute out of range',
    );
    expect(err('2024-01-01T00:00:00Zjunk')).toBe(
      'parsing time "2024-01-01T00:00:00Zjunk": extra text: "junk"',
    );
  });
});

describe('goQuote', () => {
  it('escapes quotes, backslashes, control characters and non-ASCII bytes like Go’s time package', () => {
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote('\n')).toBe('"\\x0a"');
    expect(goQuote('é')).toBe('"\\xc3\\xa9"');
    expect(goQuote('😀')).toBe('"\\xf0\\x9f\\x98\\x80"');
  });
});
