/**
 * Any request body on any receiver is answered with success or a 4xx, never a 500, and the
 * receivers keep serving with what they stored intact.
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAllInOne } from '../allInOne';
import { otlpJsonRequest, startTestServer } from '../testing/testServer';

let app: RunningAllInOne;
beforeAll(async () => {
  app = await startTestServer({ maxRequestBytes: 256 * 1024 });
});
afterAll(() => app.close());

const bodies = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }),
  fc.jsonValue().map((v) => new TextEncoder().encode(JSON.stringify(v) ?? 'null')),
  fc.string().map((s) => new TextEncoder().encode(s)),
  fc.constant(new TextEncoder().encode(JSON.stringify(otlpJsonRequest()))),
);
const contentTypes = fc.constantFrom(
  'application/json',
  'application/x-protobuf',
  'application/json; charset=utf-8',
  'text/plain',
  '',
);
const encodings = fc.constantFrom('', 'gzip', 'br', 'deflate', 'bogus');

describe('receivers under arbitrary requests', () => {
  it('answer success or a 4xx to anything', async () => {
    const good = await fetch(`${app.urls.otlpHttp}/v1/traces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(otlpJsonRequest('000000000000000000000000000f00d1')),
    });
    expect(good.status).toBe(200);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('otlp', 'zipkin'),
        bodies,
        contentTypes,
        encodings,
        fc.boolean(),
        async (receiver, body, type, encoding, compress) => {
          const payload = compress && encoding === 'gzip' ? gzipSync(body) : body;
          const url =
            receiver === 'otlp' ? `${app.urls.otlpHttp}/v1/traces` : `${app.urls.zipkin}/api/v2/spans`;
          const headers: Record<string, string> = {};
          if (type) headers['Content-Type'] = type;
          if (encoding) headers['Content-Encoding'] = encoding;
          const res = await fetch(url, { method: 'POST', body: payload, headers });
          await res.arrayBuffer();
          expect(res.status === 200 || res.status === 202 || (res.status >= 400 && res.status < 500)).toBe(
            true,
          );
        },
      ),
      { numRuns: 250 },
    );
    const stored = await fetch(`${app.urls.query}/api/traces/f00d1`);
    expect(stored.status).toBe(200);
  }, 90_000);
});
