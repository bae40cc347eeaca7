/**
 * What every trace store (memory, SQLite) offers the query API and ingest.
 * One conformance suite (conformance/suite.ts) runs against each implementation.
 */
import type { Span, Trace } from '../../core/model/trace';

export interface Operation {
  name: string;
  /** 'server' | 'client' | 'producer' | 'consumer' | 'internal', or '' for unspecified. */
  spanKind: string;
}

/** Jaeger's TraceQueryParams: a trace matches when one single span meets every criterion. */
export interface TraceQuery {
  /** '' = any service. */
  serviceName: string;
  /** '' = any operation; otherwise exact, case-sensitive. */
  operationName: string;
  /** Every entry must match (see Jaeger §3.2 for the special keys). Values compare as strings. */
  attributes: ReadonlyMap<string, string>;
  /** Inclusive bounds on the span's start, epoch nanoseconds; undefined = unbounded. */
  startTimeMin?: bigint;
  startTimeMax?: bigint;
  /** Inclusive bounds on the span's duration, nanoseconds; undefined or 0 = unbounded (as in Jaeger). */
  durationMin?: bigint;
  durationMax?: bigint;
  /** Maximum number of matching traces, newest-inserted first. */
  searchDepth: number;
}

export interface DependencyLink {
  parent: string;
  child: string;
  callCount: number;
}

export class StoreQueryError extends Error {
  override name = 'StoreQueryError';
}

export interface TraceStore {
  /** Stores spans; spans of a trace already stored are merged into it. */
  writeSpans(spans: readonly Span[]): Promise<void>;
  /** The stored spans of a trace (32 lower-case hex ID), or null when absent. */
  getTrace(traceId: string): Promise<Trace | null>;
  getServices(): Promise<string[]>;
  /** spanKind '' = every kind. */
  getOperations(service: string, spanKind: string): Promise<Operation[]>;
  /** Throws StoreQueryError for a searchDepth outside 1..maxTraces. */
  findTraces(query: TraceQuery): Promise<Trace[]>;
  /**
   * Parent service → child service call counts over traces strictly inside (start, end), epoch ns;
   * end 0 = no end. Throws StoreQueryError when start is 0 or end is before start (Jaeger §7).
   */
  getDependencies(start: bigint, end: bigint): Promise<DependencyLink[]>;
  /** Number of traces and spans held, for health and benchmarks. */
  stats(): { traces: number; spans: number };
  close(): Promise<void>;
}
