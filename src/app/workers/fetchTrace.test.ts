import { afterEach, describe, expect, it, vi } from 'vitest';
import { dispatchTrace } from '../../../mocks/data/dispatchTrace';
import { fetchTrace, type FetchEvents } from './fetchTrace';
import { backendAnswers, columnsFirstTrace, serve, SOURCE } from './testing/fakeBackend';
import { TraceSession } from './traceSession';

function recorder() {
  const opened: boolean[] = [];
  const seen: string[] = [];
  const events: FetchEvents = {
    progress: () => {},
    open: (load, { complete }) => {
      load(() => {});
      opened.push(complete);
      return true;
    },
    downloaded: (what) => seen.push(`downloaded ${what}`),
    failed: (message) => seen.push(`failed ${message}`),
    completed: () => seen.push('completed'),
    behindFailed: (message) => seen.push(`behindFailed ${message}`),
  };
  return { events, opened, seen };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('fetchTrace', () => {
  it('waits for the JSON of a trace small enough, without opening its columns', async () => {
    const fetched = serve(backendAnswers(dispatchTrace));
    const session = new TraceSession();
    const openColumns = vi.spyOn(session, 'openColumns');
    const { events, opened, seen } = recorder();
    await fetchTrace(session, SOURCE, new AbortController().signal, events);
    expect(fetched).toEqual([SOURCE.columnsUrl, SOURCE.jsonUrl]);
    expect(openColumns).not.toHaveBeenCalled();
    expect(opened).toEqual([true]);
    expect(seen).toEqual(['downloaded columns', 'downloaded json']);
    expect(session.complete).toBe(true);
  });

  it('shows the rows of a large trace from its columns, then reads the spans behind them', async () => {
    serve(backendAnswers(columnsFirstTrace()));
    const session = new TraceSession();
    const { events, opened, seen } = recorder();
    await fetchTrace(session, SOURCE, new AbortController().signal, events);
    expect(opened).toEqual([false]);
    expect(seen).toEqual(['downloaded columns', 'downloaded json', 'completed']);
    expect(session.complete).toBe(true);
  });

  it('reads the JSON when the columns answer does not decode', async () => {
    const { json } = backendAnswers(dispatchTrace);
    serve({ json, columns: Uint8Array.of(1, 2, 3) });
    const session = new TraceSession();
    const { events, opened } = recorder();
    await fetchTrace(session, SOURCE, new AbortController().signal, events);
    expect(opened).toEqual([true]);
    expect(session.complete).toBe(true);
  });
});
