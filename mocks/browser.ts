/** MSW in the browser for the no-backend demo (`?mock`); loaded only by a dynamic import. */
import { setupWorker } from 'msw/browser';
import { handlers } from './handlers';

export async function startMockWorker(): Promise<void> {
  const worker = setupWorker(...handlers);
  await worker.start({
    // Resolved against <base>, so the demo also works when served under a sub-path.
    serviceWorker: { url: new URL('mockServiceWorker.js', document.baseURI).pathname },
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
}
