import { describe, expect, it, vi } from 'vitest';
import { dispatchTrace } from '../../../mocks/data/dispatchTrace';
import { syntheticTrace } from '../../core/testing/syntheticTrace';
import { toJaegerTrace } from '../../core/jaeger/toJaegerJson';
import { badTrace } from '../features/trace/testing/badTrace';
import { ColumnFind } from './columnFind';
import { TraceHandle } from './traceClient';
import type { TraceWorkerRequest } from './traceProtocol';
import { TraceSession } from './traceSession';

const json = (trace: unknown) => new TextEncoder().encode(JSON.stringify({ data: [trace] }));

function loaded(trace: unknown) {
  const session = new TraceSession();
  const skeleton = session.load(json(trace), 'x', () => {});
  return { session, skeleton };
}

const COLUMN_QUERIES = [
  'error',
  '>50ms',
  '<=1ms error',
  'kind:client',
  'kind:internal',
  'service:driver',
  'service:customer >10ms',
  'is:critical',
  'is:critical kind:server',
  '',
];

describe('ColumnFind', () => {
  it('answers column terms with the rows the worker finds', () => {
    const synthetic = syntheticTrace(2_000, 7);
    for (const trace of [dispatchTrace, badTrace(), toJaegerTrace(synthetic.spans)]) {
      const { session, skeleton } = loaded(trace);
      const local = new ColumnFind(skeleton);
      let matching = 0;
      for (const query of [...COLUMN_QUERIES, 'service:frontend', 'kind:producer >2ms']) {
        const worker = session.find(query);
        if (!('rows' in worker)) throw new Error(`${query}: ${worker.error}`);
        expect(local.find(query), query).toEqual(worker);
        if (worker.rows.length > 0) matching++;
      }
      expect(matching).toBeGreaterThan(2);
    }
  });

  it('leaves text and attribute terms to the spans, and reports what does not parse', () => {
    const { skeleton } = loaded(dispatchTrace);
    const local = new ColumnFind(skeleton);
    expect(local.find('mysql')).toBeNull();
    expect(local.find('error http.status_code=500')).toBeNull();
    expect(local.find('>fast')).toEqual(loaded(dispatchTrace).session.find('>fast'));
  });
});

describe('TraceHandle.find', () => {
  it('answers column terms without asking the worker, and asks it for text', async () => {
    const { session, skeleton } = loaded(dispatchTrace);
    const posted: TraceWorkerRequest[] = [];
    let handle: TraceHandle | null = null;
    const channel = {
      post: vi.fn((request: TraceWorkerRequest) => {
        posted.push(request);
        if (request.type === 'find') {
          handle?.receive({
            type: 'found',
            requestId: request.requestId,
            outcome: session.find(request.text),
          });
        }
      }),
      listen: () => {},
      close: () => {},
    };
    handle = new TraceHandle(channel, skeleton, { parseMs: 0, indexMs: 0, analyseMs: 0 });
    const errors = await handle.find('error');
    expect('rows' in errors && Array.from(errors.rows)).toEqual([7]);
    expect(posted).toEqual([]);
    const text = await handle.find('mysql');
    expect('rows' in text && text.rows.length).toBeGreaterThan(0);
    expect(posted.map((r) => r.type)).toEqual(['find']);
  });
});
