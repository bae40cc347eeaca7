/**
 * OTLP/HTTP trace receiver (`POST /v1/traces`), answering as the OpenTelemetry collector's
 * otlpreceiver does: 405 for other methods, 415 for other media types, 400 with a
 * google.rpc.Status in the request's encoding for bodies that do not decode, and 200 with an
 * ExportTraceServiceResponse whose partialSuccess reports the spans the limits refused.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DecodeError } from '../../core/model/decodeError';
import type { Span } from '../../core/model/trace';
import { spansFromOtlpJson } from '../../core/otlp/fromOtlpJson';
import { mediaType, readBody } from '../http/body';
import { HttpError } from '../http/httpError';
import { sendGoError, sendText } from '../http/respond';
import { admitSpans, NO_INGEST_LIMITS, type IngestLimits } from './admission';
import { encodeExportResponse, otlpRoot } from './otlpProto';
import { spansFromOtlpWire } from './otlpWireDecode';
import type { IngestPipeline } from './pipeline';

const JSON_TYPE = 'application/json';
const PROTOBUF_TYPE = 'application/x-protobuf';
const RpcStatus = otlpRoot.lookupType('google.rpc.Status');
/** google.rpc.Code values the collector uses. */
const INVALID_ARGUMENT = 3;
const INTERNAL = 13;
const UNAUTHENTICATED = 16;

export interface OtlpHttpOptions {
  maxBodyBytes: number;
  limits?: IngestLimits;
  log: (message: string) => void;
}

export function createOtlpHttpHandler(pipeline: IngestPipeline, options: OtlpHttpOptions) {
  const limits = options.limits ?? NO_INGEST_LIMITS;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') {
      sendGoError(res, 405, '405 method not allowed, supported: [POST]');
      req.resume();
      return;
    }
    const type = mediaType(req.headers['content-type']);
    if (type !== JSON_TYPE && type !== PROTOBUF_TYPE) {
      sendGoError(res, 415, `415 unsupported media type, supported: [${JSON_TYPE}, ${PROTOBUF_TYPE}]`);
      req.resume();
      return;
    }
    let spans: Span[];
    try {
      const body = await readBody(req, options.maxBodyBytes);
      spans = type === JSON_TYPE ? spansFromOtlpJson(parseJson(body)) : spansFromOtlpWire(body);
    } catch (err) {
      if (err instanceof HttpError && err.status !== 400) {
        sendGoError(res, err.status, err.message);
        return;
      }
      if (err instanceof HttpError || err instanceof DecodeError) {
        sendStatus(res, type, 400, INVALID_ARGUMENT, err.message);
        return;
      }
      throw err;
    }
    const admission = admitSpans(spans, limits, BigInt(Date.now()) * 1_000_000n);
    try {
      await pipeline.accept(admission.spans);
    } catch (err) {
      options.log(
        `OTLP/HTTP: storing ${spans.length} spans failed: ${err instanceof Error ? err.message : String(err)}`,
      );
      sendStatus(res, type, 500, INTERNAL, 'the spans could not be stored; retry later');
      return;
    }
    if (type === JSON_TYPE) {
      const partial = admission.rejected > 0 || admission.message !== '';
      // proto3 JSON writes int64 as a string, as the collector does.
      const body = partial
        ? JSON.stringify({
            partialSuccess: { rejectedSpans: String(admission.rejected), errorMessage: admission.message },
          })
        : '{}';
      sendText(res, 200, body, JSON_TYPE);
    } else {
      const body = encodeExportResponse(admission.rejected, admission.message);
      res.writeHead(200, { 'Content-Type': PROTOBUF_TYPE, 'Content-Length': body.length });
      res.end(body);
    }
  };
}

/** The 401 of an OTLP/HTTP request without the ingest token: UNAUTHENTICATED in its encoding. */
export function sendOtlpUnauthenticated(req: IncomingMessage, res: ServerResponse, message: string): void {
  const type = mediaType(req.headers['content-type']) === PROTOBUF_TYPE ? PROTOBUF_TYPE : JSON_TYPE;
  sendStatus(res, type, 401, UNAUTHENTICATED, message);
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new DecodeError('', `invalid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function sendStatus(
  res: ServerResponse,
  type: string,
  httpStatus: number,
  code: number,
  message: string,
): void {
  if (type === JSON_TYPE) {
    sendText(res, httpStatus, JSON.stringify({ code, message }), JSON_TYPE);
    return;
  }
  const body = RpcStatus.encode(RpcStatus.create({ code, message })).finish();
  res.writeHead(httpStatus, { 'Content-Type': PROTOBUF_TYPE, 'Content-Length': body.length });
  res.end(body);
}
