import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { simpleTrace } from '../../../../mocks/data/simpleTraces';
import { createHandlers } from '../../../../mocks/handlers';
import { setupMswServer } from '../../../../mocks/node';
import { renderApp } from '../../testing/renderApp';
import { resultNames, setupSearchTests } from './searchTesting';

// The plot is recharts in SVG: happy-dom cannot lay it out, and it is tested in Chromium
// (SearchResults.browser.test.tsx); here it would only slow every search down.
vi.mock('./lazyScatterPlot', () => ({ LazyTraceScatterPlot: () => null, preloadScatterPlot: () => {} }));

const server = setupMswServer();
setupSearchTests();

const T0 = 1_764_000_000_000_000;
/** Four traces whose order differs under every sort. */
const traces = [
  simpleTrace({
    id: 'a1',
    service: 'shop',
    operation: 'old-slow',
    startUs: T0,
    durationUs: 900_000,
    spans: 3,
  }),
  simpleTrace({
    id: 'a2',
    service: 'shop',
    operation: 'mid-errors',
    startUs: T0 + 60e6,
    durationUs: 50_000,
    spans: 5,
    errors: 3,
  }),
  simpleTrace({
    id: 'a3',
    service: 'shop',
    operation: 'new-fast',
    startUs: T0 + 120e6,
    durationUs: 2_000,
    spans: 2,
    errors: 1,
  }),
  simpleTrace({
    id: 'a4',
    service: 'shop',
    operation: 'big',
    startUs: T0 + 90e6,
    durationUs: 300_000,
    spans: 40,
    childServices: ['cart', 'pay', 'stock', 'mail', 'tax', 'ship', 'auth'],
  }),
];

async function open(query = '') {
  server.use(...createHandlers(traces));
  const view = renderApp(`/search?service=shop&lookback=1h${query}`);
  expect(await screen.findByRole('heading', { name: '4 traces' })).toBeInTheDocument();
  return view;
}

const names = () => resultNames().map((n) => n.replace('shop: ', ''));

describe('Sorting results', () => {
  it.each([
    ['Most recent', ['new-fast', 'big', 'mid-errors', 'old-slow']],
    ['Oldest first', ['old-slow', 'mid-errors', 'big', 'new-fast']],
    ['Longest first', ['old-slow', 'big', 'mid-errors', 'new-fast']],
    ['Shortest first', ['new-fast', 'mid-errors', 'big', 'old-slow']],
    ['Most spans', ['big', 'mid-errors', 'old-slow', 'new-fast']],
    ['Most errors', ['mid-errors', 'new-fast', 'big', 'old-slow']],
  ])('%s', async (label, order) => {
    const { user, router } = await open();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort' }), label);
    expect(names()).toEqual(order);
    const sort = new URLSearchParams(router.state.location.search).get('sort');
    expect(sort === null ? 'Most recent' : label).toBe(label);
  });

  it('reads the order from the URL, so a shared link keeps it, without searching again', async () => {
    await open('&sort=most-spans');
    expect(screen.getByRole('combobox', { name: 'Sort' })).toHaveValue('most-spans');
    expect(names()[0]).toBe('big');
  });
});

describe('Result cards', () => {
  it('sum up services beyond five and draw durations relative to the longest', async () => {
    await open();
    const big = screen.getByRole('link', { name: 'shop: big' }).closest('li')!;
    const chips = within(within(big).getByRole('list', { name: 'Services' })).getAllByRole('listitem');
    expect(chips.map((c) => c.textContent)).toEqual([
      'auth5 spans',
      'cart6 spans',
      'mail6 spans',
      'pay6 spans',
      'ship5 spans',
      '+3 more',
    ]);
    const bar = (name: string) =>
      (screen.getByRole('link', { name }).closest('li')!.querySelector('.result__bar') as HTMLElement).style
        .width;
    expect(bar('shop: old-slow')).toBe('100%');
    expect(bar('shop: big')).toBe(`${(300_000 / 900_000) * 100}%`);
  });
});

describe('Selecting traces to compare', () => {
  it('enables Compare with exactly two selected, and opens Jaeger UI’s compare URL', async () => {
    const { user, router } = await open();
    const compare = screen.getByRole('button', { name: 'Compare' });
    expect(compare).toBeDisabled();
    await user.click(screen.getByRole('checkbox', { name: /^Compare shop: old-slow/ }));
    expect(compare).toBeDisabled();
    expect(screen.getByText('1 selected')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: /^Compare shop: new-fast/ }));
    await user.click(screen.getByRole('checkbox', { name: /^Compare shop: big/ }));
    expect(compare).toBeDisabled();
    await user.click(screen.getByRole('checkbox', { name: /^Compare shop: big/ }));
    expect(screen.getByText('2 selected')).toBeInTheDocument();
    await user.click(compare);
    expect(router.state.location.pathname).toBe('/trace/00000000000000a1...00000000000000a3');
    expect(router.state.location.search).toBe('?cohort=00000000000000a1&cohort=00000000000000a3');
  });

  it('keeps the selection when re-sorting, and clears it on request', async () => {
    const { user } = await open();
    await user.click(screen.getByRole('checkbox', { name: /^Compare shop: big/ }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort' }), 'Most spans');
    expect(screen.getByRole('checkbox', { name: /^Compare shop: big/ })).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Clear selection' }));
    expect(screen.getByRole('checkbox', { name: /^Compare shop: big/ })).not.toBeChecked();
  });
});
