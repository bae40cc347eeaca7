import { memo } from 'react';
import { Link } from 'react-router';
import { jaegerTraceId } from '../../../core/model/ids';
import type { TraceSummary } from '../../../core/trace/summary';
import { ServiceChip, ServiceSwatch } from '../../components/ServiceChip';
import { formatDuration } from '../../format/duration';
import { formatStartTime, isoTime } from '../../format/time';
import { serviceColorOf } from '../../theme/servicePalette';

interface TraceResultItemProps {
  summary: TraceSummary;
  /** The longest duration in the result list; bars are drawn relative to it. */
  longestUs: number;
}

/** One search result: the whole card opens the trace, the title is the link's name. */
export const TraceResultItem = memo(function TraceResultItem({ summary, longestUs }: TraceResultItemProps) {
  const id = jaegerTraceId(summary.traceId);
  const name = summary.rootServiceName
    ? `${summary.rootServiceName}: ${summary.rootOperationName}`
    : 'Trace with no spans';
  const barPercent = longestUs > 0 ? Math.max((summary.durationUs / longestUs) * 100, 0.5) : 0;
  const rootColor = serviceColorOf(summary.rootServiceName);

  return (
    <li className="result">
      <div className="result__head">
        <ServiceSwatch color={rootColor} />
        <h3 className="result__title">
          <Link to={`/trace/${id}`} className="result__link">
            {name}
          </Link>
        </h3>
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
        <span className="num">
          {summary.spanCount} {summary.spanCount === 1 ? 'span' : 'spans'}
        </span>
        <span
          className={
            summary.errorCount > 0 ? 'result__errors result__errors--some num' : 'result__errors num'
          }
        >
          {summary.errorCount} {summary.errorCount === 1 ? 'error' : 'errors'}
        </span>
        <ul className="result__services" aria-label="Services">
          {summary.services.map((s) => (
            <li key={s.name}>
              <ServiceChip name={s.name} spanCount={s.spanCount} errorCount={s.errorCount} />
            </li>
          ))}
        </ul>
        <time className="result__time num" dateTime={isoTime(summary.startUs)}>
          {formatStartTime(summary.startUs)}
        </time>
      </div>
    </li>
  );
});
