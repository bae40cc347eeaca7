import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from '../../bin/nodeFlags.mjs';

export interface AllInOneProcess {
  /** UI and query API base, e.g. http://127.0.0.1:40123 (no trailing slash). */
  queryUrl: string;
  otlpHttpUrl: string;
  output: () => string;
  stop(): Promise<void>;
}

const cli = fileURLToPath(new URL('../../bin/tracelens.mjs', import.meta.url));

/** Starts the real `tracelens` CLI on free ports and waits for the addresses it prints. */
export async function startAllInOne(extraArgs: string[] = []): Promise<AllInOneProcess> {
  const args = [
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
    '--no-demo',
    ...extraArgs,
  ];
  // With the V8 flags `npm start` gives it.
  const child: ChildProcess = spawn(process.execPath, [...SERVER_NODE_FLAGS, cli, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const urls = await new Promise<{ query: string; otlp: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tracelens did not start within 30 s:\n${log}`)), 30_000);
    const check = () => {
      const query = /UI and query API\s+(\S+?)\/?\s/.exec(log)?.[1];
      const otlp = /OTLP\/HTTP\s+(\S+)\/v1\/traces/.exec(log)?.[1];
      if (query && otlp) {
        clearTimeout(timer);
        resolve({ query, otlp });
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`tracelens exited with ${code} before it was ready:\n${log}`));
    });
  });
  return {
    queryUrl: urls.query,
    otlpHttpUrl: urls.otlp,
    output: () => log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
