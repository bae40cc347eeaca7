/**
 * ELK layout of generated service topologies (src/app/components/graph/randomGraph.ts: five
 * tiers, mostly calls to the next tier, some skipping a tier, within a tier or back up), with the
 * app's layout options (components/graph/layoutProtocol.ts).
 *
 * 1. In Node, calling the same layout function the worker runs: median wall and CPU time.
 * 2. In Chromium (Debian's, through Playwright), the app's own worker and client served by Vite:
 *    the first layout of a worker started 2 s before (as the topology page starts it while its
 *    data loads), the first layout of a fresh worker (its start and ELK's 1.5 MB parse included),
 *    the next ones, and every main-thread task longer than 50 ms while they run (Long Tasks API).
 *
 * Run: npm run bench -- topology   (or npx tsx bench/topology/topologyLayout.bench.ts [services calls])
 * Budget (issue 6): 300 services / 1,000 calls laid out in the worker in ≤ 3 s, no main-thread
 * task over 50 ms during layout.
 */
import { chromium } from '@playwright/test';
import ELK from 'elkjs/lib/elk.bundled.js';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { runElkLayout } from '../../src/app/components/graph/elkLayout';
import { layoutInputOf } from '../../src/app/components/graph/graphModel';
import { serviceTopologyGraph } from '../../src/app/components/graph/randomGraph';

const root = fileURLToPath(new URL('../..', import.meta.url));
const [services, calls] = process.argv.length > 3 ? process.argv.slice(2, 4).map(Number) : [300, 1000];
const RUNS = 5;
const BUDGET_MS = 3000;
const LONG_TASK_MS = 50;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
const ms = (v: number) => `${Math.round(v).toLocaleString('en-US')} ms`;

async function inNode(n: number, m: number): Promise<void> {
  const elk = new ELK();
  const input = layoutInputOf(serviceTopologyGraph(n, m), 'RIGHT');
  await runElkLayout(elk, input); // warm-up: JIT
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const since = process.cpuUsage();
    const started = performance.now();
    await runElkLayout(elk, input);
    wall.push(performance.now() - started);
    const used = process.cpuUsage(since);
    cpu.push((used.user + used.system) / 1000);
  }
  console.log(
    `node     ${String(n).padStart(4)} services ${String(m).padStart(5)} calls: median ${ms(median(wall))} wall, ${ms(median(cpu))} CPU`,
  );
}

interface BrowserResult {
  coldMs: number;
  /** The first layout of a worker started 2 s before (as a page starts it while data loads). */
  warmedMs: number;
  warmMs: number[];
  nodes: number;
  longTasks: number[];
  error?: string;
}

async function inBrowser(n: number, m: number): Promise<boolean> {
  const server = await createServer({
    root,
    configFile: false,
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0 },
    optimizeDeps: { include: ['elkjs/lib/elk.bundled.js'] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(
      `http://127.0.0.1:${port}/bench/topology/layout.html?services=${n}&calls=${m}&runs=${RUNS}`,
    );
    await page.waitForFunction(() => 'benchResult' in globalThis, null, { timeout: 1_200_000 });
    const result = (await page.evaluate(
      () => (globalThis as Record<string, unknown>).benchResult,
    )) as BrowserResult;
    if (result.error) throw new Error(result.error);
    const warm = median(result.warmMs);
    const longest = Math.max(0, ...result.longTasks);
    console.log(
      `chromium ${String(n).padStart(4)} services ${String(m).padStart(5)} calls: first ${ms(result.coldMs)} ` +
        `(worker start included), ${ms(result.warmedMs)} when the worker started 2 s earlier, then median ` +
        `${ms(warm)}; main-thread tasks > ${LONG_TASK_MS} ms: ` +
        `${result.longTasks.length}${result.longTasks.length ? ` (longest ${ms(longest)})` : ''}`,
    );
    const ok = warm <= BUDGET_MS && result.longTasks.length === 0 && result.nodes === n;
    console.log(
      `budget: ≤ ${ms(BUDGET_MS)} per layout in the worker, no main-thread task > ${LONG_TASK_MS} ms → ${ok ? 'met' : 'MISSED'}`,
    );
    return ok;
  } finally {
    await browser.close();
    await server.close();
  }
}

// One graph per preset (components/graph/layoutProtocol.ts: small, medium, large).
for (const [n, m] of [
  [30, 60],
  [100, 300],
  [services, calls],
])
  await inNode(n, m);
await inBrowser(services, calls);
