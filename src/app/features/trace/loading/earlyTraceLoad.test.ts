import { describe, expect, it } from 'vitest';
import { DISPATCH_TRACE_ID } from '../../../../../mocks/data/dispatchTrace';
import { setupMswServer } from '../../../../../mocks/node';
import { adoptEarlyTraceLoad, startEarlyTraceLoad, tracePageId } from './earlyTraceLoad';

setupMswServer();

describe('the early trace load', () => {
  it('recognises trace pages only, under any base path', () => {
    expect(tracePageId(`/trace/${DISPATCH_TRACE_ID}`)).toBe(DISPATCH_TRACE_ID);
    expect(tracePageId(`/jaeger/trace/${DISPATCH_TRACE_ID}/`)).toBe(DISPATCH_TRACE_ID);
    expect(tracePageId('/search')).toBeNull();
    expect(tracePageId('/trace/abc...def')).toBeNull();
    expect(tracePageId('/trace/not-hex')).toBeNull();
  });

  it('is adopted by the page that asks for the same trace, with the progress so far', async () => {
    startEarlyTraceLoad(`/trace/${DISPATCH_TRACE_ID}`);
    const stages: string[] = [];
    const loaded = adoptEarlyTraceLoad(DISPATCH_TRACE_ID.toUpperCase(), new AbortController().signal, {
      onStage: (stage) => stages.push(stage),
    });
    expect(loaded).not.toBeNull();
    const handle = await loaded;
    expect(handle?.skeleton.traceId).toBe(DISPATCH_TRACE_ID);
    expect(stages).toContain('indexing');
    handle?.dispose();
    // Once only.
    expect(adoptEarlyTraceLoad(DISPATCH_TRACE_ID, new AbortController().signal, {})).toBeNull();
  });

  it('is stopped, not adopted, when the page asks for another trace', async () => {
    startEarlyTraceLoad(`/trace/${DISPATCH_TRACE_ID}`);
    expect(adoptEarlyTraceLoad('ffff', new AbortController().signal, {})).toBeNull();
    expect(adoptEarlyTraceLoad(DISPATCH_TRACE_ID, new AbortController().signal, {})).toBeNull();
  });
});
