/**
 * The worker side of a loaded trace: parses and indexes it, then answers the page's questions
 * (a span's details, find-in-trace) while keeping the spans. Plain TypeScript with no worker
 * globals, so tests (and browsers without module workers) run it on the main thread.
 */
import { criticalPath } from '../../core/criticalPath/criticalPath';
import { KEEP_ALL_DECODED_UP_TO, plainSpan } from '../../core/jaeger/lazyJaegerSpan';
import { JaegerResponseScanner } from '../../core/jaeger/scanJaegerResponse';
import type { Span } from '../../core/model/trace';
import {
  findSpans,
  parseFindQuery,
  prepareFind,
  readsSpans,
  type FindQuery,
} from '../../core/search/findInTrace';
import { traceProblemMessages, traceProblems } from '../../core/trace/traceWarnings';
import type { TraceColumns } from '../../core/tree/traceColumns';
import { buildTraceIndex, indexColumns, type TraceIndex, type TraceTree } from '../../core/tree/traceIndex';
import type { CriticalSegment } from '../../core/criticalPath/criticalPath';
import type { AnalysisContext } from './analyses/analysis';
import { findAnalysis } from './analyses/registry';
import { buildSkeleton } from './buildSkeleton';
import { SpansUnlikeTheirBytes } from './byteFind';
import { ByteAttributeMatcher } from './byteAttributeMatcher';
import { IncomingBody } from './incomingBody';
import { countSpanIds, spanWarnings, type SpanIdCounts } from './spanWarnings';
import { countIdBytes, inputsWithIdBytes, rowOfIdBytes } from './spanIdBytes';
import { findColumns } from '../../core/search/findColumns';
import { decodeGenerally } from './decodeGenerally';
import { utf8 } from './utf8';
import type {
  FindOutcome,
  ResolvedLink,
  SpanDetailsPayload,
  TraceProblemList,
  TraceSkeleton,
} from './traceModel';

export type LoadStage = 'parsing' | 'indexing' | 'analysing';

export { TraceLoadError } from './decodeGenerally';

function problemsOf(index: TraceTree): TraceProblemList {
  return { items: traceProblemMessages(traceProblems(index)) };
}

/** Whether two indexes of one trace show the same spans in the same rows. */
function sameRows(a: TraceTree, b: TraceTree): boolean {
  if (a.spanCount !== b.spanCount) return false;
  for (let row = 0; row < a.spanCount; row++) {
    if (a.inputIndex[row] !== b.inputIndex[row] || a.parent[row] !== b.parent[row]) return false;
  }
  return true;
}

export class TraceSession {
  /** The trace with its spans, once its JSON is read. */
  private index: TraceIndex | null = null;
  /**
   * The rows the page shows: the index's, or before the JSON is read those of the trace's
   * columns (openColumns), which carry no span objects.
   */
  private tree: TraceTree | null = null;
  /** Span IDs by input position, 16 ASCII hex digits each, when the trace came as columns. */
  private columnSpanIds: Uint8Array | null = null;
  private idCounts: SpanIdCounts | null = null;
  private rowById: Map<string, number> | null = null;
  /** Rows on the critical path, for `is:critical` searches. */
  private criticalRows = new Set<number>();
  private critical: CriticalSegment[] = [];
  private body: Uint8Array = new Uint8Array(0);
  private memo = new Map<string, unknown>();
  private incoming: IncomingBody | null = null;
  /** Next span (input position) to decode ahead of the first search; -1 when done. */
  private warmUpNext = -1;
  /** Where each span's JSON is, when the byte scan read the response (for find on huge traces). */
  private unlikeTheirBytes: SpansUnlikeTheirBytes | null = null;

  /** Starts receiving a response in pieces; each is scanned as it arrives (see append). */
  begin(expectedBytes: number | null): void {
    this.incoming = new IncomingBody(expectedBytes);
  }

  append(chunk: Uint8Array): void {
    if (!this.incoming) throw new Error('append before begin');
    this.incoming.append(chunk);
  }

  /** Ends a response received with begin/append and opens it as `load` does. */
  finish(sourceUrl: string, onStage: (stage: LoadStage) => void): TraceSkeleton {
    const incoming = this.incoming;
    if (!incoming) throw new Error('finish before begin');
    this.incoming = null;
    return this.open(incoming.bytes(), incoming.scanner, sourceUrl, onStage, incoming.unlikeStarts());
  }

  /** Opens a whole response body. */
  load(bytes: Uint8Array, sourceUrl: string, onStage: (stage: LoadStage) => void): TraceSkeleton {
    return this.open(bytes, new JaegerResponseScanner(utf8), sourceUrl, onStage);
  }

  private open(
    bytes: Uint8Array,
    scanner: JaegerResponseScanner,
    sourceUrl: string,
    onStage: (stage: LoadStage) => void,
    unlikeStarts: Float64Array | null = null,
  ): TraceSkeleton {
    const scanned = this.readAndIndex(bytes, scanner, sourceUrl, onStage, unlikeStarts);
    const index = this.loaded();
    onStage('analysing');
    this.tree = index;
    const segments = this.analyseTree(index);
    return buildSkeleton(index, {
      critical: segments,
      problems: problemsOf(index),
      warnings: index.trace.warnings,
      spans: index.spans,
      events: scanned?.events,
      spanIdBytes: scanned?.spanIdBytes,
    });
  }

  /** Reads a whole Jaeger response into the index (parsing and indexing stages). */
  private readAndIndex(
    bytes: Uint8Array,
    scanner: JaegerResponseScanner,
    sourceUrl: string,
    onStage: (stage: LoadStage) => void,
    /** Where escapes may start in the body, when they were looked for as it arrived. */
    unlikeStarts: Float64Array | null,
  ) {
    onStage('parsing');
    this.body = bytes;
    this.memo = new Map();
    const scanned = scanner.finish(bytes);
    const trace = scanned?.trace ?? decodeGenerally(bytes, sourceUrl);

    onStage('indexing');
    const index = buildTraceIndex(trace, scanned ?? {});
    this.index = index;
    this.unlikeTheirBytes =
      scanned && index.spans.length > KEEP_ALL_DECODED_UP_TO
        ? new SpansUnlikeTheirBytes({ bytes, ...scanned.spanBytes }, unlikeStarts)
        : null;
    // Above this, decoded spans are not all kept (memory): a search decodes what it needs then.
    this.warmUpNext = index.spans.length <= KEEP_ALL_DECODED_UP_TO ? 0 : -1;
    return scanned;
  }

  private analyseTree(tree: TraceTree): CriticalSegment[] {
    const segments = criticalPath(tree);
    this.critical = segments;
    this.criticalRows = new Set(segments.map((s) => s.row));
    return segments;
  }

  /**
   * Opens a trace from the all-in-one's columns (core/columns): the rows, critical path and
   * non-text find are ready at once; span details, text find and the analyses wait for the
   * trace's JSON (begin/append/finishBehindColumns), or come from the server meanwhile.
   */
  openColumns(columns: TraceColumns, onStage: (stage: LoadStage) => void): TraceSkeleton {
    onStage('indexing');
    const tree = indexColumns(columns);
    this.tree = tree;
    this.columnSpanIds = columns.spanIdBytes ?? null;
    onStage('analysing');
    const segments = this.analyseTree(tree);
    return buildSkeleton(tree, {
      critical: segments,
      problems: problemsOf(tree),
      warnings: columns.warnings,
      events: columns.events,
      spanIdBytes: columns.spanIdBytes,
    });
  }

  /** True once the spans are read: details, text find and analyses answer from them. */
  get complete(): boolean {
    return this.index !== null;
  }

  /**
   * Ends the JSON that follows a trace opened from columns. True when it shows the same rows;
   * false when the trace changed in between (spans still arriving): the page must reopen it.
   */
  finishBehindColumns(sourceUrl: string): boolean {
    const incoming = this.incoming;
    const tree = this.tree;
    if (!incoming || !tree) throw new Error('finishBehindColumns before openColumns and begin');
    this.incoming = null;
    this.readAndIndex(incoming.bytes(), incoming.scanner, sourceUrl, () => {}, incoming.unlikeStarts());
    const index = this.loaded();
    if (!sameRows(tree, index)) {
      this.index = null;
      return false;
    }
    this.tree = index;
    this.columnSpanIds = null;
    return true;
  }

  /**
   * Prepares find-in-trace in the background, a slice at a time: decodes spans (lazy after the
   * byte scan) for up to `budgetMs`, and once all are decoded builds find's tables. Returns true
   * while there is more to do. Other requests are answered between slices.
   */
  prepareFindSlice(budgetMs: number): boolean {
    if (!this.index) return false;
    if (this.warmUpNext < 0) return this.prepareByteFindSlice(budgetMs);
    const spans = this.index.trace.spans;
    const until = performance.now() + budgetMs;
    while (this.warmUpNext < spans.length) {
      plainSpan(spans[this.warmUpNext++]);
      if ((this.warmUpNext & 255) === 0 && performance.now() > until) return true;
    }
    this.warmUpNext = -1;
    prepareFind(this.index);
    return false;
  }

  /** Above KEEP_ALL_DECODED_UP_TO spans: what find's byte search needs (byteFind.ts). */
  private prepareByteFindSlice(budgetMs: number): boolean {
    const unlike = this.unlikeTheirBytes;
    if (!unlike) return false;
    const until = performance.now() + budgetMs;
    while (performance.now() < until) if (!unlike.advance(4_096)) return false;
    return true;
  }

  private loaded(): TraceIndex {
    if (!this.index) throw new Error('no trace is loaded');
    return this.index;
  }

  private shown(): TraceTree {
    if (!this.tree) throw new Error('no trace is loaded');
    return this.tree;
  }

  /** The span ID of a row (from the columns before the spans are read). */
  spanIdOf(row: number): string {
    const ids = this.columnSpanIds;
    if (!ids) return this.loaded().spans[row].spanId;
    const at = this.shown().inputIndex[row] * 16;
    return utf8(ids.subarray(at, at + 16));
  }

  /** The row of a span ID (its first span), or -1. */
  private rowOf(spanId: string): number {
    const ids = this.columnSpanIds;
    if (ids) return rowOfIdBytes(ids, spanId, findColumns(this.shown()).rowOfInput);
    const index = this.loaded();
    if (!this.rowById) {
      this.rowById = new Map();
      for (let row = index.spans.length - 1; row >= 0; row--) this.rowById.set(index.spans[row].spanId, row);
    }
    return this.rowById.get(spanId) ?? -1;
  }

  details(row: number): SpanDetailsPayload {
    const index = this.loaded();
    const lazy = index.spans[row];
    if (!lazy) throw new Error(`no span at row ${row}`);
    this.idCounts ??= countSpanIds(index);
    // A plain object: it is structured-cloned to the page.
    return this.detailsOf(row, plainSpan(lazy), this.idCounts);
  }

  /**
   * The details of a row whose span came from elsewhere (the server's span route, while the
   * trace's JSON is still downloading).
   */
  detailsFromSpan(row: number, span: Span): SpanDetailsPayload {
    const ids = this.columnSpanIds;
    if (this.index || !ids) return this.details(row);
    return this.detailsOf(row, span, { get: (spanId) => countIdBytes(ids, spanId) });
  }

  private detailsOf(row: number, span: Span, idCounts: SpanIdCounts): SpanDetailsPayload {
    const links: ResolvedLink[] = span.links.map((link) => ({
      link,
      row: link.traceId === span.traceId ? this.rowOf(link.spanId) : -1,
    }));
    return {
      row,
      span,
      parentSpanId: span.parentSpanId,
      links,
      warnings: spanWarnings(this.shown(), row, span, idCounts),
    };
  }

  find(text: string, downloaded?: string): FindOutcome {
    const parsed = parseFindQuery(text);
    if ('error' in parsed) return parsed;
    if (!this.index) {
      if (!readsSpans(parsed.query)) {
        return { rows: findSpans(this.shown(), parsed.query, { criticalRows: this.criticalRows }) };
      }
      const byId = this.rowsWithSpanId(parsed.query);
      if (byId) return { rows: byId };
      return {
        error:
          `Text and attribute terms search the spans, which are still downloading${downloaded ? ` (${downloaded})` : ''}. ` +
          'Duration, error, kind, service and critical-path terms work now.',
        waitsForSpans: true,
      };
    }
    const index = this.index;
    // Above KEEP_ALL_DECODED_UP_TO spans, decoded spans are not kept, and the AttributeTable
    // would decode every span on each search: the response's bytes are read instead.
    const unlike = this.unlikeTheirBytes;
    const attributes = unlike ? new ByteAttributeMatcher(index, unlike) : undefined;
    return { rows: findSpans(index, parsed.query, { criticalRows: this.criticalRows, attributes }) };
  }

  /**
   * A query that is one whole span ID (a `uiFind` deep link) answered from the columns' IDs
   * before the spans are read; null for any other query.
   */
  private rowsWithSpanId(query: FindQuery): Int32Array | null {
    const ids = this.columnSpanIds;
    const [term] = query.terms;
    if (!ids || query.terms.length !== 1 || term.type !== 'text' || !/^[0-9a-f]{16}$/i.test(term.text))
      return null;
    const rowOfInput = findColumns(this.shown()).rowOfInput;
    return Int32Array.from(inputsWithIdBytes(ids, term.text), (input) => rowOfInput[input]).sort();
  }

  /** Runs a named analysis from analyses/registry.ts on the loaded trace. */
  analyse(name: string, params: unknown): { result: unknown; transfer: Transferable[] } {
    const analysis = findAnalysis(name);
    if (!analysis) throw new Error(`unknown analysis ${name}`);
    const context: AnalysisContext = {
      index: this.loaded(),
      critical: this.critical,
      body: this.body,
      memo: this.memo,
    };
    const { result, transfer = [] } = analysis.run(context, params);
    return { result, transfer };
  }
}
