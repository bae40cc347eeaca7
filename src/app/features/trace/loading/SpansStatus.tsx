/**
 * While the spans of a huge trace still download behind rows that came first (the columns
 * route, docs/trace-columns-api.md), says what works already and how far the rest has got; says
 * so plainly when the spans could not be read, with a way to reopen the trace.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { formatBytes } from '../../../format/bytes';
import type { SpansState, TraceHandle } from '../../../workers/traceClient';
import { loadedTraceKey } from './useLoadedTrace';
import { LoadBar } from './LoadBar';
import './loading.css';

function downloadedText(s: Extract<SpansState, { state: 'downloading' }>): string {
  return s.totalBytes
    ? `${formatBytes(s.receivedBytes)} of ${formatBytes(s.totalBytes)}`
    : `${formatBytes(s.receivedBytes)} so far`;
}

export function SpansStatus({ handle }: { handle: TraceHandle }) {
  const spans = useSyncExternalStore(handle.subscribeSpans, handle.spansState);
  const client = useQueryClient();
  if (spans.state === 'complete') return null;
  if (spans.state === 'failed') {
    const reopen = () => void client.resetQueries({ queryKey: loadedTraceKey(handle.skeleton.traceId) });
    return (
      <div className="spans-status spans-status--failed" role="alert">
        <p>
          {spans.changed
            ? 'This trace received new spans while it loaded, so the rows shown are not all of it. '
            : `The spans could not be read: ${spans.message} `}
          Span details come from the server one by one; text find and the other views need the spans.
        </p>
        <button type="button" className="btn" onClick={reopen}>
          Reopen the trace
        </button>
      </div>
    );
  }
  const fraction = spans.totalBytes ? spans.receivedBytes / spans.totalBytes : null;
  const text = `Reading the spans behind these rows: ${downloadedText(spans)}.`;
  return (
    <div className="spans-status" role="status" aria-label="Spans">
      <LoadBar label={text} fraction={fraction} className="spans-status__bar" />
      <p className="num">
        {text} Rows, collapse, critical path, span details and find by duration, error, kind or service work
        now; text find and the other views follow.
      </p>
    </div>
  );
}
