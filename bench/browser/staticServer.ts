/**
 * A static stand-in for a query API that serves one stored Jaeger JSON response per trace ID
 * from disk, next to the built UI (BENCH_FILE_ABOVE in browser.bench.ts): the page's time with
 * the server's share taken out, since reading a file costs next to nothing.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface StaticBackend {
  url: string;
  close(): Promise<void>;
}

export async function serveStatic(
  uiDir: string,
  traceFiles: ReadonlyMap<string, string>,
): Promise<StaticBackend> {
  const index = readFileSync(join(uiDir, 'index.html'));
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const trace = /^\/api\/traces\/([0-9a-fA-F]+)$/.exec(path);
    if (trace) {
      const file = traceFiles.get(trace[1].toLowerCase().padStart(32, '0'));
      if (!file) {
        response.writeHead(404, { 'Content-Type': 'application/json' });
        response.end(
          '{"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":404,"msg":"trace not found"}]}',
        );
        return;
      }
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': statSync(file).size });
      createReadStream(file, { highWaterMark: 1 << 20 }).pipe(response);
      return;
    }
    if (path.startsWith('/api/')) {
      response.writeHead(404, { 'Content-Type': 'application/json' });
      response.end(
        '{"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":404,"msg":"not served here"}]}',
      );
      return;
    }
    const file = normalize(join(uiDir, path));
    if (file.startsWith(uiDir) && existsSync(file) && statSync(file).isFile()) {
      response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(response);
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES['.html'] });
    response.end(index);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
