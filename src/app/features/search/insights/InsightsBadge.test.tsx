import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { simpleTrace } from '../../../../../mocks/data/simpleTraces';
import { generationHandlers } from '../../../../../mocks/generations';
import { setupMswServer } from '../../../../../mocks/node';
import { recordRequests } from '../../../../../mocks/recordRequests';
import { toJaegerTrace } from '../../../../core/jaeger/toJaegerJson';
import { buildTrace, type SpanSpec } from '../../../../core/testing/traceBuilder';
import { renderApp } from '../../../testing/renderApp';
import { setupSearchTests } from '../searchTesting';

vi.mock('../lazyScatterPlot', () => ({ LazyTraceScatterPlot: () => null, preloadScatterPlot: () => {} }));

const server = setupMswServer();
setupSearchTests();

const ms = (start: number, end: number) => [start * 1000, end * 1000] as const;
/** A checkout that calls the cart four times in a row and then fails in its own code. */
const staircase = toJaegerTrace(
  buildTrace([
    { id: 'R', name: 'checkout', service: 'shop', kind: 'server', error: true, at: ms(0, 100) },
    ...[1, 2, 3, 4].map((n): SpanSpec => ({
      id: `C${n}`,
      parent: 'R',
      name: 'GET /cart',
      service: 'shop',
      kind: 'client',
      at: ms(n * 20 - 10, n * 20 + 10),
    })),
  ]).spans,
);
const healthy = simpleTrace({
  id: 'b1',
  service: 'shop',
  operation: 'ping',
  startUs: 1_764_000_000_000_000,
  durationUs: 2_000,
  spans: 1,
});

describe('insights on search results', () => {
  it('shows how many insights a found trace has, naming their kinds, and nothing on a healthy one', async () => {
    // A v1 search answers with whole traces: the insights need no further request.
    server.use(...generationHandlers('jaeger-2.14', [staircase, healthy]));
    renderApp('/search?service=shop&lookback=1h');
    expect(await screen.findByRole('heading', { name: '2 traces' })).toBeInTheDocument();
    const card = (name: string) =>
      screen.getAllByRole('listitem').find((li) => within(li).queryByRole('link', { name }) !== null);
    const badge = await within(card('shop: checkout')!).findByText('2 insights');
    expect(badge).toHaveAttribute('title', 'Sequential calls, Error origin');
    expect(badge).toHaveTextContent('2 insights: Sequential calls, Error origin');
    expect(within(card('shop: ping')!).queryByText(/insight/)).toBeNull();
  });

  it('shows no badge when the search answered with summaries only', async () => {
    server.use(...generationHandlers('jaeger-2.20', [staircase, healthy]));
    renderApp('/search?service=shop&lookback=1h');
    expect(await screen.findByRole('heading', { name: '2 traces' })).toBeInTheDocument();
    // Give idle work a chance to run: there is nothing to run it on.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByText(/\d insights?/)).toBeNull();
  });

  it('shows the tally a Tracelens backend sends with each v3 summary, with no spans fetched', async () => {
    server.use(...generationHandlers('tracelens', [staircase, healthy]));
    const requests = recordRequests(server);
    renderApp('/search?service=shop&lookback=1h');
    expect(await screen.findByRole('heading', { name: '2 traces' })).toBeInTheDocument();
    const card = (name: string) =>
      screen.getAllByRole('listitem').find((li) => within(li).queryByRole('link', { name }) !== null);
    const badge = await within(card('shop: checkout')!).findByText('2 insights');
    expect(badge).toHaveAttribute('title', 'Sequential calls, Error origin');
    expect(within(card('shop: ping')!).queryByText(/insight/)).toBeNull();
    expect(requests.to('api/v3/trace-summaries').length).toBeGreaterThan(0);
    expect(requests.paths().filter((p) => /^api\/(v3\/)?traces/.test(p))).toEqual([]);
  });
});
