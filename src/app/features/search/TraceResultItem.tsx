import { memo } from 'react';
import { Link } from 'react-router';
import { jaegerTraceId } from '../../../core/model/ids';
import { ServiceChip, ServiceSwatch } from '../../components/ServiceChip';
import { formatDuration } from '../../format/duration';
import { formatStartTimePrecise, isoTime } from '../../format/time';
import { serviceColorOf } from '../../theme/servicePalette';
import { InsightsBadge } from './insights/InsightsBadge';
import { relativeTime } from './relativeTime';
import { traceName, type ResultRow } from './resultRows';

/** Chips beyond this are summed up as "+N more": a row keeps one fixed height. */
const MAX_SERVICE_CHIPS = 5;

interface TraceResultItemProps {
  row: ResultRow;
  /** The longest duration in the result list; bars are drawn relative to it. */
  longestUs: number;
  nowMs: number;
  selected: boolean;
  /** Absent where traces cannot be compared (embedded mode): no checkbox. */
  onToggleSelected?: (traceId: string) => void;
  /** 1-based position and list size, for assistive tech (only visible rows are in the DOM). */
  position: number;
  setSize: number;
  /** Offset from the top of the list, px (the list is virtualized). */
  top: number;
  height: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One search result: the whole card opens the trace, the title is the link's name. */
export const TraceResultItem = memo(function TraceResultItem({
  row,
  longestUs,
  nowMs,
  selected,
  onToggleSelected,
  position,
  setSize,
  top,
  height,
}: TraceResultItemProps) {
  const { summary, fileName } = row;
  const id = jaegerTraceId(summary.traceId);
  const name = traceName(summary);
  const barPercent = longestUs > 0 ? Math.max((summary.durationUs / longestUs) * 100, 0.5) : 0;
  const rootColor = serviceColorOf(summary.rootServiceName);
  const chips = summary.services.slice(0, MAX_SERVICE_CHIPS);
  const hidden = summary.services.slice(MAX_SERVICE_CHIPS);

  return (
    <li
      className={selected ? 'result result--selected' : 'result'}
      style={{ transform: `translateY(${top}px)`, height }}
      aria-posinset={position}
      aria-setsize={setSize}
      data-trace-id={summary.traceId}
    >
      <div className="result__head">
        {onToggleSelected && (
          <input
            type="checkbox"
            className="result__select"
            checked={selected}
            onChange={() => onToggleSelected(summary.traceId)}
            aria-label={`Compare ${name} (${id.slice(0, 7)})`}
          />
        )}
        <ServiceSwatch color={rootColor} />
        <h3 className="result__title">
          <Link to={`/trace/${id}`} className="result__link">
            {name}
          </Link>
        </h3>
        {fileName !== null && (
          <span className="result__badge" title={`Opened from ${fileName}`}>
            From file
          </span>
        )}
        <span className="result__id mono" title={id}>
          <span className="visually-hidden">Trace ID </span>
          {id.slice(0, 7)}
        </span>
        <span className="result__duration num">{formatDuration(summary.durationUs)}</span>
      </div>
      <div className="result__track" aria-hidden="true">
        <div className="result__bar" style={{ width: `${barPercent}%`, background: rootColor }} />
      </div>
      <div className="result__meta">
        <span className="num">{plural(summary.spanCount, 'span', 'spans')}</span>
        <span
          className={
            summary.errorCount > 0 ? 'result__errors result__errors--some num' : 'result__errors num'
          }
        >
          {plural(summary.errorCount, 'error', 'errors')}
        </span>
        <InsightsBadge summary={summary} />
        <ul className="result__services" aria-label="Services">
          {chips.map((s) => (
            <li key={s.name}>
              <ServiceChip name={s.name} spanCount={s.spanCount} errorCount={s.errorCount} />
            </li>
          ))}
          {hidden.length > 0 && (
            <li
              className="result__more"
              title={hidden.map((s) => `${s.name}: ${plural(s.spanCount, 'span', 'spans')}`).join('\n')}
            >
              +{hidden.length} more
            </li>
          )}
        </ul>
        <time
          className="result__time num"
          dateTime={isoTime(summary.startUs)}
          title={formatStartTimePrecise(summary.startUs)}
        >
          {relativeTime(summary.startUs, nowMs)}
        </time>
      </div>
    </li>
  );
});
