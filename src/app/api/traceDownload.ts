/**
 * Downloads one trace's JSON as bytes, reporting progress as they arrive. A 100k-span trace is
 * 50–100 MB: the person should see it coming in, and the bytes go to a worker for parsing
 * (transferred, not copied), so nothing here decodes or parses the body.
 */
import { apiUrl } from '../basePath';
import { ApiError } from './apiError';
import { declaredTotal, envelopeMessage, statusText } from './responseBody';
import { authorizationHeaders, unauthorizedMessage } from './queryToken';

export interface DownloadProgress {
  receivedBytes: number;
  /** From Content-Length; null when the server did not say or the body is compressed. */
  totalBytes: number | null;
}

export interface DownloadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** Minimum milliseconds between progress reports; the last one is always sent. */
  progressIntervalMs?: number;
  /**
   * Receives each piece of the body as it arrives (to parse while downloading); the pieces are
   * then not kept, and the result's `bytes` is empty.
   */
  onChunk?: (chunk: Uint8Array<ArrayBuffer>) => void;
}

export interface DownloadedTrace {
  url: string;
  bytes: Uint8Array<ArrayBuffer>;
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Longest stretch of uninterrupted reading on the main thread. */
const SLICE_MS = 8;

async function readAll(
  response: Response,
  totalBytes: number | null,
  report: (received: number, force: boolean) => void,
  onChunk?: (chunk: Uint8Array<ArrayBuffer>) => void,
): Promise<Uint8Array<ArrayBuffer>> {
  if (onChunk) {
    const whole = response.body ? null : new Uint8Array(await response.arrayBuffer());
    if (whole) onChunk(whole);
    let received = whole?.byteLength ?? 0;
    const reader = response.body?.getReader();
    for (;;) {
      const next = reader ? await reader.read() : { done: true as const };
      if (next.done) break;
      received += next.value.byteLength;
      onChunk(next.value);
      report(received, false);
    }
    report(received, true);
    return new Uint8Array(0);
  }
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    report(bytes.byteLength, true);
    return bytes;
  }
  const reader = response.body.getReader();
  // With a known size, one buffer and no second copy; otherwise collect chunks and join once.
  let buffer = totalBytes !== null ? new Uint8Array(totalBytes) : null;
  const chunks: Uint8Array[] = [];
  let received = 0;
  let sliceStart = performance.now();
  for (;;) {
    // When the network is faster than this loop, every read resolves at once and the loop would
    // hold the main thread for the whole body; yielding every few ms lets progress paint.
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      sliceStart = performance.now();
    }
    const { done, value } = await reader.read();
    if (done) break;
    if (buffer && received + value.byteLength <= buffer.byteLength) buffer.set(value, received);
    else {
      if (buffer) chunks.push(buffer.subarray(0, received));
      buffer = null;
      chunks.push(value);
    }
    received += value.byteLength;
    report(received, false);
  }
  report(received, true);
  if (buffer) return received === buffer.byteLength ? buffer : buffer.slice(0, received);
  const joined = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return joined;
}

/** `GET api/traces/{id}` as bytes. Failures are ApiErrors (404 for a trace that is not stored). */
export async function downloadTrace(
  traceId: string,
  options: DownloadOptions = {},
): Promise<DownloadedTrace> {
  const { signal, onProgress, progressIntervalMs = 100, onChunk } = options;
  const url = apiUrl(`api/traces/${encodeURIComponent(traceId)}`).toString();
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
  if (!response.ok) {
    const message = envelopeMessage(await response.text());
    throw new ApiError(
      message ?? `The backend at ${url} answered ${statusText(response)}.`,
      response.status,
      url,
    );
  }

  let totalBytes = declaredTotal(response);
  // At most one report per interval, but the latest count always goes out (trailing edge), so a
  // stalled download does not keep showing an old figure.
  let lastReport = -Infinity;
  let latest = 0;
  let trailing: ReturnType<typeof setTimeout> | undefined;
  const emit = () => {
    trailing = undefined;
    lastReport = performance.now();
    onProgress?.({ receivedBytes: latest, totalBytes });
  };
  const report = (received: number, force: boolean) => {
    if (!onProgress) return;
    if (totalBytes !== null && received > totalBytes) totalBytes = null;
    latest = received;
    const wait = progressIntervalMs - (performance.now() - lastReport);
    if (force || wait <= 0) {
      clearTimeout(trailing);
      emit();
    } else trailing ??= setTimeout(emit, wait);
  };
  report(0, true);
  try {
    return { url, bytes: await readAll(response, totalBytes, report, onChunk) };
  } catch (error) {
    if (isAbort(error) || signal?.aborted) throw error;
    throw new ApiError(`The download from ${url} was cut off: ${String(error)}`, 0, url);
  } finally {
    clearTimeout(trailing);
  }
}
