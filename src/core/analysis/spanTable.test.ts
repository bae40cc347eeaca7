import { describe, expect, it } from 'vitest';
import { buildTrace } from '../testing/traceBuilder';
import { buildTraceIndex } from '../tree/traceIndex';
import { csvCell, toCsv } from './csv';
import { selfTimes } from './selfTime';
import { keepRows, sortRowsByKeys, spanSortKeys, statusCodes, type SpanSort } from './spanTable';

//   0    50   100
//   A ==========       frontend  GET /a    server   0..100   status=200
//   b   ====           api       item10    client   10..50   status=40 (error)
//   c       ===        api       item9     internal 50..80   (no status)
//   d  =               Api       Item10    consumer 5..15    status=3.5
const index = buildTraceIndex(
  buildTrace([
    {
      id: 'A',
      at: [0, 100],
      service: 'frontend',
      name: 'GET /a',
      kind: 'server',
      attributes: { status: 200 },
    },
    {
      id: 'b',
      parent: 'A',
      at: [10, 50],
      service: 'api',
      name: 'item10',
      kind: 'client',
      error: true,
      attributes: { status: 40 },
    },
    { id: 'c', parent: 'A', at: [50, 80], service: 'api', name: 'item9' },
    {
      id: 'd',
      parent: 'b',
      at: [5, 15],
      service: 'Api',
      name: 'Item10',
      kind: 'consumer',
      attributes: { status: 3.5 },
    },
  ]),
);
const self = selfTimes(index);
const names = (rows: Int32Array) => Array.from(rows, (r) => index.spans[r].spanId.slice(-2));
const ids = { A: '41', b: '62', c: '63', d: '64' };
const sorted = (sort: SpanSort, descending = false) => {
  const byId = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k]));
  return names(sortRowsByKeys(spanSortKeys(index, self, sort), descending)).map((id) => byId[id]);
};

describe('span table sorting', () => {
  it('sorts by times, both ways, ties in tree order', () => {
    expect(sorted({ column: 'start' })).toEqual(['A', 'd', 'b', 'c']);
    expect(sorted({ column: 'duration' }, true)).toEqual(['A', 'b', 'c', 'd']);
    // Self: A 100-70=30 (b 10..50 ∪ c 50..80), b 40-5=35 (d clipped to 10..15), c 30, d 10.
    // Rows in tree order are A, b, d, c.
    expect(Array.from(self)).toEqual([30, 35, 10, 30]);
    expect(sorted({ column: 'self' })).toEqual(['d', 'A', 'c', 'b']);
  });

  it('sorts names naturally and case-insensitively: item9 before item10, Api next to api', () => {
    expect(sorted({ column: 'operation' })).toEqual(['A', 'c', 'd', 'b']);
    expect(sorted({ column: 'operation' }, true)).toEqual(['b', 'd', 'c', 'A']);
    expect(sorted({ column: 'service' })).toEqual(['d', 'b', 'c', 'A']);
  });

  it('sorts kinds by name and statuses unset, ok, error', () => {
    expect(sorted({ column: 'kind' })).toEqual(['b', 'd', 'c', 'A']);
    expect(sorted({ column: 'status' }, true)[0]).toBe('b');
    expect(Array.from(statusCodes(index))).toEqual([0, 2, 0, 0]);
  });

  it('sorts a numeric attribute as numbers, missing values last in both directions', () => {
    expect(sorted({ column: 'attribute', key: 'status' })).toEqual(['d', 'b', 'A', 'c']);
    expect(sorted({ column: 'attribute', key: 'status' }, true)).toEqual(['A', 'b', 'd', 'c']);
  });

  it('keeps the rows a mask marks, in order', () => {
    const order = Int32Array.from([3, 1, 0, 2]);
    expect(Array.from(keepRows(order, Uint8Array.from([1, 0, 1, 1])))).toEqual([3, 0, 2]);
    const all = keepRows(order, null);
    expect(Array.from(all)).toEqual([3, 1, 0, 2]);
    expect(all).not.toBe(order);
  });
});

describe('csv', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(' padded')).toBe('" padded"');
    expect(csvCell(1.5)).toBe('1.5');
    expect(csvCell(NaN)).toBe('');
    expect(
      toCsv([
        ['a', 1],
        ['b', 2],
      ]),
    ).toBe('a,1\r\nb,2\r\n');
  });
});
