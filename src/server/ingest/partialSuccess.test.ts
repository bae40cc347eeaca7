/** The ingest limits end to end: OTLP partial success over HTTP (JSON, protobuf) and gRPC. */
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAllInOne } from '../allInOne';
import { startTestServer } from '../testing/testServer';
import { traceServiceDefinition } from './otlpGrpc';
import { ExportTraceServiceRequest, ExportTraceServiceResponse } from './otlpProto';

let app: RunningAllInOne;
beforeAll(async () => {
  app = await startTestServer({
    maxSpansPerRequest: 4,
    maxAttributeValueLength: 16,
    maxAttributesPerSpan: 8,
    maxFutureSkew: 3_600_000,
  });
});
afterAll(() => app.close());

const nowNs = () => BigInt(Date.now()) * 1_000_000n;
const HOUR = 3_600_000_000_000n;

/** One span per start time given, in trace `traceId` (hex), ids 1, 2, 3… */
function request(traceId: string, starts: bigint[], attribute = 'short') {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'limits' } }] },
        scopeSpans: [
          {
            spans: starts.map((start, i) => ({
              traceId,
              spanId: (i + 1).toString(16).padStart(16, '0'),
              name: `op-${i + 1}`,
              startTimeUnixNano: start.toString(),
              endTimeUnixNano: (start + 1_000_000n).toString(),
              attributes: [{ key: 'payload', value: { stringValue: attribute } }],
            })),
          },
        ],
      },
    ],
  };
}

const toProtobuf = (json: ReturnType<typeof request>) => {
  const hexToB64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');
  const spans = json.resourceSpans[0].scopeSpans[0].spans.map((s) => ({
    ...s,
    traceId: hexToB64(s.traceId),
    spanId: hexToB64(s.spanId),
  }));
  const message = { resourceSpans: [{ ...json.resourceSpans[0], scopeSpans: [{ spans }] }] };
  return ExportTraceServiceRequest.encode(ExportTraceServiceRequest.fromObject(message)).finish();
};

async function storedOperations(traceId: string): Promise<string[]> {
  const res = await fetch(`${app.urls.query}/api/traces/${traceId}`);
  if (res.status === 404) return [];
  const body = (await res.json()) as { data: { spans: { operationName: string }[] }[] };
  return body.data[0].spans.map((s) => s.operationName).sort();
}

describe('OTLP partial success', () => {
  it('JSON: refuses absurd timestamps, stores the rest, and says why', async () => {
    const traceId = '0000000000000000000000000000c001';
    const now = nowNs();
    const res = await fetch(`${app.urls.otlpHttp}/v1/traces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request(traceId, [now, 1_000_000_000n, now + 5n * HOUR])),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { partialSuccess: { rejectedSpans: string; errorMessage: string } };
    expect(body.partialSuccess.rejectedSpans).toBe('2');
    expect(body.partialSuccess.errorMessage).toMatch(
      /^1 span refused: start time before 2000-01-01T00:00:00Z \(e\.g\. span 0000000000000002 starting 1970-01-01T00:00:01Z\); 1 span refused: start time too far in the future \(max_future_skew\)/,
    );
    expect(await storedOperations('c001')).toEqual(['op-1']);
  });

  it('protobuf: refuses the spans past max_spans_per_request', async () => {
    const now = nowNs();
    const res = await fetch(`${app.urls.otlpHttp}/v1/traces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-protobuf' },
      body: toProtobuf(request('0000000000000000000000000000c002', [now, now, now, now, now, now])),
    });
    expect(res.status).toBe(200);
    const decoded = ExportTraceServiceResponse.toObject(
      ExportTraceServiceResponse.decode(new Uint8Array(await res.arrayBuffer())),
      { longs: Number },
    );
    expect(decoded.partialSuccess).toEqual({
      rejectedSpans: 2,
      errorMessage:
        '2 spans refused: over the limit of 4 spans per request (max_spans_per_request); send smaller batches (e.g. the 2 after the first 4)',
    });
    expect(await storedOperations('c002')).toEqual(['op-1', 'op-2', 'op-3', 'op-4']);
  });

  it('a full success with truncated values carries the message, and the span a warning', async () => {
    const res = await fetch(`${app.urls.otlpHttp}/v1/traces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request('0000000000000000000000000000c003', [nowNs()], 'y'.repeat(100))),
    });
    expect(await res.json()).toEqual({
      partialSuccess: {
        rejectedSpans: '0',
        errorMessage: '1 value truncated to 16 characters (max_attribute_value_length), e.g. "payload"',
      },
    });
    const trace = (await (await fetch(`${app.urls.query}/api/traces/c003`)).json()) as {
      data: { spans: { tags: { key: string; value: unknown }[]; warnings: string[] }[] }[];
    };
    const span = trace.data[0].spans[0];
    expect(span.tags).toContainEqual({ key: 'payload', type: 'string', value: 'y'.repeat(16) });
    expect(span.warnings).toContain(
      '1 value was truncated to 16 characters on ingest (max_attribute_value_length)',
    );
  });

  it('gRPC: the same partial success in the response message', async () => {
    const Client = grpc.makeGenericClientConstructor(traceServiceDefinition, 'TraceService');
    const client = new Client(app.urls.otlpGrpc.replace('http://', ''), grpc.credentials.createInsecure());
    const message = ExportTraceServiceRequest.decode(
      toProtobuf(request('0000000000000000000000000000c004', [nowNs(), 5n])),
    );
    const response = await new Promise((resolve, reject) =>
      (client as any).Export({ message }, (err: Error | null, res: unknown) =>
        err ? reject(err) : resolve(res),
      ),
    );
    client.close();
    expect(response).toEqual({
      rejectedSpans: 1,
      errorMessage:
        '1 span refused: start time before 2000-01-01T00:00:00Z (e.g. span 0000000000000002 starting 1970-01-01T00:00:00.000000005Z)',
    });
    expect(await storedOperations('c004')).toEqual(['op-1']);
  });
});
