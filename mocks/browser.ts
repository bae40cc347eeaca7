/**
 * MSW in the browser for the no-backend demo (`?mock`, and the `build:mock` static build); loaded
 * only by a dynamic import. The recorded data comes as two static JSON files next to the bundle
 * (about 2 MB, 0.2 MB gzipped), fetched before the worker starts answering.
 */
import { setupWorker } from 'msw/browser';
import tracesUrl from './recorded/traces.json?url';
import trafficUrl from './recorded/traffic.json?url';
import { createDemoHandlers, type RecordedTraces } from './demo/demoBackend';
import type { TrafficDigest } from './demo/trafficDigest';

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export async function startMockWorker(): Promise<void> {
  const [traces, traffic] = await Promise.all([
    fetchJson<RecordedTraces>(tracesUrl),
    fetchJson<TrafficDigest>(trafficUrl),
  ]);
  const worker = setupWorker(...createDemoHandlers({ traces, traffic }));
  await worker.start({
    // Resolved against <base>, so the demo also works when served under a sub-path; the worker's
    // scope is its own directory, which is the app's base.
    serviceWorker: { url: new URL('mockServiceWorker.js', document.baseURI).pathname },
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
}
