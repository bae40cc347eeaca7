// `npm run bench [-- name-filter]`: runs every bench/**/*.bench.ts (or those whose path
// contains the filter) one after another, each in its own Node process, and prints their output.
// Figures and budgets are documented in README.md (Performance).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const benchDir = join(root, 'bench');
const filter = process.argv[2] ?? '';

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'results' ? [] : find(path);
    return name.endsWith('.bench.ts') ? [path] : [];
  });
}

const benches = find(benchDir)
  .filter((p) => relative(root, p).includes(filter))
  .sort();
if (benches.length === 0) {
  console.log(filter ? `No benchmark matches "${filter}".` : 'No benchmarks found under bench/.');
  process.exit(filter ? 1 : 0);
}
let failed = 0;
for (const file of benches) {
  console.log(`\n━━ ${relative(root, file)}`);
  const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const result = spawnSync(process.execPath, ['--expose-gc', tsx, file], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
console.log(`\n${benches.length - failed} benchmarks completed, ${failed} failed`);
process.exit(failed ? 1 : 0);
