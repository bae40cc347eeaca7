/**
 * Index key → the traces (by insertion sequence number) that have a span filed under that key.
 * Kept exact on write and on eviction, so a key whose traces are all gone disappears with them:
 * high-cardinality values (request IDs, URLs) must not pile up once their traces are evicted.
 */
import type { Span } from '../../../core/model/trace';
import { SpanKeyDeriver } from './indexKeys';
import { PostingList } from './postingList';

export class InvertedIndex {
  private readonly lists = new Map<string, PostingList>();
  private readonly deriver = new SpanKeyDeriver();
  // Reused for every span: the index is only ever touched synchronously.
  private readonly scratch: string[] = [];

  /** Number of distinct keys, for tests and diagnostics. */
  get keyCount(): number {
    return this.lists.size;
  }

  addSpan(span: Span, seq: number): void {
    this.deriver.collect(span, this.scratch);
    for (const key of this.scratch) {
      let list = this.lists.get(key);
      if (list === undefined) {
        list = new PostingList();
        this.lists.set(key, list);
      }
      list.add(seq);
    }
  }

  /** Only valid for the oldest stored trace, which is at the front of every list it is in. */
  removeOldestSpan(span: Span, seq: number): void {
    this.deriver.collect(span, this.scratch);
    for (const key of this.scratch) {
      const list = this.lists.get(key);
      if (list !== undefined && list.removeOldest(seq)) this.lists.delete(key);
    }
  }

  /** The lists of all keys, or null when some key has no trace (then nothing can match). */
  listsFor(keys: readonly string[]): PostingList[] | null {
    const found: PostingList[] = [];
    for (const key of keys) {
      const list = this.lists.get(key);
      if (list === undefined) return null;
      found.push(list);
    }
    return found;
  }

  clear(): void {
    this.lists.clear();
    this.deriver.clear();
  }
}
