import { describe, expect, it } from 'vitest';
import { buildTrace, type SpanSpec } from '../testing/traceBuilder';
import { buildTraceIndex } from '../tree/traceIndex';
import { findColumns } from './findColumns';
import { findSpans, parseFindQuery, prepareFind, type FindQuery } from './findInTrace';
import { attributeTable } from './attributeTable';
import { tableAttributeMatcher, type AttributeMatcher } from './spanMatchers';

/*
 * A  frontend  GET /checkout   server    0..1000µs
 * ├ B  frontend  HTTP POST     client   10..600
 * │ └ C  payment  charge card  server   20..590   error, event "retry"
 * │   └ D  payment  db query   client   30..40
 * └ P  frontend  publish order producer 700..710
 *   └ F  worker  process order consumer 800..1200  (resource host.name=worker-7)
 */
const SPECS: SpanSpec[] = [
  {
    id: 'A',
    name: 'GET /checkout',
    service: 'frontend',
    kind: 'server',
    at: [0, 1000],
    attributes: { 'http.method': 'GET', 'http.status_code': 200 },
  },
  {
    id: 'B',
    parent: 'A',
    name: 'HTTP POST',
    service: 'frontend',
    kind: 'client',
    at: [10, 600],
    attributes: { 'peer.service': 'payment' },
  },
  {
    id: 'C',
    parent: 'B',
    name: 'charge card',
    service: 'payment',
    kind: 'server',
    at: [20, 590],
    error: true,
    attributes: { 'card.type': 'visa', amount: 12.5, retried: true },
    events: [{ name: 'retry', attributes: { attempt: 2 } }],
  },
  {
    id: 'D',
    spanId: 'abcdef0123456789',
    parent: 'C',
    name: 'db query',
    service: 'payment',
    kind: 'client',
    at: [30, 40],
    attributes: { 'db.statement': 'SELECT * FROM cards' },
  },
  { id: 'P', parent: 'A', name: 'publish order', service: 'frontend', kind: 'producer', at: [700, 710] },
  {
    id: 'F',
    parent: 'P',
    name: 'process order',
    service: 'worker',
    kind: 'consumer',
    at: [800, 1200],
    resourceAttributes: { 'host.name': 'worker-7' },
  },
];
const index = buildTraceIndex(buildTrace(SPECS));

function parse(text: string): FindQuery {
  const parsed = parseFindQuery(text);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.query;
}

function find(text: string, criticalRows?: ReadonlySet<number>): string {
  const rows = findSpans(index, parse(text), { criticalRows });
  return [...rows].map((r) => SPECS.find((s) => s.name === index.spans[r].name)?.id).join('');
}

describe('findSpans with free text', () => {
  it('matches operation and service names, ignoring case', () => {
    expect(find('checkout')).toBe('A');
    expect(find('ORDER')).toBe('PF');
    expect(find('Payment')).toBe('BCD'); // B through its peer.service attribute
  });

  it('matches attribute keys and values of the span, its resource and its events', () => {
    expect(find('card.type')).toBe('C');
    expect(find('select')).toBe('D');
    expect(find('12.5')).toBe('C');
    expect(find('TRUE')).toBe('C');
    expect(find('worker-7')).toBe('F');
    expect(find('retry')).toBe('C');
    expect(find('attempt')).toBe('C');
  });

  it('matches the start of a span ID', () => {
    expect(find('abcdef')).toBe('D');
    expect(find('ABCDEF01')).toBe('D');
    expect(find('bcdef')).toBe('');
  });

  it('keeps quoted phrases together and requires every term', () => {
    expect(find('"charge card"')).toBe('C');
    expect(find('card charge')).toBe('C');
    expect(find('"card charge"')).toBe('');
    expect(find('payment db')).toBe('D');
    expect(find('"error"')).toBe('');
  });
});

describe('findSpans with structured terms', () => {
  it('matches key=value exactly on the value’s string form', () => {
    expect(find('http.status_code=200')).toBe('A');
    expect(find('amount=12.5')).toBe('C');
    expect(find('retried=true')).toBe('C');
    expect(find('retried=false')).toBe('');
    expect(find('nosuchkey=1')).toBe('');
    expect(find('host.name=worker-7')).toBe('F');
    expect(find('attempt=2')).toBe('C');
    expect(find('http.method=get')).toBe('');
    expect(find('db.statement="SELECT * FROM cards"')).toBe('D');
  });

  it('compares durations in any Go unit', () => {
    expect(find('>500us')).toBe('ABC');
    expect(find('>300us')).toBe('ABCF');
    expect(find('>=1ms')).toBe('A');
    expect(find('>1ms')).toBe('');
    expect(find('<=10µs')).toBe('DP');
    expect(find('<0.5s')).toBe('ABCDPF');
  });

  it('matches errors, kinds and services', () => {
    expect(find('error')).toBe('C');
    expect(find('is:error')).toBe('C');
    expect(find('kind:server')).toBe('AC');
    expect(find('kind:CONSUMER')).toBe('F');
    expect(find('service:PAYMENT')).toBe('CD');
    expect(find('service:pay')).toBe('');
    expect(find('service:frontend kind:client >100us')).toBe('B');
  });

  it('treats spans without a kind as internal', () => {
    const plain = buildTraceIndex(buildTrace([{ id: 'X', at: [0, 1] }]));
    expect(findSpans(plain, parse('kind:internal')).length).toBe(1);
  });

  it('matches the critical path only when it is given', () => {
    expect(find('is:critical', new Set([0, 2]))).toBe('AC');
    expect(find('is:critical')).toBe('');
    expect(find('is:critical payment', new Set([0, 2]))).toBe('C');
  });

  it('returns rows in display order, and nothing for an empty query', () => {
    const rows = findSpans(index, parse('o'));
    expect([...rows]).toEqual([...rows].sort((a, b) => a - b));
    expect(findSpans(index, parse('   ')).length).toBe(0);
    expect(findSpans(index, parse('""')).length).toBe(0);
  });

  it('finds values of keys that are too diverse to intern (request IDs) as well as repeated ones', () => {
    const many = buildTraceIndex(
      buildTrace(
        Array.from({ length: 1500 }, (_, i) => ({
          id: `s${i}`,
          at: [i, i + 1] as const,
          attributes: { request_id: `req-${i}`, 'http.method': i % 2 ? 'GET' : 'POST' },
        })),
      ),
    );
    const names = (text: string) => [...findSpans(many, parse(text))].map((r) => many.spans[r].name);
    expect(names('request_id=req-1400')).toEqual(['s1400']);
    expect(names('REQ-1499')).toEqual(['s1499']);
    expect(names('http.method=GET request_id=req-7')).toEqual(['s7']);
    expect(attributeTable(many).pairValue.length).toBeGreaterThan(1500);
  });

  it('builds the per-trace search tables once, on demand or ahead of time', () => {
    expect(findColumns(index)).toBe(findColumns(index));
    const fresh = buildTraceIndex(buildTrace(SPECS));
    prepareFind(fresh);
    const table = attributeTable(fresh);
    expect(table.pairValueLower).not.toBeNull();
    findSpans(fresh, parse('visa'));
    expect(attributeTable(fresh)).toBe(table);
  });

  it('asks a given AttributeMatcher only about the rows still in question', () => {
    const asked: string[] = [];
    const names = (rows: Int32Array) => [...rows].map((r) => index.spans[r].name).join(',');
    const table = tableAttributeMatcher(index);
    const attributes: AttributeMatcher = {
      withText(text, rows) {
        asked.push(`${text}: ${names(rows)}`);
        return table.withText(text, rows);
      },
      withAttribute(key, value, rows) {
        asked.push(`${key}=${value}: ${names(rows)}`);
        return table.withAttribute(key, value, rows);
      },
    };
    const found = (text: string) =>
      [...findSpans(index, parse(text), { attributes })].map((r) => index.spans[r].name);
    // Spans whose names hold the text are not asked about; column terms narrow first.
    expect(found('payment')).toEqual(['HTTP POST', 'charge card', 'db query']);
    expect(found('kind:server retry')).toEqual(['charge card']);
    expect(found('kind:client http.method=GET')).toEqual([]);
    expect(asked).toEqual([
      'payment: GET /checkout,HTTP POST,publish order,process order',
      'retry: GET /checkout,charge card',
      'http.method=GET: HTTP POST,db query',
    ]);
  });
});

describe('parseFindQuery', () => {
  it('parses every kind of term', () => {
    expect(parse('Foo "a b" k=v >=2ms <1s error is:critical kind:producer service:"my svc"').terms).toEqual([
      { type: 'text', text: 'foo' },
      { type: 'text', text: 'a b' },
      { type: 'attribute', key: 'k', value: 'v' },
      { type: 'duration', comparison: '>=', us: 2000 },
      { type: 'duration', comparison: '<', us: 1_000_000 },
      { type: 'error' },
      { type: 'critical' },
      { type: 'kind', kind: 4 },
      { type: 'service', name: 'my svc' },
    ]);
  });

  it.each([
    ['>abc', '"abc" in ">abc" is not a duration'],
    ['>', '">" needs a duration after >'],
    ['<5', '"5" in "<5" is not a duration'],
    ['>-5ms', 'cannot be negative'],
    ['kind:batch', 'Unknown span kind "batch"'],
    ['is:slow', 'Unknown filter "is:slow"'],
    ['=x', 'no attribute key before "="'],
    ['service:', 'names no service'],
    ['"unclosed phrase', 'Unclosed quote'],
  ])('explains what is wrong with %s', (text, message) => {
    const parsed = parseFindQuery(text);
    expect('error' in parsed && parsed.error).toContain(message);
  });
});
