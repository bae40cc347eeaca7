import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { sendGoError } from './respond';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface Listener {
  server: Server;
  /** e.g. http://127.0.0.1:16686, with the real port when 0 was asked for. */
  url: string;
  close(): Promise<void>;
}

export interface ListenOptions {
  /** Time a client has to send a whole request, headers and body, ms; 0 = no limit. */
  requestTimeoutMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
const HEADERS_TIMEOUT_MS = 30_000;

/** The raw HTTP answer to a request Node refused before any handler saw it. */
function rawResponse(status: number, reason: string, text: string): string {
  const body = `${text}\n`;
  return [
    `HTTP/1.1 ${status} ${reason}`,
    'Content-Type: text/plain; charset=utf-8',
    'X-Content-Type-Options: nosniff',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

function clientErrorResponse(code: string | undefined, requestTimeoutMs: number): string {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return rawResponse(
        408,
        'Request Timeout',
        `408 request timeout: the request was not received completely within ${requestTimeoutMs / 1000} s (request_timeout)`,
      );
    case 'HPE_HEADER_OVERFLOW':
      return rawResponse(431, 'Request Header Fields Too Large', '431 request header fields too large');
    default:
      return rawResponse(400, 'Bad Request', '400 bad request: the request is not valid HTTP/1.1');
  }
}

/** A response of this socket's current request has started: nothing else may be written. */
function responseStarted(socket: Socket): boolean {
  const message = (socket as Socket & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  return message?.headersSent === true;
}

/** An HTTP server on host:port whose handler errors become a logged 500, never a crash. */
export async function listenHttp(
  name: string,
  host: string,
  port: number,
  handler: RequestHandler,
  logError: (message: string) => void,
  options: ListenOptions = {},
): Promise<Listener> {
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const server = createServer(
    {
      requestTimeout: requestTimeoutMs,
      headersTimeout:
        requestTimeoutMs === 0 ? HEADERS_TIMEOUT_MS : Math.min(HEADERS_TIMEOUT_MS, requestTimeoutMs),
      // How often Node looks for requests past their timeout; its default (30 s) would let a
      // short timeout run up to 30 s late.
      connectionsCheckingInterval: Math.max(
        100,
        Math.min(30_000, Math.floor((requestTimeoutMs || 120_000) / 4)),
      ),
    },
    (req, res) => {
      handler(req, res).catch((err: unknown) => {
        logError(`${name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        if (!res.headersSent) sendGoError(res, 500, 'internal error');
        else res.destroy();
      });
    },
  );
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code !== 'ECONNRESET' && socket.writable && !responseStarted(socket)) {
      socket.end(clientErrorResponse(err.code, requestTimeoutMs), () => socket.destroy());
    } else socket.destroy();
  });
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
