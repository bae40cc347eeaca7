/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The all-in-one backend the dev server proxies to (`npm run dev`).
const backend = process.env.TRACELENS_BACKEND ?? 'http://127.0.0.1:16686';

export default defineConfig({
  plugins: [react()],
  // Relative asset URLs: the same build works at `/`, under `--base-path`, and behind Jaeger.
  base: './',
  build: {
    outDir: 'dist',
    assetsDir: 'static',
    sourcemap: true,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': backend },
  },
  preview: {
    proxy: { '/api': backend },
  },
  test: {
    // Server tests open real sockets; separate processes keep them apart.
    pool: 'forks',
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/core/**/*.test.ts', 'src/server/**/*.test.ts', 'src/demo/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'app',
          environment: 'happy-dom',
          setupFiles: ['./src/test-setup.ts'],
          include: ['src/app/**/*.test.{ts,tsx}', 'mocks/**/*.test.{ts,tsx}'],
          exclude: ['src/**/*.browser.test.{ts,tsx}'],
        },
      },
    ],
  },
});
