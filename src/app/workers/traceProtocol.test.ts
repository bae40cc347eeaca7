import { afterEach, describe, expect, it, vi } from 'vitest';
import { backendAnswers, columnsFirstTrace, serve, SOURCE } from './testing/fakeBackend';
import { createTraceRequestHandler, type TraceWorkerResponse } from './traceProtocol';
import { TraceSession } from './traceSession';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('the trace worker once the spans behind the rows are read', () => {
  it('prepares find before running the insights that waited for the spans', async () => {
    serve(backendAnswers(columnsFirstTrace()));
    const ran: string[] = [];
    const prepare = TraceSession.prototype.prepareFindSlice;
    vi.spyOn(TraceSession.prototype, 'prepareFindSlice').mockImplementation(function (
      this: TraceSession,
      ms,
    ) {
      ran.push('prepare');
      return prepare.call(this, ms);
    });
    const analyse = TraceSession.prototype.analyse;
    vi.spyOn(TraceSession.prototype, 'analyse').mockImplementation(function (
      this: TraceSession,
      name,
      params,
    ) {
      ran.push(name);
      return analyse.call(this, name, params);
    });
    const answers: TraceWorkerResponse[] = [];
    const handle = createTraceRequestHandler((message) => answers.push(message));
    handle({ type: 'fetch', source: SOURCE });
    await expect.poll(() => answers.some((a) => a.type === 'loaded')).toBe(true);
    // The page asks for insights as soon as the rows are shown: they wait for the spans.
    handle({ type: 'analyse', requestId: 1, name: 'insights', params: {} });
    await expect.poll(() => answers.some((a) => a.type === 'analysed'), { timeout: 20_000 }).toBe(true);
    expect(answers.some((a) => a.type === 'completed')).toBe(true);
    expect(ran[0]).toBe('prepare');
    expect(ran.indexOf('insights')).toBeGreaterThan(ran.lastIndexOf('prepare'));
  });
});
