import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendGoError } from './respond';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface Listener {
  server: Server;
  /** e.g. http://127.0.0.1:16686, with the real port when 0 was asked for. */
  url: string;
  close(): Promise<void>;
}

/** An HTTP server on host:port whose handler errors become a logged 500, never a crash. */
export async function listenHttp(
  name: string,
  host: string,
  port: number,
  handler: RequestHandler,
  logError: (message: string) => void,
): Promise<Listener> {
  const server = createServer((req, res) => {
    handler(req, res).catch((err: unknown) => {
      logError(`${name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      if (!res.headersSent) sendGoError(res, 500, 'internal error');
      else res.destroy();
    });
  });
  server.requestTimeout = 60_000;
  server.headersTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `${name}: cannot listen on ${host}:${port}: ${err.code === 'EADDRINUSE' ? 'the port is in use' : err.message}`,
        ),
      ),
    );
    server.listen(port, host, () => resolve());
  });
  const { port: real } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${real}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      }),
  };
}
