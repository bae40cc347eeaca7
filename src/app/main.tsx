// Global styles first, so component stylesheets that follow can refine them at equal specificity.
import './theme/tokens.css';
import './theme/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installServicePalette } from './theme/servicePalette';

const MOCK_SESSION_KEY = 'tracelens-mock';

/**
 * `?mock` serves every API call from MSW in the browser, for demos with no backend. It sticks for
 * the tab's session so that reloading a trace page keeps working after the query is gone.
 */
function wantsMockBackend(): boolean {
  const requested = new URLSearchParams(window.location.search).has('mock');
  try {
    if (requested) window.sessionStorage.setItem(MOCK_SESSION_KEY, '1');
    return requested || window.sessionStorage.getItem(MOCK_SESSION_KEY) === '1';
  } catch {
    return requested;
  }
}

async function start(): Promise<void> {
  if (wantsMockBackend()) {
    // A dynamic import keeps MSW and the recorded data out of the main bundle.
    const { startMockWorker } = await import('../../mocks/browser');
    await startMockWorker();
  }
  installServicePalette(document);
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
