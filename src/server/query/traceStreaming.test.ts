/**
 * Streaming over real sockets: streamChunks (src/server/http/respond.ts) with backpressure,
 * client disconnects, HEAD and late errors, then the trace routes of the all-in-one.
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spansToOtlpJson } from '../../core/otlp/toOtlpJson';
import { syntheticTrace } from '../../core/testing/syntheticTrace';
import type { RunningAllInOne } from '../allInOne';
import { streamChunks } from '../http/respond';
import { startTestServer } from '../testing/testServer';

const CHUNK = 'x'.repeat(64 * 1024);

interface Producer {
  chunks: Iterable<string>;
  pulled: () => number;
  /** Resolves when the producer was stopped or ran out (its `finally` ran). */
  stopped: Promise<void>;
}

/** `busyMs`: CPU each chunk takes to make, as a real converter does (so a timer falls due meanwhile). */
function producer(count = Infinity, failAt = -1, busyMs = 0): Producer {
  let pulled = 0;
  let onStop = () => {};
  const stopped = new Promise<void>((resolve) => (onStop = resolve));
  function* chunks() {
    try {
      for (; pulled < count;) {
        if (pulled === failAt) throw new Error('converter failed');
        pulled++;
        const until = performance.now() + busyMs;
        while (performance.now() < until);
        yield CHUNK;
      }
    } finally {
      onStop();
    }
  }
  return { chunks: chunks(), pulled: () => pulled, stopped };
}

let server: Server | undefined;
let outcome: Promise<boolean | Error>;

async function serve(p: Producer): Promise<string> {
  let settle: (v: boolean | Error) => void = () => {};
  outcome = new Promise((resolve) => (settle = resolve));
  server = createServer((_req, res) => {
    streamChunks(res, 200, p.chunks).then(settle, (err: Error) => settle(err));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

function get(url: string, method = 'GET'): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false }, resolve);
    req.on('error', reject);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(async () => {
  const s = server;
  if (!s) return;
  s.closeAllConnections();
  await new Promise((resolve) => s.close(resolve));
  server = undefined;
});

describe('streamChunks', () => {
  it('writes every chunk with chunked transfer encoding and ends the response', async () => {
    const p = producer(20);
    const res = await get(await serve(p));
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-type']).toBe('application/json');
    let bytes = 0;
    for await (const chunk of res) bytes += (chunk as Buffer).length;
    expect(bytes).toBe(20 * CHUNK.length);
    expect(await outcome).toBe(true);
    await p.stopped;
  });

  it('makes no more chunks while the client does not read, and resumes when it does', async () => {
    const p = producer(400);
    const res = await get(await serve(p));
    res.pause();
    await sleep(300);
    const whilePaused = p.pulled();
    await sleep(300);
    // The socket buffers hold a few MB at most: the producer waits for 'drain' instead of
    // converting the whole trace into memory.
    expect(p.pulled()).toBe(whilePaused);
    expect(whilePaused).toBeLessThan(200);
    let bytes = 0;
    res.on('data', (chunk: Buffer) => (bytes += chunk.length));
    res.resume();
    await new Promise((resolve) => res.on('end', resolve));
    expect(bytes).toBe(400 * CHUNK.length);
  });

  it('lets timers and other sockets run between two chunks, even when the socket takes every write', async () => {
    // Each chunk takes 2 ms, so the timer is due after the first: a loop that never yielded would
    // make all 60 before it ran, one that yields runs it after the next chunk or two.
    const p = producer(60, -1, 2);
    const url = await serve(p);
    let pulledWhenTimerRan = -1;
    const res = await get(url);
    setTimeout(() => (pulledWhenTimerRan = p.pulled()), 0);
    res.resume();
    await new Promise((resolve) => res.on('end', resolve));
    expect(pulledWhenTimerRan).toBeGreaterThanOrEqual(0);
    expect(pulledWhenTimerRan).toBeLessThan(5);
  });

  it('stops the producer when the client goes away mid-stream', async () => {
    const p = producer();
    const res = await get(await serve(p));
    await new Promise((resolve) => res.once('data', resolve));
    res.destroy();
    await p.stopped;
    expect(await outcome).toBe(false);
    const atStop = p.pulled();
    await sleep(100);
    expect(p.pulled()).toBe(atStop);
  });

  it('answers HEAD with the headers alone, making no chunk', async () => {
    const p = producer(5);
    const res = await get(await serve(p), 'HEAD');
    expect(res.statusCode).toBe(200);
    res.resume();
    await new Promise((resolve) => res.on('end', resolve));
    expect(await outcome).toBe(true);
    expect(p.pulled()).toBe(0);
  });

  it('cuts the connection when the producer fails after the headers went out, and rethrows', async () => {
    const p = producer(10, 3);
    const res = await get(await serve(p));
    const ended = await new Promise<string>((resolve) => {
      res.on('error', () => resolve('aborted'));
      res.on('aborted', () => resolve('aborted'));
      res.on('end', () => resolve('end'));
      res.resume();
    });
    expect(ended).toBe('aborted');
    const err = await outcome;
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe('converter failed');
  });
});

describe('trace routes, streamed', () => {
  const trace = syntheticTrace(6000, 5);
  let app: RunningAllInOne;

  beforeAll(async () => {
    app = await startTestServer();
    for (let from = 0; from < trace.spans.length; from += 5000) {
      const res = await fetch(`${app.urls.otlpHttp}/v1/traces`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(spansToOtlpJson(trace.spans.slice(from, from + 5000))),
      });
      expect(res.status).toBe(200);
    }
  }, 60_000);
  afterAll(() => app.close());

  it('keeps answering other requests while a client holds a large trace response open', async () => {
    for (const path of [`/api/traces/${trace.traceId}`, `/api/v3/traces/${trace.traceId}`]) {
      const res = await get(`${app.urls.query}${path}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['transfer-encoding']).toBe('chunked');
      res.pause();
      const services = await fetch(`${app.urls.query}/api/services`);
      expect(services.status).toBe(200);
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.resume();
      await new Promise((resolve) => res.on('end', resolve));
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        data?: { spans: unknown[] }[];
        result?: { resourceSpans: { scopeSpans: { spans: unknown[] }[] }[] };
      };
      const spans =
        body.data?.[0].spans.length ??
        body.result?.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)).length;
      expect(spans).toBe(trace.spans.length);
    }
  }, 30_000);
});
