import { describe, expect, it } from 'vitest';
import { dispatchTrace } from '../../../mocks/data/dispatchTrace';
import { SpanKind } from '../../core/model/trace';
import { badTrace, OTHER_TRACE_ID } from '../features/trace/testing/badTrace';
import { rowOfSpanId, spanIdOfRow } from './traceModel';
import { TraceLoadError, TraceSession, type LoadStage } from './traceSession';

const encode = (value: unknown) =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

function load(body: unknown) {
  const session = new TraceSession();
  const stages: LoadStage[] = [];
  const skeleton = session.load(encode(body), 'http://backend/api/traces/x', (s) => stages.push(s));
  return { session, skeleton, stages };
}

describe('TraceSession', () => {
  it('parses, indexes and analyses a trace into flat arrays, reporting each stage', () => {
    const { skeleton: s, stages } = load({ data: [dispatchTrace] });
    expect(stages).toEqual(['parsing', 'indexing', 'analysing']);
    expect(s.spanCount).toBe(8);
    expect(s.services).toEqual(['frontend', 'customer', 'driver']);
    expect(Array.from(s.depth)).toEqual([0, 1, 2, 3, 1, 2, 3, 3]);
    expect(spanIdOfRow(s, 7)).toBe('a1b2c3d4e5f60007');
    expect(rowOfSpanId(s, 'a1b2c3d4e5f60007')).toBe(7);
    expect(s.operations[s.operation[3]]).toBe('SQL SELECT');
    // Client → server pairs point at each other.
    expect(Array.from(s.rpcPeer)).toEqual([-1, 2, 1, -1, 5, 4, -1, -1]);
    expect(s.kind[1]).toBe(SpanKind.Client);
    expect(s.error[7]).toBe(1);
    expect(s.eventOffsets[8] - s.eventOffsets[7]).toBe(1);
    expect(s.eventTimesUs[0]).toBe(358_700);
    expect(s.critical.rows.length).toBeGreaterThan(0);
    expect(s.problems.items).toEqual([]);
    expect(s.summary.rootOperationName).toBe('HTTP GET /dispatch');
  });

  it('reads a response streamed in pieces as it reads a whole one', () => {
    const bytes = encode({ data: [badTrace()] });
    const whole = new TraceSession().load(bytes, 'x', () => {});
    const streamed = new TraceSession();
    streamed.begin(null);
    for (let at = 0; at < bytes.length; at += 1_000_003) streamed.append(bytes.slice(at, at + 1_000_003));
    const skeleton = streamed.finish('x', () => {});
    expect(skeleton.spanIdsPacked).toBe(whole.spanIdsPacked);
    expect(Array.from(skeleton.parent)).toEqual(Array.from(whole.parent));
    expect(skeleton.summary).toEqual(whole.summary);
    expect(skeleton.problems).toEqual(whole.problems);
    // A streamed body that is not JSON is explained like a whole one.
    const broken = new TraceSession();
    broken.begin(6);
    broken.append(encode('<html>'));
    expect(() => broken.finish('http://backend/api/traces/x', () => {})).toThrow(/not JSON/);
  });

  it('explains a body that is not JSON, an error envelope and an empty answer', () => {
    expect(() => load('<html>')).toThrow(
      new TraceLoadError('The backend at http://backend/api/traces/x answered a response that is not JSON.'),
    );
    const envelope = (() => {
      try {
        load({ data: null, errors: [{ msg: 'trace not found' }] });
      } catch (e) {
        return e;
      }
    })();
    expect(envelope).toBeInstanceOf(TraceLoadError);
    expect((envelope as TraceLoadError).notFound).toBe(true);
    expect(() => load({ data: [] })).toThrow('trace not found');
    expect(() => load({ data: [{ spans: 'nope' }] })).toThrow(/could not be read/);
  });

  it('answers span details with resolved links and what is wrong with the span', () => {
    const { session, skeleton } = load({ data: [badTrace()] });
    const linked = rowOfSpanId(skeleton, 'b00000000000000c');
    const details = session.details(linked);
    expect(details.span.name).toBe('linked');
    expect(details.links.map((l) => [l.link.traceId === OTHER_TRACE_ID, l.row >= 0])).toEqual([
      [false, true],
      [true, false],
    ]);
    const skewed = session.details(rowOfSpanId(skeleton, 'b000000000000004'));
    expect(skewed.warnings.join(' ')).toMatch(/Starts 5 ms before its parent/);
    expect(skeleton.problems.items.map((p) => p.kind)).toContain('orphans');
  });

  it('finds spans with the query language, or says why the query is wrong', () => {
    const { session, skeleton } = load({ data: [dispatchTrace] });
    const found = session.find('error');
    expect('rows' in found && Array.from(found.rows)).toEqual([7]);
    const critical = session.find('is:critical');
    expect('rows' in critical && critical.rows.length).toBe(new Set(skeleton.critical.rows).size);
    expect(session.find('>1 service:')).toHaveProperty('error');
  });

  it('runs named analyses on the loaded trace and refuses unknown ones', () => {
    const { session } = load({ data: [dispatchTrace] });
    const { result } = session.analyse('eventTexts', { rows: [7], indexes: [0] });
    const texts = result as { names: string[]; attributes: string[] };
    expect(texts.names).toHaveLength(1);
    expect(texts.names[0]).not.toBe('');
    expect(() => session.analyse('nope', {})).toThrow('unknown analysis nope');
  });
});
