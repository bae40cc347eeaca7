// `npm test`: every check the project has, in order, and one closing line
// `N passed, N failed` that counts them all (typecheck and lint count as one test each).
// Installs Debian's Chromium when /usr/bin/chromium is missing (browser downloads are impossible here).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const reports = join(root, 'reports');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const stages = [];

function run(title, command, args, env = {}) {
  console.log(`\n━━ ${title}: ${[command, ...args].map((a) => a.replace(root, '')).join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`━━ ${title}: exit ${result.status ?? result.signal} in ${seconds}s`);
  return result.status === 0;
}

function record(name, passed, failed, note = '') {
  stages.push({ name, passed, failed, note });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return true;
  console.log(`\n━━ ${path} is missing: installing Debian's chromium with apt-get`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => run('apt-get', sudo[0] ?? 'apt-get', sudo.length ? ['apt-get', ...args] : args, env);
  return (
    apt(['update', '-qq']) &&
    apt(['install', '-y', '-qq', '--no-install-recommends', 'chromium']) &&
    existsSync(path)
  );
}

function vitestStage(name, args) {
  const file = join(reports, `${name}.json`);
  rmSync(file, { force: true });
  const ok = run(name, bin('vitest'), [
    'run',
    ...args,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${file}`,
  ]);
  const report = readJson(file);
  if (!report) return record(name, 0, 1, 'no report: the runner itself failed');
  const failed = report.numFailedTests + (ok || report.numFailedTests ? 0 : 1);
  record(name, report.numPassedTests, failed, ok ? '' : 'runner exited non-zero');
}

mkdirSync(reports, { recursive: true });

record('typecheck', ...(run('typecheck', 'npm', ['run', '--silent', 'typecheck']) ? [1, 0] : [0, 1]));
record('lint', ...(run('lint', 'npm', ['run', '--silent', 'lint']) ? [1, 0] : [0, 1]));
vitestStage('unit', []);

const chromium = ensureChromium();
if (!chromium)
  record('chromium', 0, 1, 'Debian chromium could not be installed; browser and e2e tests did not run');
else {
  vitestStage('browser', ['-c', 'vitest.browser.config.ts']);
  const built = run('build', bin('vite'), ['build', '--logLevel', 'warn']);
  if (!built) record('build', 0, 1, 'vite build failed; e2e tests did not run');
  else {
    const file = join(reports, 'playwright.json');
    rmSync(file, { force: true });
    const ok = run('e2e', bin('playwright'), ['test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
    const report = readJson(file);
    if (!report) record('e2e', 0, 1, 'no report: Playwright itself failed');
    else {
      const { expected = 0, unexpected = 0, flaky = 0 } = report.stats ?? {};
      const errors = (report.errors ?? []).length;
      record('e2e', expected + flaky, unexpected + errors + (ok || unexpected || errors ? 0 : 1));
    }
  }
}

console.log('\nSummary');
for (const s of stages)
  console.log(
    `  ${s.name.padEnd(10)} ${String(s.passed).padStart(4)} passed ${String(s.failed).padStart(3)} failed ${s.note}`,
  );
const passed = stages.reduce((n, s) => n + s.passed, 0);
const failed = stages.reduce((n, s) => n + s.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
