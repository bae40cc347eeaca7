/** The app proper, loaded by main.tsx after the trace page's download has started. */
// Global styles first, so component stylesheets that follow can refine them at equal specificity.
import './theme/tokens.css';
import './theme/forcedColors.css';
import './theme/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { embedOptions } from './config/embedded';
import { uiConfig } from './config/runtimeConfig';
import { useMockMode } from './shell/mockMode';
import { installServicePalette } from './theme/servicePalette';
import { useThemeStore } from './theme/themeStore';

/** Renders the app; `mocked` when the API is served by MSW in the browser (earlyStart.ts). */
export async function start(mocked: boolean): Promise<void> {
  // Read from the URL the page was opened with, before the router rewrites it.
  const embed = embedOptions();
  if (embed.theme) useThemeStore.setState({ forced: embed.theme });
  // Validates the injected config now, so its warnings show at start-up rather than on first use.
  uiConfig();
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  if (mocked) {
    try {
      // A dynamic import keeps MSW and the recorded data out of the main bundle.
      const { startMockWorker } = await import('../../mocks/browser');
      await startMockWorker();
    } catch (error) {
      container.textContent =
        'The mocked demo could not start: it needs a service worker, which browsers allow only over ' +
        `HTTPS or on localhost. (${error instanceof Error ? error.message : String(error)})`;
      return;
    }
    useMockMode.getState().setMocked(true);
  }
  installServicePalette(document);
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
