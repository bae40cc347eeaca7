/**
 * The no-backend demo: `npm run demo:mock` serves it, `npm run build:mock` writes a static copy to
 * dist-mock/ that any static file host can serve, at its root or under any path. Mode "mock" makes
 * main.tsx start the MSW worker (public/mockServiceWorker.js) with the recorded demo data.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** Hosts such as GitHub Pages answer unknown paths with 404.html: make that the app too. */
function spaFallbackPage(): Plugin {
  let outDir = '';
  return {
    name: 'tracelens-spa-fallback-page',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      copyFileSync(join(outDir, 'index.html'), join(outDir, '404.html'));
    },
  };
}

/**
 * No server rewrites `<base href="/">` on a static host, and the browser's preload scanner fetches
 * assets against it before index.html's script corrects it: start from the page's own directory
 * instead, right for every page one level under the app (`…/demo/search`).
 */
function relativeBase(): Plugin {
  return {
    name: 'tracelens-relative-base',
    transformIndexHtml: (html) => html.replace('<base href="/" />', '<base href="./" />'),
  };
}

export default defineConfig({
  mode: 'mock',
  plugins: [react(), relativeBase(), spaFallbackPage()],
  // Relative asset URLs: the build works wherever it is copied.
  base: './',
  build: {
    outDir: 'dist-mock',
    emptyOutDir: true,
    assetsDir: 'static',
  },
  server: {
    host: '127.0.0.1',
    port: 5174,
  },
  preview: {
    host: '127.0.0.1',
    port: 4174,
  },
});
