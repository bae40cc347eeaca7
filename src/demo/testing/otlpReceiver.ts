/**
 * A minimal OTLP/HTTP trace receiver for the demo's tests: decodes what the SDK's exporters
 * send with the server's own decoders, so the tests see exactly what the all-in-one would.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Span } from '../../core/model/trace';
import { spansFromOtlpJson } from '../../core/otlp/fromOtlpJson';
import {
  encodeExportResponse,
  ExportTraceServiceRequest,
  spansFromOtlpMessage,
} from '../../server/ingest/otlpProto';

export interface OtlpReceiver {
  /** Base URL, as startDemoTraffic's `target` takes it. */
  url: string;
  spans: Span[];
  /** The Content-Type of every export request received. */
  contentTypes: string[];
  close(): Promise<void>;
}

type DecodedRequest = Parameters<typeof spansFromOtlpMessage>[0];

/** `failWith` answers every request with that HTTP status instead of accepting it. */
export async function startOtlpReceiver(failWith?: number): Promise<OtlpReceiver> {
  const spans: Span[] = [];
  const contentTypes: string[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      const type = req.headers['content-type'] ?? '';
      contentTypes.push(type);
      if (failWith) {
        res.writeHead(failWith, { 'Content-Type': 'text/plain' }).end('rejected by the test');
        return;
      }
      if (type.startsWith('application/json')) {
        spans.push(...spansFromOtlpJson(JSON.parse(body.toString('utf8'))));
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
        return;
      }
      const message = ExportTraceServiceRequest.decode(body) as unknown as DecodedRequest;
      spans.push(...spansFromOtlpMessage(message));
      res.writeHead(200, { 'Content-Type': 'application/x-protobuf' }).end(encodeExportResponse(0, ''));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    contentTypes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
