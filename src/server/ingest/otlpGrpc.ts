/**
 * OTLP/gRPC trace receiver (Jaeger's port 4317):
 * `opentelemetry.proto.collector.trace.v1.TraceService/Export`, served by grpc-js with a
 * hand-written service definition over the protobufjs schema of otlpProto.ts (no proto-loader).
 * Statuses follow the collector's otlpreceiver: INVALID_ARGUMENT for a request that does not
 * decode, UNAVAILABLE (retryable for SDK exporters) when the store fails, RESOURCE_EXHAUSTED
 * (from grpc-js) past the size limit.
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
 * What the deserializer hands the handler. grpc-js answers INTERNAL ("Error deserializing
 * request") when a deserializer throws, so a decode failure travels as a value instead and
 * the handler turns it into INVALID_ARGUMENT with the reason.
 */
export type ExportRequest =
  { readonly message: OtlpMessage } | { readonly spans: Span[] } | { readonly error: DecodeError };

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
      // Decoded straight into spans on the server (the fast path OTLP/HTTP uses too).
      try {
        return { spans: spansFromOtlpWire(bytes) };
      } catch (err) {
        if (err instanceof DecodeError) return { error: err };
        const reason = err instanceof Error ? err.message : String(err);
        return { error: new DecodeError('', `invalid protobuf ExportTraceServiceRequest: ${reason}`) };
      }
    },
    requestSerialize(request: ExportRequest): Buffer {
      if ('error' in request) throw request.error;
      if ('spans' in request) throw new Error('decoded spans cannot be sent; pass the OTLP message');
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
  log: (message: string) => void;
}

export interface OtlpGrpcListener {
  /** e.g. http://127.0.0.1:4317, what an OTLP exporter's endpoint setting takes. */
  url: string;
  close(): Promise<void>;
}

function exportHandler(pipeline: IngestPipeline, log: (message: string) => void) {
  return (call: ServerUnaryCall<ExportRequest, ExportResponse>, callback: sendUnaryData<ExportResponse>) => {
    const request = call.request;
    let spans: Span[];
    try {
      if ('error' in request) throw request.error;
      spans = 'spans' in request ? request.spans : spansFromOtlpMessage(request.message);
    } catch (err) {
      if (err instanceof DecodeError)
        return callback({ code: status.INVALID_ARGUMENT, details: err.message });
      log(`OTLP/gRPC: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return callback({ code: status.INTERNAL, details: 'internal error' });
    }
    pipeline.accept(spans).then(
      () => callback(null, { rejectedSpans: 0, errorMessage: '' }),
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
  server.addService(traceServiceDefinition, { Export: exportHandler(pipeline, options.log) });
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
