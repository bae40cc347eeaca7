import { describe, expect, it } from 'vitest';
import { formatMicros, plural } from './formatTime';
import { templateOf } from './normalize';

describe('templateOf', () => {
  it('replaces the parameters of statements, keys and names', () => {
    expect(templateOf('SELECT * FROM customer WHERE customer_id=392')).toBe(
      'SELECT * FROM customer WHERE customer_id=?',
    );
    expect(templateOf("UPDATE t SET name = 'O''Brien', note = \"x\" WHERE id = 4")).toBe(
      'UPDATE t SET name = ?, note = ? WHERE id = ?',
    );
    expect(templateOf('SELECT 1 FROM t WHERE id IN (1, 2,3)')).toBe('SELECT ? FROM t WHERE id IN (?)');
    expect(templateOf('HGETALL driver:T712345C')).toBe('HGETALL driver:T?C');
    expect(templateOf('GET /users/6f1c2a9e-0b7d-4c7e-9a51-3f2d8e1b4c55/orders')).toBe('GET /users/?/orders');
    expect(templateOf('GET /blobs/0x1f3a and 4bf92f3577b34da6a3ce929d0e0e4736')).toBe('GET /blobs/? and ?');
    expect(templateOf('  SELECT\n  1.5e3  ')).toBe('SELECT ?');
  });

  it('leaves names without parameters alone', () => {
    expect(templateOf('HTTP GET /dispatch')).toBe('HTTP GET /dispatch');
  });
});

describe('formatMicros', () => {
  it('speaks in the waterfall’s units with three significant digits', () => {
    expect(formatMicros(850)).toBe('850 µs');
    expect(formatMicros(1234)).toBe('1.23 ms');
    expect(formatMicros(999.7)).toBe('1 ms');
    expect(formatMicros(152_400)).toBe('152 ms');
    expect(formatMicros(2_500_000)).toBe('2.5 s');
    expect(formatMicros(0)).toBe('0 µs');
    expect(plural(1, 'call')).toBe('1 call');
    expect(plural(1200, 'retry', 'retries')).toBe('1,200 retries');
  });
});
