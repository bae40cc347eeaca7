import { http } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mockTraces } from '../../../mocks/handlers';
import { generationHandlers, generationNames, generations } from '../../../mocks/generations';
import { setupMswServer } from '../../../mocks/node';
import { recordRequests } from '../../../mocks/recordRequests';
import {
  backendApiFromCapabilities,
  detectBackendApi,
  forgetBackendApi,
  probeBackendApi,
} from './backendApi';

const server = setupMswServer();

beforeEach(() => {
  window.sessionStorage.clear();
  window.JAEGER_BACKEND_CAPABILITIES = null;
});
afterEach(() => {
  window.JAEGER_BACKEND_CAPABILITIES = null;
});

describe('probing each Jaeger generation', () => {
  it.each(generationNames)('%s: finds the API it serves', async (name) => {
    server.use(...generationHandlers(name, mockTraces));
    const api = await probeBackendApi();
    const { expected } = generations[name];
    expect({ discovery: api.discovery, search: api.search }).toEqual(expected);
    expect(api.searchWithoutService).toBe(expected.search !== 'v1');
  });
});

describe('detectBackendApi', () => {
  it('trusts injected capabilities and sends no request (Jaeger ≥ 2.20, main, Tracelens)', async () => {
    window.JAEGER_BACKEND_CAPABILITIES = generations['jaeger-2.20'].capabilities;
    const requests = recordRequests(server);
    expect(await detectBackendApi()).toEqual({
      discovery: 'v3',
      search: 'v3-summaries',
      searchWithoutService: true,
      detectedBy: 'capabilities',
    });
    requests.stop();
    expect(requests.urls).toEqual([]);
  });

  it("follows main's searchWithoutServiceName both ways", () => {
    const main = { archiveStorage: false, metricsStorage: false, aiAssistant: false };
    expect(
      backendApiFromCapabilities({ ...main, searchWithoutServiceName: true })?.searchWithoutService,
    ).toBe(true);
    expect(
      backendApiFromCapabilities({ ...main, searchWithoutServiceName: false })?.searchWithoutService,
    ).toBe(false);
    // ≤ 2.19 capabilities say nothing about the API: probe.
    expect(backendApiFromCapabilities({ archiveStorage: true })).toBeNull();
  });

  it('probes once per session, then reuses the answer', async () => {
    server.use(...generationHandlers('jaeger-2.18', mockTraces));
    const requests = recordRequests(server);
    await detectBackendApi();
    const probes = requests.urls.length;
    expect(probes).toBeGreaterThan(0);
    expect(await detectBackendApi()).toMatchObject({ discovery: 'v3', search: 'v1' });
    expect(requests.urls).toHaveLength(probes);
    forgetBackendApi();
    await detectBackendApi();
    requests.stop();
    expect(requests.urls.length).toBeGreaterThan(probes);
  });

  it('says the backend cannot be reached when nothing answers', async () => {
    server.use(http.all('*/api/*', () => Response.error()));
    await expect(detectBackendApi()).rejects.toMatchObject({
      status: 0,
      message: expect.stringMatching(/could not be reached/),
    });
  });

  it('does not mistake a proxy error page for a missing route', async () => {
    server.use(http.all('*/api/*', () => new Response('<html>502 Bad Gateway</html>', { status: 502 })));
    await expect(detectBackendApi()).rejects.toMatchObject({ status: 502 });
  });
});
