import type { IncomingMessage } from 'node:http';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';
import { HttpError } from './httpError';

function decoderFor(encoding: string | undefined): Transform | undefined {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case '':
    case 'identity':
      return undefined;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
    case 'zlib':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      throw new HttpError(415, `unsupported Content-Encoding: ${encoding}`);
  }
}

/**
 * Reads the whole body, decompressing it, and refuses with 413 as soon as it passes `limit`
 * bytes (after decompression, so a small gzip bomb cannot fill the memory).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit && !req.headers['content-encoding']) {
    return Promise.reject(
      new HttpError(413, `request body of ${declared} bytes exceeds the limit of ${limit} bytes`),
    );
  }
  const decoder = decoderFor(req.headers['content-encoding']);
  const source = decoder ? req.pipe(decoder) : req;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const fail = (err: Error) => {
      if (done) return;
      done = true;
      source.removeAllListeners('data');
      req.resume();
      reject(err);
    };
    source.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        fail(new HttpError(413, `request body exceeds the limit of ${limit} bytes`));
        decoder?.destroy();
        return;
      }
      chunks.push(chunk);
    });
    source.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks, size));
    });
    source.on('error', (err: Error) =>
      fail(new HttpError(400, `cannot read the request body: ${err.message}`)),
    );
    req.on('aborted', () =>
      fail(new HttpError(400, 'the client closed the connection before the body was complete')),
    );
    if (decoder)
      req.on('error', (err: Error) =>
        fail(new HttpError(400, `cannot read the request body: ${err.message}`)),
      );
  });
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}
