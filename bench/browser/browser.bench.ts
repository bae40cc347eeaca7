/**
 * The browser benchmark: the production build in headless Chromium (/usr/bin/chromium, or
 * CHROMIUM_PATH) against the real all-in-one.
 *
 *   npm run bench:browser                      (same as: npm run bench -- browser)
 *   BENCH_SPANS=100000 npm run bench:browser   span counts to measure, comma-separated
 *   BENCH_UI_DIR=dist npm run bench:browser    use an existing build instead of building one
 *
 * For each trace size (default 10k, 100k, 1M spans of src/core/testing/syntheticTrace.ts): time
 * from navigation and from the end of the response to the first rows painted, collapse-all and
 * expand-all, a find query, "critical path only", scroll frame times, and the JavaScript heap of
 * the page and of its trace worker; at 100k, the time to open every view of the trace page (the
 * ids are read from the view switcher, so a new view is measured without editing this file).
 * Then the search page with 1,500 results. Every trace is ingested over OTLP and served by the
 * all-in-one, which streams trace responses (a million spans is ~850 MB of Jaeger JSON).
 * BENCH_FILE_ABOVE=<spans> serves larger traces from a file by a static server instead, e.g. to
 * tell the browser's share of the time from the server's.
 *
 * Figures go to stdout and to bench/results/browser-<time>.json; README.md (Performance) keeps
 * the latest ones.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { startAllInOne, type AllInOneProcess } from '../../e2e/support/allInOne';
import { measureSearch, type SearchFigures } from './searchBench';
import { serveStatic } from './staticServer';
import { measureTrace, type TraceFigures } from './traceBench';

const root = fileURLToPath(new URL('../..', import.meta.url));
const results = join(root, 'bench', 'results');
const SIZES = (process.env.BENCH_SPANS ?? '10000,100000,1000000').split(',').map(Number);
/** Above this many spans the trace is served from a file (see the comment at the top). */
const ALL_IN_ONE_LIMIT = Number(process.env.BENCH_FILE_ABOVE ?? Infinity);
const VIEWS_AT = 100_000;

function run(args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

function uiBuild(): string {
  if (process.env.BENCH_UI_DIR) return resolve(process.env.BENCH_UI_DIR);
  const outDir = join(results, 'ui');
  console.log('Building the UI into bench/results/ui …');
  run([
    join(root, 'node_modules/vite/bin/vite.js'),
    'build',
    '--outDir',
    outDir,
    '--emptyOutDir',
    '--logLevel',
    'warn',
  ]);
  return outDir;
}

/** Runs the generator in a process with room for a million spans; returns the trace ID. */
function generate(spans: number, mode: '--post' | '--jaeger-file', target: string): string {
  const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
  const out = run([
    '--max-old-space-size=12000',
    tsx,
    'bench/browser/generateTrace.ts',
    String(spans),
    mode,
    target,
  ]);
  return out.trim().split('\n').pop() ?? '';
}

const fmt = (ms: number) => (Number.isFinite(ms) ? `${Math.round(ms)} ms` : 'n/a');

function printTraces(figures: TraceFigures[]) {
  console.log('\nTrace page (production build, headless Chromium; times in ms, best of 3 where repeated)');
  console.table(
    figures.map((f) => ({
      spans: f.spans.toLocaleString('en-US'),
      source: f.source,
      'response MB': f.responseMB,
      'nav → first rows': fmt(f.firstRowsMs),
      'nav → waterfall': fmt(f.fullRowsMs),
      'response → waterfall': fmt(f.fullRowsAfterResponseMs),
      'columns MB / end': Number.isFinite(f.columnsMB) ? `${f.columnsMB} / ${fmt(f.columnsEndMs)}` : '—',
      'nav → spans read': fmt(f.spansReadMs),
      'json end': fmt(f.responseEndMs),
      'collapse all': fmt(f.collapseAllMs),
      'expand all': fmt(f.expandAllMs),
      'find error / text / word': `${fmt(f.findMs)} / ${fmt(f.findTextMs)} / ${fmt(f.findWordMs)}`,
      'critical path only': fmt(f.criticalOnlyMs),
      'scroll p50/p95/max': `${f.scrollP50Ms}/${f.scrollP95Ms}/${f.scrollMaxMs} ms`,
      'scroll steps a frame late': `${f.scrollLatePercent} % (frame ${f.scrollFrameMs} ms)`,
      'scroll work p50/p95 (cpu)': `${f.scrollWorkP50Ms}/${f.scrollWorkP95Ms} (${f.scrollCpuP50Ms}/${f.scrollCpuP95Ms}) ms`,
      'heap page + worker (at rows → later)': `${f.heapAtFirstRows.pageMB} + ${f.heapAtFirstRows.workersMB} → ${f.heap.pageMB} + ${f.heap.workersMB} MB`,
    })),
  );
  for (const f of figures.filter((x) => Object.keys(x.viewsMs).length > 0)) {
    console.log(
      `Views at ${f.spans.toLocaleString('en-US')} spans, tab to drawn (target ≤ 1000 ms), ` +
        'once the page has settled and when clicked the moment the waterfall appears:',
    );
    console.table(
      Object.entries(f.viewsMs).map(([view, ms]) => ({
        view,
        settled: fmt(ms),
        'clicked at first rows':
          f.viewsClickedEarlyMs[view] === undefined ? '—' : fmt(f.viewsClickedEarlyMs[view]),
      })),
    );
  }
}

function printSearch(s: SearchFigures) {
  console.log(
    `\nSearch page, ${s.results} results (${s.responseKiB} KiB response; target ≤ 1000 ms to interactive)`,
  );
  console.table([
    {
      'list painted': fmt(s.listPaintedMs),
      'plot painted': fmt(s.plotPaintedMs),
      're-sort': fmt(s.sortMs),
      'scroll median/worst': `${s.scrollMedianMs}/${s.scrollWorstMs} ms`,
      'hover → tooltip': fmt(s.hoverMs),
    },
  ]);
}

async function main() {
  mkdirSync(join(results, 'traces'), { recursive: true });
  const uiDir = uiBuild();
  if (!existsSync(join(uiDir, 'index.html'))) throw new Error(`no built UI in ${uiDir}`);
  process.env.TRACELENS_UI_DIR = uiDir;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'],
  });
  let allInOne: AllInOneProcess | null = null;
  const traces: TraceFigures[] = [];
  try {
    // A million stored spans take ~2.5 GB of the all-in-one's heap, and answering them needs room
    // to spare: more than Node's default limit leaves on a small machine.
    process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=8192`.trim();
    allInOne = await startAllInOne();
    for (const spans of SIZES) {
      console.log(`Generating and measuring a ${spans.toLocaleString('en-US')}-span trace …`);
      const viaBackend = spans <= ALL_IN_ONE_LIMIT;
      if (viaBackend) {
        const traceId = generate(spans, '--post', allInOne.otlpHttpUrl);
        traces.push(
          await measureTrace(browser, {
            baseUrl: allInOne.queryUrl,
            traceId,
            spans,
            source: 'all-in-one',
            views: spans === VIEWS_AT,
          }),
        );
      } else {
        const file = join(results, 'traces', `jaeger-${spans}.json`);
        const traceId = generate(spans, '--jaeger-file', file);
        const server = await serveStatic(uiDir, new Map([[traceId, file]]));
        try {
          traces.push(
            await measureTrace(browser, {
              baseUrl: server.url,
              traceId,
              spans,
              source: 'file',
              views: spans === VIEWS_AT,
            }),
          );
        } finally {
          await server.close();
        }
      }
    }
    printTraces(traces);
    const search = await measureSearch(browser, allInOne.queryUrl, allInOne.otlpHttpUrl);
    printSearch(search);
    const out = join(results, `browser-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(out, JSON.stringify({ traces, search }, null, 2));
    console.log(`\nFigures written to ${out}`);
  } finally {
    await allInOne?.stop();
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
