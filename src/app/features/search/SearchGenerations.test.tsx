/**
 * The search page against every Jaeger query API generation (mocks/generations): the same clicks
 * must find the same traces, through the endpoints that generation serves and no others.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { configTrace } from '../../../../mocks/data/configTrace';
import { dispatchTrace } from '../../../../mocks/data/dispatchTrace';
import {
  generationHandlers,
  generationNames,
  generations,
  type GenerationName,
} from '../../../../mocks/generations';
import { setupMswServer } from '../../../../mocks/node';
import { recordRequests } from '../../../../mocks/recordRequests';
import { renderApp } from '../../testing/renderApp';
import { field, findButton, resultNames, setupSearchTests } from './searchTesting';

// The plot is recharts in SVG: happy-dom cannot lay it out, and it is tested in Chromium
// (SearchResults.browser.test.tsx); here it would only slow every search down.
vi.mock('./lazyScatterPlot', () => ({ LazyTraceScatterPlot: () => null, preloadScatterPlot: () => {} }));

const server = setupMswServer();
setupSearchTests();

function useGeneration(name: GenerationName) {
  server.use(...generationHandlers(name, [dispatchTrace, configTrace]));
  window.JAEGER_BACKEND_CAPABILITIES = generations[name].capabilities;
}

const SEARCH_PATH = { v1: 'api/traces', 'v3-summaries': 'api/v3/trace-summaries' } as const;
const SERVICES_PATH = { v1: 'api/services', v3: 'api/v3/services' } as const;
const OPERATIONS_PATH = { v1: 'api/operations', v3: 'api/v3/operations' } as const;

describe.each(generationNames)('against %s', (name) => {
  const { expected } = generations[name];

  it('lists services and operations, and finds traces by service, operation and attribute', async () => {
    useGeneration(name);
    const requests = recordRequests(server);
    const { user } = renderApp('/search');
    await waitFor(() => expect(field(/^Service/)).toHaveTextContent('frontend'));
    await user.selectOptions(field(/^Service/), 'frontend');
    await waitFor(() => expect(field('Operation')).toHaveTextContent('HTTP GET /dispatch'));
    await user.click(findButton());
    expect(await screen.findByRole('heading', { name: '2 traces' })).toBeInTheDocument();
    expect(resultNames()).toEqual(['frontend: HTTP GET /dispatch', 'frontend: HTTP GET /config']);

    await user.selectOptions(field('Operation'), 'HTTP GET /config');
    await user.click(findButton());
    expect(await screen.findByRole('heading', { name: '1 trace' })).toBeInTheDocument();
    expect(resultNames()).toEqual(['frontend: HTTP GET /config']);

    await user.selectOptions(field('Operation'), '');
    await user.type(field('Attributes'), 'http.url="/dispatch?customer=123"');
    await user.click(findButton());
    expect(await screen.findByRole('heading', { name: '1 trace' })).toBeInTheDocument();
    expect(resultNames()).toEqual(['frontend: HTTP GET /dispatch']);
    requests.stop();

    const searches = requests.to(SEARCH_PATH[expected.search]).filter((u) => u.search !== '');
    expect(searches).toHaveLength(3);
    expect(requests.to(SERVICES_PATH[expected.discovery])).not.toHaveLength(0);
    expect(requests.to(OPERATIONS_PATH[expected.discovery])).not.toHaveLength(0);
    // Nothing this generation does not serve was asked for, beyond the parameterless probes.
    const unexpected = requests.paths().filter((p) => {
      const path = p.split('?')[0];
      if (
        !p.includes('?') &&
        ['api/v3/services', 'api/v3/trace-summaries', 'api/traces', 'api/v3/traces'].includes(path)
      ) {
        return false;
      }
      const served: string[] = [
        SEARCH_PATH[expected.search],
        SERVICES_PATH[expected.discovery],
        OPERATIONS_PATH[expected.discovery],
      ];
      return !served.includes(path);
    });
    expect(unexpected).toEqual([]);
  });

  it(`${expected.search === 'v1' ? 'does not offer' : 'offers'} "All services"`, async () => {
    useGeneration(name);
    const { user } = renderApp('/search');
    await waitFor(() => expect(field(/^Service/)).toHaveTextContent('frontend'));
    const options = within(field(/^Service/))
      .getAllByRole('option')
      .map((o) => o.textContent);
    if (expected.search === 'v1') {
      expect(options).not.toContain('All services');
      return;
    }
    await user.selectOptions(field(/^Service/), 'All services');
    await user.click(findButton());
    expect(await screen.findByRole('heading', { name: '2 traces' })).toBeInTheDocument();
  });
});

describe('a Jaeger main whose storage cannot search across services', () => {
  it('hides "All services" and explains a link that asks for it', async () => {
    server.use(...generationHandlers('jaeger-main', [dispatchTrace]));
    window.JAEGER_BACKEND_CAPABILITIES = {
      archiveStorage: false,
      metricsStorage: false,
      searchWithoutServiceName: false,
      aiAssistant: false,
    };
    renderApp('/search?lookback=1h');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This backend searches one service at a time: choose a service.');
    expect(within(field(/^Service/)).queryByRole('option', { name: 'All services' })).not.toBeInTheDocument();
  });
});
