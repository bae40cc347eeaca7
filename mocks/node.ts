/**
 * MSW for Vitest. It is not started globally (src/test-setup.ts) because server tests in the same
 * run make real HTTP requests to 127.0.0.1; a test file that wants mocks calls setupMswServer().
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { handlers } from './handlers';
import { monitorHandlers } from './monitor';

// Tracelens' backend also serves span metrics (the trace page's span details ask for them).
export const server = setupServer(...handlers, ...monitorHandlers);

/**
 * Starts MSW for the calling test file (call it at the top level); per-test overrides made with
 * `server.use()` are undone after each test. Unhandled requests fail the test loudly.
 */
export function setupMswServer() {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/**
 * The same helper under the name first planned for it. Its `use` prefix makes the
 * react-hooks/rules-of-hooks lint reject a top-level call in src/app, so prefer setupMswServer.
 */
export const useMswServer = setupMswServer;
