import { Suspense, useCallback, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { jaegerTraceId } from '../../../core/model/ids';
import { embedOptions } from '../../config/embedded';
import { DownloadResults } from './DownloadResults';
import { compareUrl, SORT_ORDERS, sortRows, type ResultRow, type SortOrder } from './resultRows';
import { LazyTraceScatterPlot } from './lazyScatterPlot';
import { TraceResultList } from './TraceResultList';

interface SearchResultsProps {
  rows: readonly ResultRow[];
  sort: SortOrder;
  onSortChange(sort: SortOrder): void;
  onSelectRange(startUs: number, endUs: number): void;
  /** A refetch is under way; the old results stay readable meanwhile. */
  refreshing: boolean;
  /** A note above the list, e.g. that the backend search found nothing next to opened files. */
  notice?: string;
}

export function SearchResults({
  rows,
  sort,
  onSortChange,
  onSelectRange,
  refreshing,
  notice,
}: SearchResultsProps) {
  const navigate = useNavigate();
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);
  // Selection order is kept: the first trace picked is A in the comparison.
  const [picked, setPicked] = useState<readonly string[]>([]);
  const present = useMemo(() => new Set(rows.map((r) => r.summary.traceId)), [rows]);
  const selected = useMemo(() => new Set(picked.filter((id) => present.has(id))), [picked, present]);
  const selectedList = [...selected];
  const toggle = useCallback(
    (traceId: string) =>
      setPicked((list) =>
        list.includes(traceId) ? list.filter((id) => id !== traceId) : [...list, traceId],
      ),
    [],
  );
  const open = useCallback(
    (traceId: string) => void navigate(`/trace/${jaegerTraceId(traceId)}`),
    [navigate],
  );
  const files = rows.filter((r) => r.fileName !== null).length;
  // Embedded (uiEmbed=v0), as in Jaeger UI: the results alone, no comparison or download.
  const embedded = embedOptions().embedded;
  const count = `${rows.length} ${rows.length === 1 ? 'trace' : 'traces'}`;

  return (
    <div className="results" aria-busy={refreshing}>
      <div className="results__header">
        <h2 className="num">{count}</h2>
        {files > 0 && files < rows.length && <span className="results__files num">{files} from files</span>}
        {refreshing && (
          <div className="progress results__progress" role="progressbar" aria-label="Refreshing results">
            <div className="progress__bar" />
          </div>
        )}
        <div className="results__tools">
          <label className="results__sort">
            <span className="field__label">Sort</span>
            <span className="select-wrap">
              <select
                className="select"
                value={sort}
                onChange={(e) => onSortChange(e.target.value as SortOrder)}
              >
                {SORT_ORDERS.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </span>
          </label>
          {!embedded && (
            <>
              <DownloadResults traceIds={sorted.map((r) => r.summary.traceId)} />
              <span className="results__selection num" aria-live="polite">
                {selectedList.length === 0 ? 'Select 2 traces to compare' : `${selectedList.length} selected`}
              </span>
              {selectedList.length > 0 && (
                <button type="button" className="btn" onClick={() => setPicked([])}>
                  Clear selection
                </button>
              )}
              <button
                type="button"
                className="btn btn--primary"
                disabled={selectedList.length !== 2}
                onClick={() => void navigate(compareUrl(selectedList[0], selectedList[1]))}
              >
                Compare
              </button>
            </>
          )}
        </div>
      </div>
      {notice && <p className="results__notice">{notice}</p>}
      {!embedOptions().searchHideGraph && (
        <Suspense fallback={<div className="scatter scatter--loading" aria-hidden="true" />}>
          <LazyTraceScatterPlot rows={rows} onOpen={open} onSelectRange={onSelectRange} />
        </Suspense>
      )}
      <TraceResultList rows={sorted} selected={selected} onToggleSelected={embedded ? undefined : toggle} />
    </div>
  );
}
