import { describe, expect, it } from 'vitest';
import { dispatchTrace } from '../../../mocks/data/dispatchTrace';
import { planAdjustments } from '../../core/adjust/adjustPlan';
import { decodeTraceColumns } from '../../core/columns/decodeTraceColumns';
import { encodeTraceColumns } from '../../core/columns/encodeTraceColumns';
import { traceFromJaeger } from '../../core/jaeger/fromJaegerJson';
import type { JaegerTrace } from '../../core/jaeger/jaegerJson';
import { badTrace } from '../features/trace/testing/badTrace';
import { ColumnFind } from './columnFind';
import type { TraceSkeleton } from './traceModel';
import { TraceSession } from './traceSession';

const json = (trace: JaegerTrace) => new TextEncoder().encode(JSON.stringify({ data: [trace] }));
const columnsOf = (trace: JaegerTrace) =>
  decodeTraceColumns(encodeTraceColumns(planAdjustments(traceFromJaeger(trace))));

/** A session opened from the trace's columns, with its JSON then streamed behind them. */
function openFromColumns(trace: JaegerTrace) {
  const session = new TraceSession();
  const skeleton = session.openColumns(columnsOf(trace), () => {});
  const readJson = (body = json(trace)) => {
    session.begin(null);
    session.append(body);
    return session.finishBehindColumns('x');
  };
  return { session, skeleton, readJson };
}

/** What the page draws from, without what differs by construction (the transferable buffers' identity). */
function drawn(s: TraceSkeleton) {
  return {
    ...s,
    parent: Array.from(s.parent),
    startUs: Array.from(s.startUs),
    durationUs: Array.from(s.durationUs),
    flags: Array.from(s.flags),
    error: Array.from(s.error),
    kind: Array.from(s.kind),
    service: Array.from(s.service),
    operation: Array.from(s.operation),
    eventTimesUs: Array.from(s.eventTimesUs),
    critical: Array.from(s.critical.rows),
  };
}

describe('TraceSession opened from columns', () => {
  it('shows the same rows, critical path and summary as from the JSON', () => {
    for (const trace of [dispatchTrace, badTrace()]) {
      const fromJson = new TraceSession().load(json(trace), 'x', () => {});
      const { skeleton } = openFromColumns(trace);
      const a = drawn(skeleton);
      const b = drawn(fromJson);
      const compared = [
        'spanIdsPacked',
        'parent',
        'startUs',
        'durationUs',
        'services',
        'operations',
        'flags',
        'error',
        'kind',
        'service',
        'operation',
        'eventTimesUs',
        'critical',
        'summary',
        'problems',
      ] as const;
      for (const key of compared) expect(a[key], key).toEqual(b[key]);
    }
  });

  it('answers column terms at once and explains that text terms wait for the spans', () => {
    const { session, skeleton, readJson } = openFromColumns(dispatchTrace);
    expect(session.complete).toBe(false);
    const errors = session.find('error');
    expect('rows' in errors && Array.from(errors.rows)).toEqual([7]);
    const text = session.find('mysql', '45 %');
    expect('error' in text && text.error).toMatch(/still downloading \(45 %\).*Duration, error/);
    expect(readJson()).toBe(true);
    expect(session.complete).toBe(true);
    // The page answers column terms from the columns' rows: as the spans do.
    const onPage = new ColumnFind(skeleton);
    for (const query of ['error', '>100ms', 'kind:client', 'service:driver', 'is:critical']) {
      expect(onPage.find(query), query).toEqual(session.find(query));
    }
    const found = session.find('mysql');
    expect('rows' in found && found.rows.length).toBeGreaterThan(0);
    expect(session.details(7).span.spanId).toBe('a1b2c3d4e5f60007');
  });

  it('gives a span from the server the row context (links, warnings) before the spans are read', () => {
    const { session } = openFromColumns(dispatchTrace);
    const spanId = session.spanIdOf(3);
    const span = traceFromJaeger(dispatchTrace).spans.find((s) => s.spanId === spanId);
    if (!span) throw new Error('fixture span missing');
    const details = session.detailsFromSpan(3, span);
    expect(details.row).toBe(3);
    expect(details.span.spanId).toBe(spanId);
    expect(details.warnings).toEqual([...span.warnings]);
  });

  it('says when the JSON behind the columns shows other rows (the trace changed meanwhile)', () => {
    const { session, readJson } = openFromColumns(dispatchTrace);
    const fewer = { ...dispatchTrace, spans: dispatchTrace.spans.slice(0, 5) };
    expect(readJson(json(fewer))).toBe(false);
    expect(session.complete).toBe(false);
  });
});
