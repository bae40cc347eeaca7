/**
 * A response body arriving in pieces: kept in one growing buffer (so spans decoded later can
 * point into it) and scanned as it comes, so that the last piece leaves little work behind.
 */
import { JaegerResponseScanner } from '../../core/jaeger/scanJaegerResponse';
import { PossibleStarts } from './byteFind';
import { utf8 } from './utf8';

/**
 * Bytes to gather before scanning on: the scan stops at the first span not fully arrived and
 * starts it again with the next bytes, so scanning after every 64 KiB piece redid a span and
 * raised an exception 1,300 times for 85 MB.
 */
const SCAN_EVERY_BYTES = 1 << 20;

export class IncomingBody {
  private buffer: Uint8Array<ArrayBuffer>;
  private length = 0;
  private scannedUpTo = 0;
  readonly scanner = new JaegerResponseScanner(utf8);
  /** For find on a huge trace (byteFind.ts), looked for piece by piece as the body arrives. */
  private readonly possibleStarts = new PossibleStarts();

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
    if (this.length - this.scannedUpTo >= SCAN_EVERY_BYTES) {
      const bytes = this.buffer.subarray(0, this.length);
      this.scanner.advance(bytes);
      this.possibleStarts.add(bytes);
      this.scannedUpTo = this.length;
    }
  }

  /** The whole body. */
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  /** Where escapes and the like may start in the whole body (byteFind.ts's PossibleStarts). */
  unlikeStarts(): Float64Array {
    this.possibleStarts.add(this.bytes());
    return this.possibleStarts.all();
  }
}
