import { screen, waitFor } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { CONFIG_TRACE_ID } from '../../../../mocks/data/configTrace';
import { DISPATCH_TRACE_ID } from '../../../../mocks/data/dispatchTrace';
import { jaegerError } from '../../../../mocks/handlers';
import { setupMswServer } from '../../../../mocks/node';
import { tracesFromJaegerResponse } from '../../../core/jaeger/fromJaegerJson';
import { saveFile } from '../../components/saveFile';
import { renderApp } from '../../testing/renderApp';
import { resultsFileName } from './downloadResults';
import { setupSearchTests } from './searchTesting';

vi.mock('./lazyScatterPlot', () => ({ LazyTraceScatterPlot: () => null, preloadScatterPlot: () => {} }));
vi.mock('../../components/saveFile', () => ({ saveFile: vi.fn() }));

const server = setupMswServer();
setupSearchTests();

/** The traces in the last file saved, read back the way an upload reads them. */
function savedTraces() {
  const [contents, name] = vi.mocked(saveFile).mock.lastCall ?? [];
  expect(name).toMatch(/^traces-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.json$/);
  return tracesFromJaegerResponse(JSON.parse(String(contents)));
}

describe('Download results', () => {
  it('saves every listed trace in full as one query-API response', async () => {
    vi.mocked(saveFile).mockClear();
    const { user } = renderApp('/search?lookback=2d');
    await screen.findByRole('heading', { name: '2 traces' });
    await user.click(screen.getByRole('button', { name: 'Download results' }));
    await waitFor(() => expect(saveFile).toHaveBeenCalledTimes(1));
    const traces = savedTraces();
    expect(traces.map((t) => t.traceId).sort()).toEqual([CONFIG_TRACE_ID, DISPATCH_TRACE_ID].sort());
    expect(traces.find((t) => t.traceId === DISPATCH_TRACE_ID)?.spans).toHaveLength(8);
    expect(screen.getByRole('button', { name: 'Download results' })).toBeEnabled();
  });

  it('says which traces could not be fetched and saves the others', async () => {
    vi.mocked(saveFile).mockClear();
    server.use(http.get(`*/api/traces/${CONFIG_TRACE_ID}`, () => jaegerError(500, 'storage is down')));
    const { user } = renderApp('/search?lookback=2d');
    await screen.findByRole('heading', { name: '2 traces' });
    await user.click(screen.getByRole('button', { name: 'Download results' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      `1 of 2 traces could not be downloaded (${CONFIG_TRACE_ID}: storage is down). The file has the other 1.`,
    );
    expect(savedTraces().map((t) => t.traceId)).toEqual([DISPATCH_TRACE_ID]);
  });

  it('names the file after the time, as Jaeger UI does', () => {
    expect(resultsFileName(new Date('2026-11-24T07:12:30.456Z'))).toBe('traces-2026-11-24T07-12-30.json');
  });
});
