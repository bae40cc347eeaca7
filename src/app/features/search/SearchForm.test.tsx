import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { setupMswServer } from '../../../../mocks/node';
import { recordRequests, type RecordedRequests } from '../../../../mocks/recordRequests';
import { renderApp } from '../../testing/renderApp';
import { localDateTime } from './searchDraft';
import { field, findButton, setupSearchTests } from './searchTesting';

// The plot is recharts in SVG: happy-dom cannot lay it out, and it is tested in Chromium
// (SearchResults.browser.test.tsx); here it would only slow every search down.
vi.mock('./lazyScatterPlot', () => ({ LazyTraceScatterPlot: () => null, preloadScatterPlot: () => {} }));

const server = setupMswServer();
setupSearchTests();

/** Search requests (probes carry no parameters, so they are not searches). */
function searches(requests: RecordedRequests): URL[] {
  return [...requests.to('api/v3/trace-summaries'), ...requests.to('api/traces')].filter(
    (u) => u.search !== '',
  );
}

async function readyForm() {
  const view = renderApp('/search');
  await waitFor(() => expect(field(/^Service/)).toHaveValue('customer'));
  return view;
}

describe('Search form validation: every problem is explained next to its field, and nothing is sent', () => {
  it.each([
    ['Attributes', 'http.status_code=500 db.statement="select', 'This quote is never closed (column 35).'],
    ['Attributes', 'error= ', '"error=" has no value; to match an empty value write error="" (column 6).'],
    ['Min duration', '100', 'Add a unit, e.g. 100ms or 100s.'],
    ['Min duration', '2 ms', 'Write it without spaces, e.g. 2ms.'],
    ['Max duration', '3sec', '"sec" is not a unit; use ns, us, ms, s, m or h.'],
    ['Max duration', 'fast', '"fast" is not a duration; write a number and a unit, e.g. 100ms or 1.2s.'],
    ['Limit results', '0', 'Enter a whole number from 1 to 1500.'],
    ['Limit results', '2000', 'Enter a whole number from 1 to 1500.'],
  ])('%s "%s"', async (label, text, problem) => {
    const { user } = await readyForm();
    const requests = recordRequests(server);
    const input = field(label);
    await user.clear(input);
    await user.type(
      input,
      text.replace(/[{[]/g, (c) => c + c),
    );
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(expect.stringContaining(problem));
    await user.click(findButton());
    expect(input).toHaveFocus();
    requests.stop();
    expect(searches(requests)).toEqual([]);
  });

  it('a maximum duration shorter than the minimum', async () => {
    const { user } = await readyForm();
    const requests = recordRequests(server);
    await user.type(field('Min duration'), '2s');
    await user.type(field('Max duration'), '500ms');
    expect(field('Max duration')).toHaveAccessibleDescription(
      'Enter a maximum no shorter than the minimum (2s).',
    );
    await user.click(findButton());
    requests.stop();
    expect(searches(requests)).toEqual([]);
  });

  it('a custom range that ends before it starts', async () => {
    const { user } = await readyForm();
    const requests = recordRequests(server);
    await user.selectOptions(field('Lookback'), 'custom');
    const start = field('Start time');
    const end = field('End time');
    await user.clear(start);
    await user.type(start, '2025-11-24T16:00:00');
    await user.clear(end);
    await user.type(end, '2025-11-24T15:00:00');
    expect(end).toHaveAccessibleDescription(expect.stringContaining('Enter an end after the start.'));
    await user.click(findButton());
    requests.stop();
    expect(searches(requests)).toEqual([]);
  });

  it('no service when the list could not be loaded', async () => {
    window.JAEGER_BACKEND_CAPABILITIES = { archiveStorage: false, metricsStorage: false, aiAssistant: false };
    server.use(
      http.get('*/api/v3/services', () =>
        HttpResponse.json({ error: { httpCode: 503, message: 'down' } }, { status: 503 }),
      ),
    );
    const { user } = renderApp('/search');
    await screen.findByRole('alert');
    const requests = recordRequests(server);
    await user.click(findButton());
    expect(field(/^Service/)).toHaveAccessibleDescription('Choose a service to search.');
    requests.stop();
    expect(searches(requests)).toEqual([]);
  });

  it('sends a valid search with everything the form holds', async () => {
    const { user, router } = await readyForm();
    await user.selectOptions(field(/^Service/), 'frontend');
    await waitFor(() => expect(field('Operation')).toHaveTextContent('HTTP GET /dispatch · server'));
    await user.selectOptions(field('Operation'), 'HTTP GET /dispatch');
    await user.selectOptions(field('Span kind'), 'server');
    await user.type(field('Attributes'), 'http.method=GET http.url="/dispatch?customer=123"');
    await user.type(field('Min duration'), '100ms');
    await user.type(field('Max duration'), '1.2s');
    const requests = recordRequests(server);
    await user.click(findButton());
    expect(await screen.findByRole('heading', { name: '1 trace' })).toBeInTheDocument();
    requests.stop();
    const params = new URLSearchParams(router.state.location.search);
    expect(Object.fromEntries([...params].filter(([k]) => k !== 'start' && k !== 'end'))).toEqual({
      service: 'frontend',
      operation: 'HTTP GET /dispatch',
      spanKind: 'server',
      tags: '{"http.method":"GET","http.url":"/dispatch?customer=123"}',
      lookback: '1h',
      minDuration: '100ms',
      maxDuration: '1.2s',
      limit: '20',
    });
    expect(searches(requests)[0].searchParams.get('query.attributes')).toBe(
      '{"http.method":"GET","http.url":"/dispatch?customer=123","span.kind":"server"}',
    );
  });
});

describe('A Jaeger UI search URL pasted into the address bar', () => {
  it('fills the form and runs exactly that search', async () => {
    const requests = recordRequests(server);
    const start = 1_763_996_400_000_000;
    const end = 1_764_000_000_000_000;
    const tags = encodeURIComponent('{"http.method":"GET","http.url":"/dispatch?customer=123"}');
    renderApp(
      `/search?end=${end}&limit=15&lookback=custom&maxDuration=2s&minDuration=100ms&operation=HTTP%20GET%20%2Fdispatch&service=frontend&start=${start}&tags=${tags}`,
    );
    expect(await screen.findByRole('heading', { name: '1 trace' })).toBeInTheDocument();
    requests.stop();
    expect(field(/^Service/)).toHaveValue('frontend');
    expect(field('Operation')).toHaveValue('HTTP GET /dispatch');
    expect(field('Attributes')).toHaveValue('http.method=GET http.url="/dispatch?customer=123"');
    expect(field('Lookback')).toHaveValue('custom');
    expect(field('Start time')).toHaveValue(localDateTime(start));
    expect(field('End time')).toHaveValue(localDateTime(end));
    expect(field('Min duration')).toHaveValue('100ms');
    expect(field('Max duration')).toHaveValue('2s');
    expect(field('Limit results')).toHaveValue('15');
    const sent = searches(requests);
    expect(sent).toHaveLength(1);
    expect(Object.fromEntries(sent[0].searchParams)).toEqual({
      'query.serviceName': 'frontend',
      'query.operationName': 'HTTP GET /dispatch',
      'query.startTimeMin': '2025-11-24T15:00:00.000000Z',
      'query.startTimeMax': '2025-11-24T16:00:00.000000Z',
      'query.searchDepth': '15',
      'query.durationMin': '100ms',
      'query.durationMax': '2s',
      'query.attributes': '{"http.method":"GET","http.url":"/dispatch?customer=123"}',
    });
  });
});

describe('The last search per service', () => {
  it('is restored when that service is picked again, and the form opens on the last service', async () => {
    const { user, unmount } = await readyForm();
    await user.selectOptions(field(/^Service/), 'driver');
    await user.type(field('Attributes'), 'error=true');
    await user.selectOptions(field('Lookback'), '6h');
    await user.clear(field('Limit results'));
    await user.type(field('Limit results'), '50');
    await user.click(findButton());
    await screen.findByRole('heading', { name: /^\d+ traces?$/ });

    // A service with nothing remembered keeps the filters, to ask the same of it.
    await user.selectOptions(field(/^Service/), 'frontend');
    expect(field('Attributes')).toHaveValue('error=true');
    await user.clear(field('Attributes'));
    await user.selectOptions(field('Lookback'), '15m');
    await user.selectOptions(field(/^Service/), 'driver');
    expect(field('Attributes')).toHaveValue('error=true');
    expect(field('Lookback')).toHaveValue('6h');
    expect(field('Limit results')).toHaveValue('50');
    unmount();

    renderApp('/search');
    await waitFor(() => expect(field(/^Service/)).toHaveValue('driver'));
    expect(field('Attributes')).toHaveValue('error=true');
  });

  it('Reset clears the filters but keeps the service', async () => {
    const { user } = await readyForm();
    await user.type(field('Attributes'), 'error=true');
    await user.type(field('Min duration'), '1s');
    await user.click(screen.getByRole('button', { name: 'Reset' }));
    expect(field('Attributes')).toHaveValue('');
    expect(field('Min duration')).toHaveValue('');
    expect(field(/^Service/)).toHaveValue('customer');
  });
});
