/**
 * A response body arriving in pieces: kept in one growing buffer (so spans decoded later can
 * point into it) and scanned as it comes, so that the last piece leaves little work behind.
 */
import { JaegerResponseScanner } from '../../core/jaeger/scanJaegerResponse';
import { utf8 } from './utf8';

export class IncomingBody {
  private buffer: Uint8Array<ArrayBuffer>;
  private length = 0;
  readonly scanner = new JaegerResponseScanner(utf8);

  /** `expectedBytes` (Content-Length, when the server said) sizes the buffer once. */
  constructor(expectedBytes: number | null) {
    this.buffer = new Uint8Array(expectedBytes && expectedBytes > 0 ? expectedBytes : 1 << 20);
  }

  append(chunk: Uint8Array): void {
    if (this.length + chunk.byteLength > this.buffer.byteLength) {
      let size = this.buffer.byteLength * 2;
      while (size < this.length + chunk.byteLength) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(chunk, this.length);
    this.length += chunk.byteLength;
    this.scanner.advance(this.buffer.subarray(0, this.length));
  }

  /** The whole body. */
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}
