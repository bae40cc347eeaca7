/** Tokens, CORS and the UI's security headers on a running all-in-one. */
import * as grpc from '@grpc/grpc-js';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAllInOne } from '../allInOne';
import { TRACE_EXPORT_PATH } from '../ingest/otlpGrpc';
import { ExportTraceServiceRequest, otlpRoot } from '../ingest/otlpProto';
import { otlpJsonRequest, startTestServer } from '../testing/testServer';

const QUERY_TOKEN = 'query-token-0123456789';
const INGEST_TOKEN = 'ingest-token-9876543210';
const APP_ORIGIN = 'https://app.example.com';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

function uiDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tracelens-ui-'));
  mkdirSync(join(dir, 'static'));
  writeFileSync(
    join(dir, 'index.html'),
    [
      '<!doctype html><html><head><base href="/" />',
      '<script>var DEFAULT_CONFIG = null; var JAEGER_CONFIG = DEFAULT_CONFIG;</script>',
      '<script>document.documentElement.dataset.theme = "light";</script>',
      '<script type="module" src="./static/index.js"></script></head><body></body></html>',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'static', 'index.js'), 'console.log(1);');
  return dir;
}

let app: RunningAllInOne;
let open: RunningAllInOne;
beforeAll(async () => {
  const uiConfig = join(mkdtempSync(join(tmpdir(), 'tracelens-cfg-')), 'ui.json');
  writeFileSync(uiConfig, JSON.stringify({ menu: [] }));
  [app, open] = await Promise.all([
    startTestServer({
      queryToken: QUERY_TOKEN,
      ingestToken: INGEST_TOKEN,
      queryCorsAllowedOrigins: [APP_ORIGIN],
      ingestCorsAllowedOrigins: ['*'],
      frameAncestors: "'self' https://grafana.example.com",
      uiDir: uiDir(),
      uiConfig,
    }),
    startTestServer(),
  ]);
});
afterAll(async () => {
  await Promise.all([app.close(), open.close()]);
});

const q = (path: string, init: RequestInit = {}) => fetch(`${app.urls.query}${path}`, init);

describe('the query API with query_token', () => {
  it('answers 401 in the v1 envelope, with a challenge, without the token', async () => {
    const res = await q('/api/services');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="tracelens-query"');
    expect(await res.json()).toEqual({
      data: null,
      total: 0,
      limit: 0,
      offset: 0,
      errors: [
        {
          code: 401,
          msg: 'the query API requires a bearer token: send the header "Authorization: Bearer <token>" with the server\'s query_token (--query-token, TRACELENS_QUERY_TOKEN)',
        },
      ],
    });
  });

  it('says invalid_token for a wrong token, and uses v3 error bodies under /api/v3', async () => {
    const res = await q('/api/v3/services', { headers: bearer('nope') });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="tracelens-query", error="invalid_token"');
    expect(await res.json()).toEqual({
      error: {
        httpCode: 401,
        message:
          "the bearer token is not valid for the query API (it must equal the server's query_token (--query-token, TRACELENS_QUERY_TOKEN))",
      },
    });
  });

  it('serves with the token; /metrics needs it too, /health and the UI do not', async () => {
    expect((await q('/api/services', { headers: bearer(QUERY_TOKEN) })).status).toBe(200);
    expect((await q('/api/v3/services', { headers: bearer(QUERY_TOKEN) })).status).toBe(200);
    expect((await q('/metrics')).status).toBe(401);
    expect((await q('/metrics', { headers: bearer(QUERY_TOKEN) })).status).toBe(200);
    expect((await q('/health')).status).toBe(200);
    expect((await q('/search')).status).toBe(200);
  });

  it('leaves everything open without a token configured', async () => {
    expect((await fetch(`${open.urls.query}/api/services`)).status).toBe(200);
  });
});

describe('CORS', () => {
  const preflight = (url: string, origin: string, headers = 'authorization') =>
    fetch(url, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': headers,
      },
    });

  it('answers preflights from listed origins, before any token check', async () => {
    const res = await preflight(`${app.urls.query}/api/traces`, APP_ORIGIN);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(res.headers.get('access-control-allow-headers')).toContain('Authorization');
    expect(res.headers.get('access-control-allow-methods')).toContain('GET');
    expect(res.headers.get('vary')).toBe('Origin');
  });

  it('refuses other origins, naming the setting', async () => {
    const res = await preflight(`${app.urls.query}/api/traces`, 'https://evil.example');
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(await res.text()).toBe(
      'CORS: origin https://evil.example is not allowed; add it to query_cors_allowed_origins\n',
    );
    const get = await q('/api/services', {
      headers: { Origin: 'https://evil.example', ...bearer(QUERY_TOKEN) },
    });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets a listed origin read responses, the 401 included', async () => {
    const ok = await q('/api/services', { headers: { Origin: APP_ORIGIN, ...bearer(QUERY_TOKEN) } });
    expect(ok.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    const denied = await q('/api/services', { headers: { Origin: APP_ORIGIN } });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(denied.headers.get('access-control-expose-headers')).toBe('WWW-Authenticate');
  });

  it('is closed by default: no preflight answer, no allow header', async () => {
    const res = await preflight(`${open.urls.query}/api/traces`, APP_ORIGIN);
    expect(res.status).toBe(404);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const otlp = await preflight(`${open.urls.otlpHttp}/v1/traces`, APP_ORIGIN, 'content-type');
    expect(otlp.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('opens OTLP/HTTP to the ingest allowlist', async () => {
    const res = await preflight(`${app.urls.otlpHttp}/v1/traces`, 'https://shop.example', 'content-type');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toBe('POST');
  });
});

describe('the receivers with ingest_token', () => {
  const otlp = (body: string | Uint8Array, type: string, headers: Record<string, string> = {}) =>
    fetch(`${app.urls.otlpHttp}/v1/traces`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': type, ...headers },
    });

  it('OTLP/HTTP: 401 with UNAUTHENTICATED in the request encoding', async () => {
    const json = JSON.stringify(otlpJsonRequest('000000000000000000000000000a0701'));
    const res = await otlp(json, 'application/json');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="tracelens-ingest"');
    expect(await res.json()).toEqual({
      code: 16,
      message:
        'the ingest requires a bearer token: send the header "Authorization: Bearer <token>" with the server\'s ingest_token (--ingest-token, TRACELENS_INGEST_TOKEN)',
    });
    const proto = await otlp(new Uint8Array([]), 'application/x-protobuf', bearer('wrong'));
    expect(proto.status).toBe(401);
    const status = otlpRoot.lookupType('google.rpc.Status').decode(new Uint8Array(await proto.arrayBuffer()));
    expect(status.toJSON()).toMatchObject({ code: 16 });
    expect((await otlp(json, 'application/json', bearer(INGEST_TOKEN))).status).toBe(200);
    const stored = await q('/api/traces/a0701', { headers: bearer(QUERY_TOKEN) });
    expect(stored.status).toBe(200);
  });

  it('OTLP/gRPC: UNAUTHENTICATED without the authorization metadata', async () => {
    const bytes = Buffer.from(
      ExportTraceServiceRequest.encode(ExportTraceServiceRequest.fromObject({ resourceSpans: [] })).finish(),
    );
    const call = (metadata: grpc.Metadata) => {
      const client = new grpc.Client(
        app.urls.otlpGrpc.replace('http://', ''),
        grpc.credentials.createInsecure(),
      );
      return new Promise<number>((resolve) => {
        client.makeUnaryRequest(
          TRACE_EXPORT_PATH,
          (b: Buffer) => b,
          (b: Buffer) => b,
          bytes,
          metadata,
          (err) => {
            client.close();
            resolve(err ? err.code : grpc.status.OK);
          },
        );
      });
    };
    expect(await call(new grpc.Metadata())).toBe(grpc.status.UNAUTHENTICATED);
    const wrong = new grpc.Metadata();
    wrong.set('authorization', 'Bearer wrong');
    expect(await call(wrong)).toBe(grpc.status.UNAUTHENTICATED);
    const right = new grpc.Metadata();
    right.set('authorization', `Bearer ${INGEST_TOKEN}`);
    expect(await call(right)).toBe(grpc.status.OK);
  });

  it('Zipkin: 401 in plain text', async () => {
    const body = JSON.stringify([
      { traceId: '00000000000a0702', id: 'b000000000000001', name: 'z', timestamp: 1_700_000_000_000_000 },
    ]);
    const post = (headers: Record<string, string>) =>
      fetch(`${app.urls.zipkin}/api/v2/spans`, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json', ...headers },
      });
    const res = await post({});
    expect(res.status).toBe(401);
    expect(await res.text()).toMatch(/^the ingest requires a bearer token/);
    expect((await post(bearer(INGEST_TOKEN))).status).toBe(202);
  });

  it('leaves the sampling endpoint open, as Jaeger does', async () => {
    expect((await fetch(`${app.urls.sampling}/sampling?service=any`)).status).toBe(200);
  });
});

/** A GET with a chosen Host header (fetch does not let a script set Host, a browser neither). */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Host: host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('DNS-rebinding protection on loopback', () => {
  it('refuses a request naming another host, in the API envelope and before the token check', async () => {
    const port = new URL(open.urls.query).port;
    const v1 = await getWithHost(`${open.urls.query}/api/services`, `rebind.evil.example:${port}`);
    expect(v1.status).toBe(421);
    const { errors } = JSON.parse(v1.body) as { errors: { code: number; msg: string }[] };
    expect(errors[0].code).toBe(421);
    expect(errors[0].msg).toMatch(/^Refused the host name "rebind.evil.example": .*allowed_hosts/);
    const v3 = await getWithHost(`${open.urls.query}/api/v3/services`, 'rebind.evil.example');
    expect(JSON.parse(v3.body)).toMatchObject({ error: { httpCode: 421 } });
    // The UI too, in plain text, and the token-protected server the same way (not a 401).
    const ui = await getWithHost(`${open.urls.query}/search`, 'rebind.evil.example');
    expect(ui.status).toBe(421);
    expect(ui.body).toMatch(/DNS rebinding/);
    expect((await getWithHost(`${app.urls.query}/api/services`, 'rebind.evil.example')).status).toBe(421);
  });

  it('answers to localhost, loopback and other IP addresses', async () => {
    const port = new URL(open.urls.query).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, '10.1.2.3']) {
      expect((await getWithHost(`${open.urls.query}/api/services`, host)).status).toBe(200);
    }
  });

  it('answers to the names of allowed_hosts', async () => {
    const named = await startTestServer({ allowedHosts: ['tracing.example.com'] });
    try {
      const ok = await getWithHost(`${named.urls.query}/api/services`, 'tracing.example.com');
      expect(ok.status).toBe(200);
      const refused = await getWithHost(`${named.urls.query}/api/services`, 'other.example.com');
      expect(refused.status).toBe(421);
    } finally {
      await named.close();
    }
  });
});

describe('security headers of the UI', () => {
  it('index.html: a CSP listing its inline scripts by hash, after the config was injected', async () => {
    const res = await q('/search');
    const csp = res.headers.get('content-security-policy') ?? '';
    const html = await res.text();
    expect(html).toContain('JAEGER_CONFIG = {"menu":[]};');
    expect(csp.match(/'sha256-[^']+'/g)).toHaveLength(2);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'self' https://grafana.example.com");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('static files and workers: the same policy without hashes', async () => {
    const res = await q('/static/index.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('API answers carry nosniff', async () => {
    const res = await q('/api/services', { headers: bearer(QUERY_TOKEN) });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBeNull();
  });
});
