/**
 * Downloads in the trace worker itself. Reading an 846 MB body on the page and posting each piece
 * to the worker held the page's thread and ran at a third of the network's speed; here the
 * pieces go straight to the scanner, and the page only hears progress.
 */
import { declaredTotal, envelopeMessage, statusText } from '../api/responseBody';

export interface DownloadRequest {
  url: string;
  /** Authorization and Accept headers, as the page's API calls send them. */
  headers: Record<string, string>;
  signal?: AbortSignal;
}

/** A download that did not succeed, with the HTTP status (0 when the backend was unreachable). */
export class DownloadFailure extends Error {
  override readonly name = 'DownloadFailure';
  constructor(
    message: string,
    readonly status: number,
    readonly url: string,
  ) {
    super(message);
  }
}

export interface DownloadProgress {
  receivedBytes: number;
  totalBytes: number | null;
}

/** Minimum milliseconds between two progress reports (the last one always goes out). */
const PROGRESS_EVERY_MS = 100;
/** Longest stretch of reading without letting other tasks (requests, replies) run. */
const SLICE_MS = 8;

/**
 * Lets queued tasks run. When the body arrives faster than it is scanned, every read resolves
 * at once as a microtask, and without this the worker would answer nothing else (a span's
 * details, a find) until the whole body is in. A message channel, unlike chained timeouts, is
 * not clamped to 4 ms.
 */
function yieldToTasks(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Fetches `url`; a failure status becomes a DownloadFailure worded from the error envelope. */
export async function startDownload({ url, headers, signal }: DownloadRequest): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { headers, signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new DownloadFailure(
      `The backend at ${url} could not be reached. Check that it is running.`,
      0,
      url,
    );
  }
  if (!response.ok) {
    const message = envelopeMessage(await response.text().catch(() => ''));
    throw new DownloadFailure(
      message ?? `The backend at ${url} answered ${statusText(response)}.`,
      response.status,
      url,
    );
  }
  return response;
}

/**
 * Hands each piece of the body to `onChunk` as it arrives and reports progress; resolves with
 * the number of bytes once the body has ended.
 */
export async function readBody(
  response: Response,
  onChunk: (chunk: Uint8Array) => void,
  onProgress: (progress: DownloadProgress) => void,
): Promise<number> {
  let totalBytes = declaredTotal(response);
  let received = 0;
  let lastReport = -Infinity;
  // At most one report per interval, but the latest count always goes out (trailing edge), so a
  // stalled download does not keep showing an old figure.
  let trailing: ReturnType<typeof setTimeout> | undefined;
  const emit = () => {
    trailing = undefined;
    lastReport = performance.now();
    onProgress({ receivedBytes: received, totalBytes });
  };
  const report = (force: boolean) => {
    if (totalBytes !== null && received > totalBytes) totalBytes = null;
    const wait = PROGRESS_EVERY_MS - (performance.now() - lastReport);
    if (force || wait <= 0) {
      clearTimeout(trailing);
      emit();
    } else trailing ??= setTimeout(emit, wait);
  };
  report(true);
  const cutOff = (error: unknown) =>
    error instanceof DOMException && error.name === 'AbortError'
      ? error
      : new DownloadFailure(
          `The download from ${response.url} was cut off: ${String(error)}`,
          0,
          response.url,
        );
  if (!response.body) {
    let buffer: ArrayBuffer;
    try {
      buffer = await response.arrayBuffer();
    } catch (error) {
      throw cutOff(error);
    }
    const whole = new Uint8Array(buffer);
    received = whole.byteLength;
    onChunk(whole);
  } else {
    const reader = response.body.getReader();
    let sliceStart = performance.now();
    for (;;) {
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToTasks();
        sliceStart = performance.now();
      }
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (error) {
        throw cutOff(error);
      }
      if (next.done) break;
      received += next.value.byteLength;
      onChunk(next.value);
      report(false);
    }
  }
  report(true);
  clearTimeout(trailing);
  return received;
}

/** The expected size of a body, for sizing the buffer it is gathered in. */
export function expectedBytes(response: Response): number | null {
  return declaredTotal(response);
}
