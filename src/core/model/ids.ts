const HEX = /^[0-9a-fA-F]+$/;

export const ZERO_TRACE_ID = '0'.repeat(32);
export const ZERO_SPAN_ID = '0'.repeat(16);

/**
 * A trace ID as Jaeger's query API accepts it: 1–32 hex digits, any case, left-padded to 32.
 * Returns null when the text is not a trace ID.
 */
export function normalizeTraceId(text: string): string | null {
  if (text.length === 0 || text.length > 32 || !HEX.test(text)) return null;
  return text.toLowerCase().padStart(32, '0');
}

/** 1–16 hex digits, left-padded to 16. */
export function normalizeSpanId(text: string): string | null {
  if (text.length === 0 || text.length > 16 || !HEX.test(text)) return null;
  return text.toLowerCase().padStart(16, '0');
}

/** Jaeger renders a trace ID whose high 64 bits are zero as 16 hex digits. */
export function jaegerTraceId(traceId: string): string {
  return traceId.startsWith(ZERO_SPAN_ID) ? traceId.slice(16) : traceId;
}

export function isHexId(text: string, length: 16 | 32): boolean {
  return text.length === length && HEX.test(text);
}

const HEX_DIGITS = '0123456789abcdef';

export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    out += HEX_DIGITS[b >> 4] + HEX_DIGITS[b & 15];
  }
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard padded base64, without relying on Buffer (Node) or btoa (DOM). */
export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += B64[n >> 18] + B64[(n >> 12) & 63] + '==';
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + '=';
  }
  return out;
}

/** Decodes standard or URL-safe base64, padded or not. Returns null on anything else. */
export function base64ToBytes(text: string): Uint8Array | null {
  const clean = text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*$/.test(clean) || clean.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let j = 0;
  for (let i = 0; i < clean.length; i++) {
    acc = (acc << 6) | B64.indexOf(clean[i]);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 255;
    }
  }
  return out;
}
