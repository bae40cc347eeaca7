import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../bin/tracelens.mjs', import.meta.url));
const freePorts = [
  '--query-port',
  '0',
  '--otlp-http-port',
  '0',
  '--otlp-grpc-port',
  '0',
  '--zipkin-port',
  '0',
  '--sampling-port',
  '0',
];

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [cli, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitFor(predicate: () => boolean, what: string, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the tracelens command', () => {
  it('prints the real addresses, serves, and shuts down cleanly on SIGTERM', async () => {
    const p = run([...freePorts, '--no-demo']);
    await waitFor(() => /Zipkin\s+http/.test(p.output()), 'the startup log');
    const query = /UI and query API\s+(\S+?)\/?\s/.exec(p.output())![1];
    expect(query).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(p.output()).not.toContain(':16686');
    expect(p.output()).toContain('Listening on 127.0.0.1 only');
    expect((await fetch(`${query}/health`)).status).toBe(200);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.output()).toContain('Received SIGTERM; shutting down.');
  });

  it('warns when it listens on every interface', async () => {
    const p = run([...freePorts, '--no-demo', '--listen-host', '0.0.0.0']);
    await waitFor(() => /Warning: listening on all interfaces/.test(p.output()), 'the warning');
    p.child.kill('SIGINT');
    expect(await p.exited).toBe(0);
  });

  it('stops with exit code 2 and a message naming the setting for bad configuration', async () => {
    const flag = run(['--max-traces', 'lots']);
    expect(await flag.exited).toBe(2);
    expect(flag.output()).toContain(
      'option --max-traces (max_traces): expected a whole number greater than 0, got "lots"',
    );
    const env = run([], { TRACELENS_QUERY_PORT: 'x' });
    expect(await env.exited).toBe(2);
    expect(env.output()).toContain('environment variable TRACELENS_QUERY_PORT (query_port)');
  });

  it('explains a port that is taken', async () => {
    const first = run([...freePorts, '--no-demo']);
    await waitFor(() => /UI and query API/.test(first.output()), 'the first server');
    const port = /UI and query API\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(first.output())![1];
    const second = run([...freePorts, '--no-demo', '--query-port', port]);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`cannot listen on 127.0.0.1:${port}: the port is in use`);
    first.child.kill('SIGTERM');
    await first.exited;
  });

  it('prints its options with --help', async () => {
    const p = run(['--help']);
    expect(await p.exited).toBe(0);
    expect(p.output()).toContain('Usage: tracelens [options]');
    expect(p.output()).toContain('--otlp-grpc-port');
  });
});
