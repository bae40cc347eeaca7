/**
 * The app's entry, kept small: it starts a trace page's download (earlyStart.ts) and then loads
 * the app (boot.tsx) as a chunk of its own, so that the download does not wait for the browser
 * to parse and run the app's modules (~0.2 s at start-up on a 2-core machine).
 */
import { wantsMockBackend } from './earlyStart';

void import('./boot').then(({ start }) => start(wantsMockBackend()));
