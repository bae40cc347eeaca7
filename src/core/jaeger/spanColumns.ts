/**
 * What the byte scan keeps of each span, as columns by input position, plus the draft of the span
 * being read. A span is added to the columns only once its object has been read to the closing
 * brace, so a scan cut short by the end of the bytes received so far can retry it from its start.
 */
import type { SpanStatus } from '../model/trace';
import { ByteInterner } from './byteInterner';
import { asciiText } from './jsonBytes';

/** Where an ID's normalized text is: in the bytes at `at`, or (at = -1) in `text`. */
export interface IdSlot {
  present: boolean;
  hi: number;
  lo: number;
  at: number;
  text: string;
}

export const newIdSlot = (): IdSlot => ({ present: false, hi: 0, lo: 0, at: -1, text: '' });

/** The span being read. Reused from span to span: reading 100k spans allocates no drafts. */
export class SpanDraft {
  from = 0;
  traceId: string | null = null;
  readonly id = newIdSlot();
  readonly legacyParent = newIdSlot();
  startUs: number | undefined;
  durationUs: number | undefined;
  nameId = -1;
  processId = -1;
  readonly parent = newIdSlot();
  /** The parent reference chosen so far: 2 when it is a same-trace CHILD_OF (final), 1 otherwise. */
  parentRank = 0;
  referenceCount = 0;
  /** Same-trace CHILD_OF references are not links; this counts the one chosen as parent. */
  childOfParent = false;
  kind = 0;
  status: SpanStatus | null = null;
  /** First values of the tags that decide kind and status, by STATUS_TAGS index. */
  readonly statusTags: unknown[] = [];
  readonly statusTagSeen: boolean[] = [];
  eventsBefore = 0;

  reset(from: number, eventsBefore: number): void {
    this.from = from;
    this.traceId = null;
    this.id.present = false;
    this.legacyParent.present = false;
    this.startUs = undefined;
    this.durationUs = undefined;
    this.nameId = -1;
    this.processId = -1;
    this.parent.present = false;
    this.parentRank = 0;
    this.referenceCount = 0;
    this.childOfParent = false;
    this.statusTagSeen.length = 0;
    this.eventsBefore = eventsBefore;
  }
}

export function copyId(from: IdSlot, to: IdSlot): void {
  to.present = from.present;
  to.hi = from.hi;
  to.lo = from.lo;
  to.at = from.at;
  to.text = from.text;
}

export class SpanColumns {
  count = 0;
  readonly from: number[] = [];
  readonly to: number[] = [];
  readonly idHi: number[] = [];
  readonly idLo: number[] = [];
  readonly idAt: number[] = [];
  /** Normalized IDs that are not written that way in the bytes, by input position. */
  readonly idText = new Map<number, string>();
  readonly hasParent: number[] = [];
  readonly parentHi: number[] = [];
  readonly parentLo: number[] = [];
  readonly parentAt: number[] = [];
  readonly parentText = new Map<number, string>();
  readonly startUs: number[] = [];
  readonly durationUs: number[] = [];
  readonly nameId: number[] = [];
  readonly processId: number[] = [];
  readonly kind: number[] = [];
  readonly status: SpanStatus[] = [];
  readonly linkCount: number[] = [];
  readonly eventOffsets: number[] = [0];
  readonly eventTimesUs: number[] = [];
  /** Trace IDs of spans whose ID differs from the first span's (normally none). */
  readonly otherTraceIds = new Map<number, string>();
  firstTraceId: string | null = null;
  firstTraceIdAt = -1;
  readonly names = new ByteInterner();
  readonly processIds = new ByteInterner();
  readonly tagValues = new ByteInterner();
  readonly draft = new SpanDraft();

  /** Adds the draft, read up to `to`, as the next span. */
  commit(to: number, status: SpanStatus): void {
    const d = this.draft;
    const i = this.count++;
    this.from.push(d.from);
    this.to.push(to);
    this.idHi.push(d.id.hi);
    this.idLo.push(d.id.lo);
    this.idAt.push(d.id.at);
    if (d.id.at < 0) this.idText.set(i, d.id.text);
    if (d.traceId !== this.firstTraceId) this.otherTraceIds.set(i, d.traceId ?? '');
    this.startUs.push(d.startUs ?? 0);
    this.durationUs.push(d.durationUs ?? 0);
    this.nameId.push(d.nameId < 0 ? this.names.idOfText('') : d.nameId);
    this.processId.push(d.processId);
    this.eventOffsets.push(this.eventTimesUs.length);
    this.linkCount.push(d.referenceCount - (d.childOfParent ? 1 : 0));
    const p = d.parent;
    this.hasParent.push(p.present ? 1 : 0);
    this.parentHi.push(p.present ? p.hi : 0);
    this.parentLo.push(p.present ? p.lo : 0);
    this.parentAt.push(p.present ? p.at : -1);
    if (p.present && p.at < 0) this.parentText.set(i, p.text);
    this.kind.push(d.kind);
    this.status.push(status);
  }

  /** Forgets what an unfinished draft added (its event times). */
  rollBack(): void {
    this.eventTimesUs.length = this.draft.eventsBefore;
  }

  traceIdOf(i: number): string {
    return this.otherTraceIds.get(i) ?? this.firstTraceId ?? '';
  }

  /** Every span's ID as 16 ASCII hex digits, back to back. */
  packedIds(bytes: Uint8Array): Uint8Array {
    const n = this.count;
    const packed = new Uint8Array(n * 16);
    for (let i = 0; i < n; i++) {
      const at = this.idAt[i];
      if (at >= 0) for (let k = 0; k < 16; k++) packed[i * 16 + k] = bytes[at + k];
      else {
        const text = this.idText.get(i) ?? '';
        for (let k = 0; k < 16; k++) packed[i * 16 + k] = text.charCodeAt(k);
      }
    }
    return packed;
  }

  parentIdText(bytes: Uint8Array, i: number): string {
    const at = this.parentAt[i];
    return at >= 0 ? asciiText(bytes, at, at + 16) : (this.parentText.get(i) ?? '');
  }
}
