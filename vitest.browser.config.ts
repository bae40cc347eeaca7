import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';

// Components whose behaviour depends on layout (virtual lists, canvas, d3, ELK) are tested in
// a real Chromium: happy-dom does no layout.
export default defineConfig({
  plugins: [react()],
  // Pre-bundled up front: otherwise Vite discovers them mid-run and reloads the browser tests.
  optimizeDeps: { include: ['d3', 'elkjs/lib/elk.bundled.js'] },
  test: {
    include: ['src/**/*.browser.test.{ts,tsx}'],
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--disable-gpu',
            '--disable-dev-shm-usage',
            '--disable-background-networking',
            '--disable-component-update',
            '--no-first-run',
          ],
        },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
