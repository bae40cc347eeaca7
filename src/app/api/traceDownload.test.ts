import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { setupMswServer } from '../../../mocks/node';
import { ApiError } from './apiError';
import { downloadTrace, type DownloadProgress } from './traceDownload';

const server = setupMswServer();

/** A body that arrives in `chunks` pieces, as a slow network would deliver it. */
function slowBody(text: string, chunks: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const size = Math.ceil(bytes.length / chunks);
  let at = 0;
  return new ReadableStream({
    async pull(controller) {
      await new Promise((r) => setTimeout(r, 2));
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

describe('downloadTrace', () => {
  it('streams the body and reports bytes received against Content-Length', async () => {
    const body = JSON.stringify({ data: [], filler: 'x'.repeat(10_000) });
    server.use(
      http.get(
        '*/api/traces/:id',
        () => new HttpResponse(slowBody(body, 5), { headers: { 'Content-Length': String(body.length) } }),
      ),
    );
    const progress: DownloadProgress[] = [];
    const { bytes, url } = await downloadTrace('abc', {
      onProgress: (p) => progress.push(p),
      progressIntervalMs: 0,
    });
    expect(new TextDecoder().decode(bytes)).toBe(body);
    expect(url).toMatch(/\/api\/traces\/abc$/);
    expect(progress[0]).toEqual({ receivedBytes: 0, totalBytes: body.length });
    expect(progress.at(-1)).toEqual({ receivedBytes: body.length, totalBytes: body.length });
    expect(progress.length).toBeGreaterThanOrEqual(6);
    for (let i = 1; i < progress.length; i++)
      expect(progress[i].receivedBytes).toBeGreaterThanOrEqual(progress[i - 1].receivedBytes);
  });

  it('reports no total for a compressed body, whose length on the wire is not its size', async () => {
    const body = JSON.stringify({ data: [], filler: 'x'.repeat(10_000) });
    const gzipped = new Uint8Array(
      await new Response(new Blob([body]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer(),
    );
    server.use(
      http.get(
        '*/api/traces/:id',
        () =>
          new HttpResponse(gzipped, {
            headers: { 'Content-Encoding': 'gzip', 'Content-Length': String(gzipped.length) },
          }),
      ),
    );
    const progress: DownloadProgress[] = [];
    const { bytes } = await downloadTrace('abc', {
      onProgress: (p) => progress.push(p),
      progressIntervalMs: 0,
    });
    expect(new TextDecoder().decode(bytes)).toBe(body);
    expect(progress.every((p) => p.totalBytes === null)).toBe(true);
  });

  it("turns Jaeger's error envelope into an ApiError, 404 included", async () => {
    server.use(
      http.get('*/api/traces/:id', () =>
        HttpResponse.json({ data: null, errors: [{ code: 404, msg: 'trace not found' }] }, { status: 404 }),
      ),
    );
    const error = await downloadTrace('abc').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).isNotFound).toBe(true);
    expect((error as ApiError).message).toBe('trace not found');
  });

  it('says the backend could not be reached when the request fails', async () => {
    server.use(http.get('*/api/traces/:id', () => HttpResponse.error()));
    const error = await downloadTrace('abc').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(0);
    expect((error as ApiError).message).toMatch(/could not be reached/);
  });
});
