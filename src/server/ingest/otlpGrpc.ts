/**
 * OTLP/gRPC trace receiver (Jaeger's port 4317):
 * `opentelemetry.proto.collector.trace.v1.TraceService/Export`, served by grpc-js with a
 * hand-written service definition over the protobufjs schema of otlpProto.ts (no proto-loader).
 * Statuses follow the collector's otlpreceiver: INVALID_ARGUMENT for a request that does not
 * decode, UNAVAILABLE (retryable for SDK exporters) when the store fails, RESOURCE_EXHAUSTED
 * (from grpc-js) past the size limit, UNAUTHENTICATED without the ingest token (metadata
 * `authorization: Bearer <token>`, checked before the message is decoded); spans refused by the
 * limits are reported in the response's partialSuccess.
 */
import {
  Server,
  ServerCredentials,
  status,
  type sendUnaryData,
  type ServerUnaryCall,
  type ServiceDefinition,
} from '@grpc/grpc-js';
import { DecodeError } from '../../core/model/decodeError';
import type { Span } from '../../core/model/trace';
import { createIngestTokenCheck } from '../security/ingestGuard';
import { admitSpans, NO_INGEST_LIMITS, type IngestLimits } from './admission';
import {
  encodeExportResponse,
  ExportTraceServiceRequest,
  ExportTraceServiceResponse,
  spansFromOtlpMessage,
} from './otlpProto';
import { spansFromOtlpWire } from './otlpWireDecode';
import type { IngestPipeline } from './pipeline';

export const TRACE_EXPORT_PATH = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';

type OtlpMessage = Parameters<typeof spansFromOtlpMessage>[0];

/**
 * What the deserializer hands the handler: the raw bytes, decoded in the handler once the
 * caller is authenticated (grpc-js deserializes before any handler runs, and answers INTERNAL
 * when a deserializer throws). Clients serialize an OTLP message.
 */
export type ExportRequest = { readonly message: OtlpMessage } | { readonly bytes: Buffer };

export interface ExportResponse {
  readonly rejectedSpans: number;
  readonly errorMessage: string;
}

export const traceServiceDefinition: ServiceDefinition = {
  Export: {
    path: TRACE_EXPORT_PATH,
    originalName: 'export',
    requestStream: false,
    responseStream: false,
    requestDeserialize(bytes: Buffer): ExportRequest {
      return { bytes };
    },
    requestSerialize(request: ExportRequest): Buffer {
      if ('bytes' in request) return request.bytes;
      const message = ExportTraceServiceRequest.fromObject(
        request.message as unknown as Record<string, unknown>,
      );
      return Buffer.from(ExportTraceServiceRequest.encode(message).finish());
    },
    responseSerialize(response: ExportResponse): Buffer {
      return Buffer.from(encodeExportResponse(response.rejectedSpans, response.errorMessage));
    },
    responseDeserialize(bytes: Buffer): ExportResponse {
      const decoded = ExportTraceServiceResponse.toObject(ExportTraceServiceResponse.decode(bytes), {
        defaults: true,
      }) as { partialSuccess?: { rejectedSpans?: unknown; errorMessage?: string } };
      return {
        rejectedSpans: Number(decoded.partialSuccess?.rejectedSpans ?? 0),
        errorMessage: decoded.partialSuccess?.errorMessage ?? '',
      };
    },
  },
};

export interface OtlpGrpcOptions {
  host: string;
  port: number;
  /** Largest accepted message, also after gzip decompression. */
  maxMessageBytes: number;
  limits?: IngestLimits;
  /** Bearer token expected in the `authorization` metadata; '' or absent leaves the receiver open. */
  token?: string;
  log: (message: string) => void;
}

export interface OtlpGrpcListener {
  /** e.g. http://127.0.0.1:4317, what an OTLP exporter's endpoint setting takes. */
  url: string;
  close(): Promise<void>;
}

/** Decoded straight from the wire into spans (the fast path OTLP/HTTP uses too). */
function decodeRequest(request: ExportRequest): Span[] {
  if ('message' in request) return spansFromOtlpMessage(request.message);
  try {
    return spansFromOtlpWire(request.bytes);
  } catch (err) {
    if (err instanceof DecodeError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new DecodeError('', `invalid protobuf ExportTraceServiceRequest: ${reason}`);
  }
}

function exportHandler(pipeline: IngestPipeline, options: OtlpGrpcOptions) {
  const { log } = options;
  const limits = options.limits ?? NO_INGEST_LIMITS;
  const checkToken = createIngestTokenCheck(options.token ?? '');
  return (call: ServerUnaryCall<ExportRequest, ExportResponse>, callback: sendUnaryData<ExportResponse>) => {
    const [authorization] = call.metadata.get('authorization');
    const failure = checkToken(typeof authorization === 'string' ? authorization : undefined);
    if (failure) return callback({ code: status.UNAUTHENTICATED, details: failure.message });
    let spans: Span[];
    try {
      spans = decodeRequest(call.request);
    } catch (err) {
      if (err instanceof DecodeError)
        return callback({ code: status.INVALID_ARGUMENT, details: err.message });
      log(`OTLP/gRPC: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return callback({ code: status.INTERNAL, details: 'internal error' });
    }
    const admission = admitSpans(spans, limits, BigInt(Date.now()) * 1_000_000n);
    pipeline.accept(admission.spans).then(
      () => callback(null, { rejectedSpans: admission.rejected, errorMessage: admission.message }),
      (err: unknown) => {
        log(
          `OTLP/gRPC: storing ${spans.length} spans failed: ${err instanceof Error ? err.message : String(err)}`,
        );
        callback({ code: status.UNAVAILABLE, details: 'the spans could not be stored; retry later' });
      },
    );
  };
}

/** Starts the gRPC server, insecure, on host:port (0 picks a free port). */
export async function listenOtlpGrpc(
  pipeline: IngestPipeline,
  options: OtlpGrpcOptions,
): Promise<OtlpGrpcListener> {
  // grpc-js always accepts gzip- and deflate-compressed messages (grpc-encoding), checking
  // the decompressed size against the same limit, so compression needs no option here.
  const server = new Server({ 'grpc.max_receive_message_length': options.maxMessageBytes });
  server.addService(traceServiceDefinition, { Export: exportHandler(pipeline, options) });
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${host}:${options.port}`, ServerCredentials.createInsecure(), (err, bound) => {
      if (!err) return resolve(bound);
      server.forceShutdown();
      const inUse = /EADDRINUSE|address already in use/i.test(err.message);
      reject(
        new Error(
          `otlp-grpc: cannot listen on ${options.host}:${options.port}: ${inUse ? 'the port is in use' : err.message}`,
        ),
      );
    });
  });
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Let calls in flight finish, but do not wait on a client that holds a stream open.
        const force = setTimeout(() => server.forceShutdown(), 2000);
        force.unref();
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
}
