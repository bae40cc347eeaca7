import type { Span } from '../../core/model/trace';
import { sanitizeSpan } from '../../core/otlp/sanitize';
import type { TraceStore } from '../storage/traceStore';

/** Something that wants to see every accepted span (span metrics, sampling statistics…). */
export type SpanObserver = (spans: readonly Span[]) => void;

export interface IngestPipeline {
  /** Sanitizes, stores and fans out one batch; resolves once the store has it. */
  accept(spans: readonly Span[]): Promise<void>;
  observe(observer: SpanObserver): void;
}

export function createIngestPipeline(store: TraceStore): IngestPipeline {
  const observers: SpanObserver[] = [];
  return {
    async accept(spans) {
      if (spans.length === 0) return;
      const clean = spans.map(sanitizeSpan);
      await store.writeSpans(clean);
      for (const o of observers) o(clean);
    },
    observe(observer) {
      observers.push(observer);
    },
  };
}
