import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupMswServer } from '../../../../../mocks/node';
import { toJaegerTrace } from '../../../../core/jaeger/toJaegerJson';
import { buildTrace, TEST_TRACE_ID, type SpanSpec } from '../../../../core/testing/traceBuilder';
import { stubClientSize } from '../../../testing/layout';
import { renderTracePage } from '../testing/renderTracePage';
import { useInsightsPanel } from './insightsPanelStore';

const server = setupMswServer();
let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = stubClientSize(1200, 600);
  useInsightsPanel.getState().setExpanded(false);
});
afterEach(() => restoreLayout());

const ms = (start: number, end: number) => [start * 1000, end * 1000] as const;
/** A page that fetches four items one after another: a staircase. */
const staircase: SpanSpec[] = [
  { id: 'R', name: 'GET /page', service: 'web', kind: 'server', at: ms(0, 100) },
  ...[1, 2, 3, 4].map((n): SpanSpec => ({
    id: `C${n}`,
    parent: 'R',
    name: 'GET /item',
    service: 'web',
    kind: 'client',
    attributes: { 'peer.service': 'catalog' },
    at: ms(n * 20 - 10, n * 20 + 10),
  })),
];
/** The same calls, all at once. */
const parallel: SpanSpec[] = staircase.map((s) => (s.parent ? { ...s, at: ms(5, 90) } : s));

function serve(specs: SpanSpec[]) {
  const trace = toJaegerTrace(buildTrace(specs).spans);
  server.use(
    http.get('*/api/traces/:id', () =>
      HttpResponse.json({ data: [trace], total: 1, limit: 0, offset: 0, errors: null }),
    ),
  );
}

const fact = (label: string) => screen.getByText(label, { selector: 'dt' }).nextElementSibling as HTMLElement;
const highlightedRows = () =>
  screen
    .getAllByRole('row')
    .filter((r) => r.classList.contains('is-highlighted'))
    .map((r) => r.querySelector('.wf-row__operation')?.textContent);

describe('Insights panel', () => {
  it('counts findings in the header, lists them and highlights the spans of the one chosen', async () => {
    serve(staircase);
    const { user } = renderTracePage(`/trace/${TEST_TRACE_ID}`);
    const count = await within(await waitFor(() => fact('Insights'))).findByRole('button', {
      name: '1 insight: show them',
    });
    const strip = screen.getByRole('region', { name: 'Insights' });
    // Collapsed, the strip shows the largest finding on one line.
    expect(within(strip).getByRole('button', { name: /Insights/ })).toHaveAttribute('aria-expanded', 'false');
    expect(strip).toHaveTextContent('4 GET /item calls to catalog ran one after another');

    await user.click(count);
    const list = within(strip).getByRole('list', { name: 'Findings, largest time at stake first' });
    const [finding] = within(list).getAllByRole('button');
    expect(finding).toHaveFocus();
    expect(finding).toHaveTextContent('Sequential calls');
    expect(finding).toHaveTextContent('60 ms');
    expect(finding).toHaveTextContent('4 spans');

    await user.click(finding);
    expect(finding).toHaveAttribute('aria-pressed', 'true');
    await waitFor(() =>
      expect(highlightedRows()).toEqual(['GET /item', 'GET /item', 'GET /item', 'GET /item']),
    );
    expect(screen.getAllByText(/, highlighted by the selected insight$/)).toHaveLength(4);
    expect(document.querySelector('.wf-timeline-canvas')).toHaveAttribute('data-rings', '4');

    await user.click(within(strip).getByRole('button', { name: 'Clear highlight' }));
    expect(finding).toHaveAttribute('aria-pressed', 'false');
    expect(highlightedRows()).toEqual([]);
    // Choosing a finding twice also clears it.
    await user.click(finding);
    await user.click(finding);
    expect(highlightedRows()).toEqual([]);
  });

  it('says when nothing stands out, and remembers that it was opened', async () => {
    serve(parallel);
    const { user, unmount } = renderTracePage(`/trace/${TEST_TRACE_ID}`);
    await within(await waitFor(() => fact('Insights'))).findByRole('button', {
      name: '0 insights: show them',
    });
    const strip = screen.getByRole('region', { name: 'Insights' });
    expect(strip).toHaveTextContent('Nothing stands out in this trace');
    await user.click(within(strip).getByRole('button', { name: /Insights/ }));
    expect(strip).toHaveTextContent('no calls that could run in parallel');
    unmount();
    renderTracePage(`/trace/${TEST_TRACE_ID}`);
    const again = await screen.findByRole('region', { name: 'Insights' });
    expect(within(again).getByRole('button', { name: /Insights/ })).toHaveAttribute('aria-expanded', 'true');
  });
});
