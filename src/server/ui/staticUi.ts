/**
 * Serves the built SPA the way Jaeger's query service serves its UI: assets under static/,
 * every other path answered with index.html, into which the UI config and the backend's
 * capabilities are injected.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { sendText } from '../http/respond';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface Capabilities {
  archiveStorage: boolean;
  metricsStorage: boolean;
  aiAssistant: boolean;
}

export interface StaticUiOptions {
  dir: string;
  /** '' or a prefix such as /jaeger; written into <base href> so deep links resolve under it. */
  basePath: string;
  uiConfig: unknown;
  capabilities: Capabilities;
  version: { gitCommit: string; gitVersion: string; buildDate: string };
  /** Extra headers of index.html, from the page as served (e.g. a CSP with its inline scripts' hashes). */
  pageHeaders?: (html: string) => Record<string, string>;
}

/**
 * Hashed assets (static/) never change under one name, so they are kept in memory once read and
 * sent in one write. Streamed from disk, a script took one event-loop turn per 64 KB read, and
 * waited at each for whatever else the server did (say, encoding the trace the page is about to
 * open): the page's start-up took 0.3–0.5 s longer.
 */
const CACHED_ASSET_MAX_BYTES = 4 << 20;
const ASSET_CACHE_MAX_BYTES = 64 << 20;

export function createStaticUi(options: StaticUiOptions) {
  const root = normalize(options.dir);
  const assets = new Map<string, Buffer>();
  let assetBytes = 0;
  /** The asset's bytes from memory, reading it first; null when too big to keep. */
  const cachedAsset = (file: string, size: number): Buffer | null => {
    const known = assets.get(file);
    if (known) return known;
    if (size > CACHED_ASSET_MAX_BYTES || assetBytes + size > ASSET_CACHE_MAX_BYTES) return null;
    const bytes = readFileSync(file);
    assets.set(file, bytes);
    assetBytes += bytes.length;
    return bytes;
  };
  const indexFile = join(root, 'index.html');
  let cached: { mtimeMs: number; html: string; headers: Record<string, string> } | undefined;

  function indexHtml(): { html: string; headers: Record<string, string> } | undefined {
    if (!existsSync(indexFile)) return undefined;
    const mtimeMs = statSync(indexFile).mtimeMs;
    if (!cached || cached.mtimeMs !== mtimeMs) {
      const html = inject(readFileSync(indexFile, 'utf8'), options);
      cached = { mtimeMs, html, headers: options.pageHeaders?.(html) ?? {} };
    }
    return cached;
  }

  /** `path` is the request path with the base path removed. */
  return function serve(path: string, res: ServerResponse): void {
    const rel = decodeSafe(path).replace(/^\/+/, '');
    if (rel && rel !== 'index.html') {
      const file = normalize(join(root, rel));
      if (
        file.startsWith(root.endsWith(sep) ? root : root + sep) &&
        existsSync(file) &&
        statSync(file).isFile()
      ) {
        const immutable = rel.startsWith('static/');
        const size = statSync(file).size;
        const bytes = immutable ? cachedAsset(file, size) : null;
        res.writeHead(200, {
          'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
          'Content-Length': bytes?.length ?? size,
          'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
          'X-Content-Type-Options': 'nosniff',
        });
        if (bytes) res.end(bytes);
        else createReadStream(file).pipe(res);
        return;
      }
      if (rel.startsWith('static/')) {
        sendText(res, 404, '404 page not found');
        return;
      }
    }
    const page = indexHtml();
    if (page === undefined) {
      sendText(
        res,
        200,
        '<!doctype html><title>Tracelens</title><p>The Tracelens UI has not been built. Run <code>npm run build</code> (or <code>npm start</code>, which builds it), then reload. The query API is available under <code>/api</code>.</p>',
        'text/html; charset=utf-8',
      );
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      ...page.headers,
    });
    res.end(page.html);
  };
}

const TRACE_PAGE = /^\/trace\/([0-9a-fA-F]{1,32})\/?$/;

/** The trace ID of a trace page's path (`/trace/{id}`, as Jaeger UI's), else null. */
export function tracePageId(path: string): string | null {
  return TRACE_PAGE.exec(path)?.[1] ?? null;
}

function decodeSafe(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The substitutions Jaeger's static handler makes (static_handler.go), so Jaeger-built configs work unchanged. */
export function inject(html: string, options: Omit<StaticUiOptions, 'dir'>): string {
  const json = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');
  const { archiveStorage, metricsStorage } = options.capabilities;
  let out = html;
  if (options.basePath) out = out.replace(/<base href="\/"/, () => `<base href="${options.basePath}/"`);
  if (options.uiConfig !== null && options.uiConfig !== undefined) {
    out = out.replace(
      /JAEGER_CONFIG *= *DEFAULT_CONFIG;/,
      () => `JAEGER_CONFIG = ${json(options.uiConfig)};`,
    );
  }
  out = out.replace(
    /JAEGER_VERSION *= *DEFAULT_VERSION;/,
    () => `JAEGER_VERSION = ${json(options.version)};`,
  );
  out = out.replace(
    /JAEGER_BACKEND_CAPABILITIES *= *DEFAULT_BACKEND_CAPABILITIES;/,
    () => `JAEGER_BACKEND_CAPABILITIES = ${json(options.capabilities)};`,
  );
  out = out.replace(
    /JAEGER_STORAGE_CAPABILITIES *= *DEFAULT_STORAGE_CAPABILITIES;/,
    () => `JAEGER_STORAGE_CAPABILITIES = ${json({ archiveStorage, metricsStorage })};`,
  );
  return out;
}
