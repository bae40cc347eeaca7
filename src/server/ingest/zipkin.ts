/**
 * Zipkin receiver (Jaeger's port 9411), answering as the collector's zipkinreceiver does: the
 * handler owns the whole server, a path containing `api/v1/spans` means Zipkin v1 and any other
 * path v2; success is 202 with an empty body and a body that does not decode is a 400 in plain
 * text. Only v2 JSON is implemented: v1 and protobuf get an error that says so. Spans the
 * limits refuse are dropped and the rest stored (Zipkin has no partial success): the 202 then
 * carries a plain-text body that says what was refused.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DecodeError } from '../../core/model/decodeError';
import type { Span } from '../../core/model/trace';
import { spansFromZipkinV2 } from '../../core/zipkin/fromZipkinV2';
import { mediaType, readBody } from '../http/body';
import { HttpError } from '../http/httpError';
import { sendGoError, sendText } from '../http/respond';
import { admitSpans, NO_INGEST_LIMITS, type IngestLimits } from './admission';
import type { IngestPipeline } from './pipeline';

export interface ZipkinOptions {
  maxBodyBytes: number;
  limits?: IngestLimits;
  log: (message: string) => void;
}

const V1_NOT_SUPPORTED =
  'Zipkin v1 (api/v1/spans) is not supported; configure the reporter to send Zipkin v2 JSON to /api/v2/spans';
const PROTOBUF_NOT_SUPPORTED =
  '415 unsupported media type: Zipkin protobuf (application/x-protobuf) is not supported; send Zipkin v2 JSON (application/json)';

export function createZipkinHandler(pipeline: IngestPipeline, options: ZipkinOptions) {
  const limits = options.limits ?? NO_INGEST_LIMITS;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const refuse = (status: number, message: string) => {
      sendGoError(res, status, message);
      req.resume();
    };
    if (req.method !== 'POST') return refuse(405, '405 method not allowed, supported: [POST]');
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path.includes('api/v1/spans')) return refuse(400, V1_NOT_SUPPORTED);
    // The collector reads every non-protobuf body as JSON; naming the type is kinder than a
    // JSON syntax error for a form post, so other declared types are refused up front.
    const type = mediaType(req.headers['content-type']);
    if (type === 'application/x-protobuf') return refuse(415, PROTOBUF_NOT_SUPPORTED);
    if (type !== '' && type !== 'application/json') {
      return refuse(415, `415 unsupported media type ${JSON.stringify(type)}, supported: [application/json]`);
    }

    let spans: Span[];
    try {
      spans = spansFromZipkinV2(parseJson(await readBody(req, options.maxBodyBytes)));
    } catch (err) {
      if (err instanceof HttpError) return sendGoError(res, err.status, err.message);
      if (err instanceof DecodeError) return sendGoError(res, 400, err.message);
      throw err;
    }
    const admission = admitSpans(spans, limits, BigInt(Date.now()) * 1_000_000n);
    try {
      await pipeline.accept(admission.spans);
    } catch (err) {
      options.log(
        `Zipkin: storing ${spans.length} spans failed: ${err instanceof Error ? err.message : String(err)}`,
      );
      return sendGoError(res, 500, 'the spans could not be stored; retry later');
    }
    if (admission.message === '') {
      res.writeHead(202, { 'Content-Length': 0 });
      res.end();
      return;
    }
    const note = `accepted ${admission.spans.length} of ${spans.length} spans; ${admission.message}`;
    sendText(res, 202, `${note}\n`);
  };
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new DecodeError('', `invalid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}
