/**
 * The one place that talks HTTP to a Jaeger query API, v1 (`/api/...`) and v3 (`/api/v3/...`).
 * It turns every way a call can fail (backend down, non-JSON body, error envelope) into an ApiError
 * whose message can be shown as is: v1's `errors[0].msg` and v3's `error.message`, as written.
 */
import { apiUrl } from '../basePath';
import { ApiError } from './apiError';
import { authorizationHeaders, unauthorizedMessage } from './queryToken';

type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** v1: `{"data":null,...,"errors":[{"code":400,"msg":"..."}]}`. */
function v1ErrorMessage(body: JsonObject): string | null {
  const errors = body.errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  const first: unknown = errors[0];
  return isJsonObject(first) && typeof first.msg === 'string' ? first.msg : null;
}

/** v3 (grpc-gateway style): `{"error":{"httpCode":400,"message":"..."}}`. */
function v3ErrorMessage(body: JsonObject): string | null {
  const error = body.error;
  return isJsonObject(error) && typeof error.message === 'string' ? error.message : null;
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

export interface ProbeResponse {
  url: string;
  status: number;
  /** The parsed body, or undefined when it is not JSON (a plain-text 404, an HTML page). */
  json: unknown;
}

async function request(path: string, params: URLSearchParams | undefined, signal: AbortSignal | undefined) {
  const url = apiUrl(path, params).toString();
  const auth = authorizationHeaders();
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json', ...auth }, signal });
  } catch (error) {
    if (isAbort(error) || signal?.aborted) throw error;
    throw new ApiError(`The backend at ${url} could not be reached. Check that it is running.`, 0, url);
  }
  if (response.status === 401) {
    throw new ApiError(unauthorizedMessage('Authorization' in auth), 401, url);
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { url, response, json };
}

/**
 * GETs `path` without judging the answer, for capability detection: only a backend that cannot be
 * reached at all (ApiError with status 0) or that wants a token (status 401) throws.
 */
export async function probeJaeger(
  path: string,
  params?: URLSearchParams,
  signal?: AbortSignal,
): Promise<ProbeResponse> {
  const { url, response, json } = await request(path, params, signal);
  return { url, status: response.status, json };
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
  const { url, response, json } = await request(path, params, signal);
  if (json === undefined) {
    const what = response.ok ? 'a response that is not JSON' : statusLine(response);
    throw new ApiError(`The backend at ${url} answered ${what}.`, response.status, url);
  }
  const body = isJsonObject(json) ? json : null;
  const v3Message = body ? v3ErrorMessage(body) : null;
  if (v3Message !== null) throw new ApiError(v3Message, response.ok ? 500 : response.status, url);
  const v1Message = body ? v1ErrorMessage(body) : null;
  // Jaeger can report partial failures next to data with a 200; only a missing result is fatal.
  const data = body?.data;
  if (!response.ok || (v1Message !== null && (data === null || data === undefined))) {
    throw new ApiError(
      v1Message ?? `The backend at ${url} answered ${statusLine(response)}.`,
      response.status,
      url,
    );
  }
  return { url, body: json };
}
