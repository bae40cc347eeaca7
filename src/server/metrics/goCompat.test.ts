import { describe, expect, it } from 'vitest';
import {
  formatGoFixed2,
  formatGoFloatG,
  formatGoJsonFloat,
  parseGoBool,
  parseGoFloat,
  parseGoInt64,
  strconvQuote,
} from './goStrconv';
import { formatProtoTimestamp, goDurationString, promqlDuration } from './goTime';

describe('strconv', () => {
  it('quotes like strconv.Quote', () => {
    expect(strconvQuote('abc')).toBe('"abc"');
    expect(strconvQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(strconvQuote('\u0007\b\t\n\v\f\r\u0001\u007f')).toBe('"\\a\\b\\t\\n\\v\\f\\r\\x01\\x7f"');
    expect(strconvQuote('héllo ✓ 日本')).toBe('"héllo ✓ 日本"');
    expect(strconvQuote('\u00a0\u2028\ufeff\u{e0001}')).toBe('"\\u00a0\\u2028\\ufeff\\U000e0001"');
  });

  it('parses int64 like ParseInt(s, 10, 64)', () => {
    expect(parseGoInt64('+42')).toBe(42n);
    expect(parseGoInt64('-0009')).toBe(-9n);
    expect(() => parseGoInt64('1_000')).toThrow('strconv.ParseInt: parsing "1_000": invalid syntax');
    expect(() => parseGoInt64('1.5')).toThrow('invalid syntax');
    expect(() => parseGoInt64('')).toThrow('strconv.ParseInt: parsing "": invalid syntax');
    expect(() => parseGoInt64('9223372036854775808')).toThrow(
      'strconv.ParseInt: parsing "9223372036854775808": value out of range',
    );
    expect(parseGoInt64('-9223372036854775808')).toBe(-9223372036854775808n);
  });

  it('parses bools like ParseBool', () => {
    for (const t of ['1', 't', 'T', 'TRUE', 'true', 'True']) expect(parseGoBool(t)).toBe(true);
    for (const f of ['0', 'f', 'F', 'FALSE', 'false', 'False']) expect(parseGoBool(f)).toBe(false);
    expect(() => parseGoBool('yes')).toThrow('strconv.ParseBool: parsing "yes": invalid syntax');
  });

  it('parses floats like ParseFloat(s, 64)', () => {
    expect(parseGoFloat('0.95')).toBe(0.95);
    expect(parseGoFloat('.5')).toBe(0.5);
    expect(parseGoFloat('5.')).toBe(5);
    expect(parseGoFloat('+1e-2')).toBe(0.01);
    expect(parseGoFloat('1_23.50_0_0e+1_2')).toBe(1.235e14);
    expect(parseGoFloat('0x1p-2')).toBe(0.25);
    expect(parseGoFloat('0x1.8p1')).toBe(3);
    expect(parseGoFloat('-Infinity')).toBe(-Infinity);
    expect(parseGoFloat('+INF')).toBe(Infinity);
    expect(parseGoFloat('nan')).toBeNaN();
    expect(parseGoFloat('1e-400')).toBe(0);
    for (const bad of ['', 'abc', '1__2', '_1', '1_', '+nan', '0x1', '1e', '1.5.2', ' 1', 'Infinityx'])
      expect(() => parseGoFloat(bad), bad).toThrow(/^strconv.ParseFloat: parsing ".*": invalid syntax$/);
    expect(() => parseGoFloat('1e400')).toThrow('strconv.ParseFloat: parsing "1e400": value out of range');
  });

  it('formats %.2f with Go’s half-to-even on exact ties and its specials', () => {
    expect(formatGoFixed2(0.95)).toBe('0.95');
    expect(formatGoFixed2(0.5)).toBe('0.50');
    expect(formatGoFixed2(0.125)).toBe('0.12');
    expect(formatGoFixed2(0.375)).toBe('0.38');
    expect(formatGoFixed2(0.955)).toBe('0.95'); // 0.95499999… in binary
    expect(formatGoFixed2(0.999)).toBe('1.00');
    expect(formatGoFixed2(-0.001)).toBe('-0.00');
    expect(formatGoFixed2(1e21)).toBe('1000000000000000000000.00');
    expect(formatGoFixed2(NaN)).toBe('NaN');
    expect(formatGoFixed2(Infinity)).toBe('+Inf');
    expect(formatGoFixed2(-Infinity)).toBe('-Inf');
  });

  it('formats floats like encoding/json and like FormatFloat(g, -1)', () => {
    expect(formatGoJsonFloat(0.005846808321083344)).toBe('0.005846808321083344');
    expect(formatGoJsonFloat(1e-7)).toBe('1e-7');
    expect(formatGoJsonFloat(1e21)).toBe('1e+21');
    expect(formatGoJsonFloat(9223372036854)).toBe('9223372036854');
    expect(formatGoJsonFloat(-0)).toBe('-0');
    expect(formatGoFloatG(15000)).toBe('15000');
    expect(formatGoFloatG(123.5)).toBe('123.5');
    expect(formatGoFloatG(1234567)).toBe('1.234567e+06');
    expect(formatGoFloatG(0.00001)).toBe('1e-05');
    expect(formatGoFloatG(0)).toBe('0');
    expect(formatGoFloatG(Infinity)).toBe('+Inf');
  });
});

describe('time', () => {
  it('renders time.Duration.String()', () => {
    const ms = (n: number) => BigInt(n) * 1_000_000n;
    expect(goDurationString(ms(600_000))).toBe('10m0s');
    expect(goDurationString(ms(3_600_000))).toBe('1h0m0s');
    expect(goDurationString(ms(90_000))).toBe('1m30s');
    expect(goDurationString(ms(1500))).toBe('1.5s');
    expect(goDurationString(ms(500))).toBe('500ms');
    expect(goDurationString(1500n)).toBe('1.5µs');
    expect(goDurationString(7n)).toBe('7ns');
    expect(goDurationString(0n)).toBe('0s');
    expect(goDurationString(ms(-600_000))).toBe('-10m0s');
  });

  it('cuts the PromQL range after the first unit letter, as Jaeger does', () => {
    expect(promqlDuration(600_000)).toBe('10m');
    expect(promqlDuration(60_000)).toBe('1m');
    expect(promqlDuration(3_600_000)).toBe('1h');
    expect(promqlDuration(90_000)).toBe('1m');
    expect(promqlDuration(30_000)).toBe('30s');
    expect(promqlDuration(500)).toBe('500m');
    expect(promqlDuration(0)).toBe('0s');
  });

  it('formats protobuf timestamps with 0 or 3 fraction digits', () => {
    expect(formatProtoTimestamp(1620351786000)).toBe('2021-05-07T01:43:06Z');
    expect(formatProtoTimestamp(1620351786100)).toBe('2021-05-07T01:43:06.100Z');
    expect(formatProtoTimestamp(1620351786123)).toBe('2021-05-07T01:43:06.123Z');
  });
});
