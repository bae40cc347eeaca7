import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchTrace } from '../../../../../mocks/data/dispatchTrace';
import { setupMswServer } from '../../../../../mocks/node';
import { tracesFromJaegerResponse } from '../../../../core/jaeger/fromJaegerJson';
import { useUploadedTracesStore } from '../../../stores/uploadedTraces';
import { stubClientSize } from '../../../testing/layout';
import { renderTracePage } from '../testing/renderTracePage';

const server = setupMswServer();
let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = stubClientSize(1200, 600);
});
afterEach(() => {
  restoreLayout();
  useUploadedTracesStore.getState().clear();
});

// Another trace ID than the mocks serve, so that only the store can answer it.
const FILE_TRACE_ID = 'f00df00df00df00df00df00df00df00d';

function fileTrace() {
  const spans = dispatchTrace.spans.map((s) => ({
    ...s,
    traceID: FILE_TRACE_ID,
    references: s.references.map((r) => ({ ...r, traceID: FILE_TRACE_ID })),
  }));
  return tracesFromJaegerResponse({ ...dispatchTrace, traceID: FILE_TRACE_ID, spans })[0];
}

describe('A trace opened from a file', () => {
  it('shows on the trace page with no backend, like a fetched one', async () => {
    const requests: string[] = [];
    server.use(
      http.all('*', ({ request }) => {
        requests.push(request.url);
        return HttpResponse.error();
      }),
    );
    useUploadedTracesStore.getState().add([fileTrace()], 'dispatch.json');
    renderTracePage(`/trace/${FILE_TRACE_ID.toUpperCase()}`);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'frontend: HTTP GET /dispatch' }),
    ).toBeInTheDocument();
    const tree = screen.getByRole('treegrid', { name: 'Spans' });
    expect(
      within(tree)
        .getAllByRole('row')
        .filter((r) => r.hasAttribute('data-row')),
    ).toHaveLength(8);
    expect(requests).toEqual([]);
  });
});
