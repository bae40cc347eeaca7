// `npm start`: builds the SPA when dist/ is missing or older than its sources, then runs the
// all-in-one with the arguments given after `npm start --`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const inputs = ['index.html', 'vite.config.ts', 'package.json', 'src/app', 'src/core', 'mocks', 'public'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

const builtAt = newest(join(root, 'dist', 'index.html'));
const sourcesAt = Math.max(...inputs.map((p) => newest(join(root, p))));
if (builtAt === 0 || sourcesAt > builtAt) {
  console.log(builtAt === 0 ? 'Building the UI (first run)…' : 'UI sources changed; rebuilding the UI…');
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error('The UI build failed; see the errors above.');
    process.exit(result.status ?? 1);
  }
}

await import('../bin/tracelens.mjs');
