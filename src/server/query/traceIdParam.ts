import { base64ToBytes, bytesToHex, normalizeTraceId } from '../../core/model/ids';
import { HttpError } from '../http/httpError';

/**
 * A trace ID as Jaeger ≥ 2.20 accepts it in a URL: 1–32 hex digits (any case, left-padded),
 * or base64 of 8 or 16 bytes. Returns the 32-hex form, or null.
 */
export function parseTraceIdParam(text: string): string | null {
  const hex = normalizeTraceId(text);
  if (hex) return hex;
  if (text.length > 24) return null;
  const bytes = base64ToBytes(text);
  if (!bytes || (bytes.length !== 8 && bytes.length !== 16)) return null;
  return bytesToHex(bytes).padStart(32, '0');
}

/** The trace ID of a v1 path (get-by-ID, archive, head), or a 400 with Jaeger's message. */
export function pathTraceId(text: string): string {
  const id = parseTraceIdParam(text);
  if (!id)
    throw new HttpError(400, `malformed traceID: ${JSON.stringify(text)} is not a hex or base64 trace ID`);
  return id;
}
