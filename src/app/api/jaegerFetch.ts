/**
 * The one place that talks HTTP to the Jaeger v1 query API. It turns every way a call can fail
 * (backend down, non-JSON body, error envelope) into an ApiError whose message can be shown as is.
 */
import { apiUrl } from '../basePath';
import { ApiError } from './apiError';

interface EnvelopeLike {
  data?: unknown;
  errors?: unknown;
}

function envelopeErrorMessage(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const errors = (body as EnvelopeLike).errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  const first: unknown = errors[0];
  if (typeof first === 'object' && first !== null && typeof (first as { msg?: unknown }).msg === 'string') {
    return (first as { msg: string }).msg;
  }
  return null;
}

function statusLine(response: Response): string {
  return `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export interface JaegerResponse {
  /** The absolute URL requested, for messages about this response. */
  url: string;
  body: unknown;
}

/**
 * GETs `path` (relative, e.g. `api/services`) and returns the parsed JSON body. Failed requests
 * throw ApiError; an aborted request rethrows the AbortError so TanStack Query can drop it quietly.
 */
export async function getJaegerJson(
  path: string,
  params?: URLSearchParams,
  signal?: AbortSignal,
): Promise<JaegerResponse> {
  const url = apiUrl(path, params).toString();
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, signal });
  } catch (error) {
    if (isAbort(error) || signal?.aborted) throw error;
    throw new ApiError(`The backend at ${url} could not be reached. Check that it is running.`, 0, url);
  }

  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    const what = response.ok ? 'a response that is not JSON' : statusLine(response);
    throw new ApiError(`The backend at ${url} answered ${what}.`, response.status, url);
  }

  const message = envelopeErrorMessage(body);
  // Jaeger can report partial failures next to data with a 200; only a missing result is fatal.
  const data = typeof body === 'object' && body !== null ? (body as EnvelopeLike).data : undefined;
  if (!response.ok || (message !== null && (data === null || data === undefined))) {
    throw new ApiError(
      message ?? `The backend at ${url} answered ${statusLine(response)}.`,
      response.status,
      url,
    );
  }
  return { url, body };
}
