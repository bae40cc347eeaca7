/**
 * The general reading of a trace response: for responses the byte scan does not handle, and to
 * word what went wrong (an error envelope, a body that is not JSON, no trace in it).
 */
import { tracesFromJaegerResponse } from '../../core/jaeger/fromJaegerJson';
import type { Trace } from '../../core/model/trace';
import { utf8 } from './utf8';

/** A load that failed in a way the page explains: `notFound` gets the "not in the store" view. */
export class TraceLoadError extends Error {
  override readonly name = 'TraceLoadError';
  constructor(
    message: string,
    readonly notFound = false,
    /** The HTTP status when the backend refused the download. */
    readonly status?: number,
  ) {
    super(message);
  }
}

function envelopeError(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const { data, errors } = body as { data?: unknown; errors?: unknown };
  if (data !== null && data !== undefined) return null;
  const first: unknown = Array.isArray(errors) ? errors[0] : null;
  const msg = typeof first === 'object' && first !== null ? (first as { msg?: unknown }).msg : null;
  return typeof msg === 'string' ? msg : null;
}

/** The general decoder: for responses the byte scan does not handle, and to word errors. */
export function decodeGenerally(bytes: Uint8Array, sourceUrl: string): Trace {
  let body: unknown;
  try {
    body = JSON.parse(utf8(bytes));
  } catch {
    throw new TraceLoadError(`The backend at ${sourceUrl} answered a response that is not JSON.`);
  }
  const message = envelopeError(body);
  if (message !== null) throw new TraceLoadError(message, /not found/i.test(message));
  if (typeof body === 'object' && body !== null && (body as { data?: unknown }).data === null) {
    throw new TraceLoadError('trace not found', true);
  }
  let traces;
  try {
    traces = tracesFromJaegerResponse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TraceLoadError(`The backend at ${sourceUrl} sent traces that could not be read: ${reason}`);
  }
  if (traces.length === 0) throw new TraceLoadError('trace not found', true);
  return traces[0];
}
