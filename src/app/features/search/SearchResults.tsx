import { useMemo } from 'react';
import type { Trace } from '../../../core/model/trace';
import { summarizeTrace } from '../../../core/trace/summary';
import { TraceResultItem } from './TraceResultItem';

interface SearchResultsProps {
  traces: readonly Trace[];
  /** A refetch is under way; the old results stay readable meanwhile. */
  refreshing: boolean;
}

export function SearchResults({ traces, refreshing }: SearchResultsProps) {
  const summaries = useMemo(
    () =>
      traces.map(summarizeTrace).sort((a, b) => b.startUs - a.startUs || (a.traceId < b.traceId ? -1 : 1)),
    [traces],
  );
  const longestUs = summaries.reduce((max, s) => Math.max(max, s.durationUs), 0);
  const count = `${summaries.length} ${summaries.length === 1 ? 'trace' : 'traces'}`;

  return (
    <div className="results" aria-busy={refreshing}>
      <div className="results__header">
        <h2 className="num">{count}</h2>
        {refreshing && (
          <div className="progress results__progress" role="progressbar" aria-label="Refreshing results">
            <div className="progress__bar" />
          </div>
        )}
      </div>
      <ol className="results__list" aria-label="Traces">
        {summaries.map((s) => (
          <TraceResultItem key={s.traceId} summary={s} longestUs={longestUs} />
        ))}
      </ol>
    </div>
  );
}
