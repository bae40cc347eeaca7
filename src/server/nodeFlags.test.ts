import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../bin/nodeFlags.mjs';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('the all-in-one’s V8 flags', () => {
  it('are given by npm start and by the tracelens command alike', () => {
    const start = (JSON.parse(read('package.json')) as { scripts: { start: string } }).scripts.start;
    const shebang = read('bin/tracelens.mjs').split('\n')[0];
    for (const flag of SERVER_NODE_FLAGS) {
      expect(start).toContain(` ${flag} `);
      expect(shebang).toMatch(new RegExp(`^#!/usr/bin/env -S node( \\S+)* ${flag}( |$)`));
    }
  });

  it('are flags this Node accepts on its command line', async () => {
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, '-e', 'process.exit(0)']);
    expect(run.stderr.toString()).toBe('');
    expect(run.status).toBe(0);
  });
});
