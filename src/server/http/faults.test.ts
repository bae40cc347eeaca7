/**
 * Misbehaving clients against a running all-in-one: bodies cut off mid-way, slow-loris headers
 * and bodies, and a flood of tiny requests. The server must keep serving, answer the slow ones
 * with 408 once request_timeout passes, log no internal error, and lose nothing it stored.
 */
import { mkdtempSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAllInOne, type RunningAllInOne } from '../allInOne';
import { defaultConfig } from '../config';
import { otlpJsonRequest } from '../testing/testServer';

const REQUEST_TIMEOUT_MS = 1500;
let app: RunningAllInOne;
const errors: string[] = [];

beforeAll(async () => {
  app = await startAllInOne(
    {
      ...defaultConfig,
      queryPort: 0,
      otlpHttpPort: 0,
      otlpGrpcPort: 0,
      zipkinPort: 0,
      samplingPort: 0,
      demo: false,
      uiDir: mkdtempSync(join(tmpdir(), 'tracelens-ui-')),
      requestTimeout: REQUEST_TIMEOUT_MS,
    },
    { info: () => {}, error: (m) => errors.push(m) },
  );
});
afterAll(() => app.close());

const hostPort = (url: string) => {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port) };
};

async function ingest(traceId: string): Promise<number> {
  const res = await fetch(`${app.urls.otlpHttp}/v1/traces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(otlpJsonRequest(traceId)),
  });
  await res.arrayBuffer();
  return res.status;
}

async function storedSpans(traceId: string): Promise<number> {
  const res = await fetch(`${app.urls.query}/api/traces/${traceId}`);
  if (res.status !== 200) return 0;
  const body = (await res.json()) as { data: { spans: unknown[] }[] };
  return body.data[0].spans.length;
}

/** Opens a raw connection and resolves with everything the server sent until it closed. */
function rawConnection(url: string): { socket: Socket; closed: Promise<{ text: string; ms: number }> } {
  const started = Date.now();
  const socket = connect(hostPort(url));
  let text = '';
  socket.on('data', (d: Buffer) => (text += d.toString()));
  socket.on('error', () => {});
  const closed = new Promise<{ text: string; ms: number }>((resolve) =>
    socket.on('close', () => resolve({ text, ms: Date.now() - started })),
  );
  return { socket, closed };
}

const postHead = (length: number, extra = '') =>
  `POST /v1/traces HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n${extra}Content-Length: ${length}\r\n\r\n`;

describe('faults', () => {
  it('survives clients that disconnect in the middle of a body, and keeps what it stored', async () => {
    expect(await ingest('00000000000000000000000000fa0001')).toBe(200);
    const body = JSON.stringify(otlpJsonRequest('00000000000000000000000000fa0002'));
    const gz = gzipSync(body);
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const { socket, closed } = rawConnection(app.urls.otlpHttp);
        const zipped = i % 2 === 1;
        const payload = zipped ? gz : Buffer.from(body);
        socket.write(postHead(payload.length, zipped ? 'Content-Encoding: gzip\r\n' : ''));
        socket.write(payload.subarray(0, Math.floor(payload.length / 2)));
        await new Promise((r) => setTimeout(r, 20));
        socket.destroy();
        await closed;
      }),
    );
    expect(await storedSpans('fa0002')).toBe(0);
    expect(await storedSpans('fa0001')).toBe(2);
    expect(await ingest('00000000000000000000000000fa0003')).toBe(200);
    expect(await storedSpans('fa0003')).toBe(2);
    expect(errors).toEqual([]);
  });

  it('answers a slow-loris body with 408 once request_timeout has passed', async () => {
    const { socket, closed } = rawConnection(app.urls.otlpHttp);
    socket.write(postHead(1000));
    const drip = setInterval(() => socket.writable && socket.write('{'), 200);
    const { text, ms } = await closed;
    clearInterval(drip);
    expect(text).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(text).toContain(
      '408 request timeout: the request was not received completely within 1.5 s (request_timeout)',
    );
    expect(ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
    expect(ms).toBeLessThan(REQUEST_TIMEOUT_MS * 3);
  });

  it('answers slow headers on the query port the same way', async () => {
    const { socket, closed } = rawConnection(app.urls.query);
    socket.write('GET /api/services HTTP/1.1\r\nHost: localhost\r\n');
    let n = 0;
    const drip = setInterval(() => socket.writable && socket.write(`X-Slow-${n++}: 1\r\n`), 200);
    const { text, ms } = await closed;
    clearInterval(drip);
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(ms).toBeLessThan(REQUEST_TIMEOUT_MS * 3);
    expect((await fetch(`${app.urls.query}/api/services`)).status).toBe(200);
  });

  it('answers garbage that is not HTTP with 400 and keeps serving', async () => {
    const { socket, closed } = rawConnection(app.urls.otlpHttp);
    socket.write('\x16\x03\x01\x02\x00 not http at all\r\n\r\n');
    expect((await closed).text).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(await ingest('00000000000000000000000000fa0004')).toBe(200);
  });

  it('stays up under a flood of tiny requests, answering each one', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 64 });
    const { host, port } = hostPort(app.urls.otlpHttp);
    const tiny = (i: number) =>
      new Promise<number>((resolve) => {
        const body = i % 3 === 0 ? '{}' : i % 3 === 1 ? 'x' : '';
        const req = request(
          {
            host,
            port,
            path: '/v1/traces',
            method: 'POST',
            agent,
            headers: { 'Content-Type': 'application/json' },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', () => resolve(-1));
        req.end(body);
      });
    const statuses = await Promise.all(Array.from({ length: 1500 }, (_, i) => tiny(i)));
    agent.destroy();
    const counts = new Map<number, number>();
    for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ 200: 500, 400: 1000 });
    expect(await storedSpans('fa0001')).toBe(2);
    expect(await storedSpans('fa0003')).toBe(2);
    expect(await ingest('00000000000000000000000000fa0005')).toBe(200);
    expect((await fetch(`${app.urls.query}/health`)).status).toBe(200);
    expect(errors).toEqual([]);
  }, 60_000);
});
