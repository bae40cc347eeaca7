/**
 * Strings read from JSON bytes, made once per distinct text: a 100k-span trace repeats a few
 * hundred operation names and process IDs, and comparing bytes in place costs less than making
 * a string per span only to look it up.
 */
import type { JsonBytes } from './jsonBytes';

export class ByteInterner {
  /** Id + 1 per slot; 0 is empty. */
  private slots = new Int32Array(256);
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly hashes: number[] = [];
  /** Strings that had escapes or non-ASCII bytes, by their text. */
  private readonly byText = new Map<string, number>();
  readonly texts: string[] = [];

  /** The id of the string `reader` has just read, starting at `start`. */
  idOf(reader: JsonBytes, start: number): number {
    const end = reader.stringEnd;
    if (!reader.lastStringIsPlain) return this.idOfText(reader.text(start));
    const { bytes } = reader;
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
    const mask = this.slots.length - 1;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const held = this.slots[s] - 1;
      if (held < 0) {
        const id = this.add(reader.text(start), start, end, hash);
        this.slots[s] = id + 1;
        if (this.texts.length * 2 > this.slots.length) this.grow();
        return id;
      }
      if (this.hashes[held] === hash && this.sameBytes(bytes, held, start, end)) return held;
    }
  }

  /** The id of a string known as text. */
  idOfText(text: string): number {
    const known = this.byText.get(text);
    if (known !== undefined) return known;
    const id = this.add(text, -1, -1, 0);
    this.byText.set(text, id);
    return id;
  }

  private add(text: string, start: number, end: number, hash: number): number {
    this.texts.push(text);
    this.starts.push(start);
    this.ends.push(end);
    this.hashes.push(hash);
    return this.texts.length - 1;
  }

  /** Interned offsets stay valid as the bytes grow: a growing buffer keeps what it held. */
  private sameBytes(bytes: Uint8Array, id: number, start: number, end: number): boolean {
    const from = this.starts[id];
    if (from < 0 || this.ends[id] - from !== end - start) return false;
    for (let i = 0; i < end - start; i++) if (bytes[from + i] !== bytes[start + i]) return false;
    return true;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.texts.length; id++) {
      if (this.starts[id] < 0) continue;
      let s = this.hashes[id] & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = id + 1;
    }
    this.slots = slots;
  }
}
