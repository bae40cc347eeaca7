import { jaegerTraceId } from '../../../core/model/ids';
import type { TraceSummary } from '../../../core/trace/summary';
import type { TraceIndex } from '../../../core/tree/traceIndex';
import { CopyButton } from '../../components/CopyButton';
import { ServiceSwatch } from '../../components/ServiceChip';
import { formatDuration } from '../../format/duration';
import { formatStartTimePrecise, isoTime } from '../../format/time';
import { serviceColorOf } from '../../theme/servicePalette';
import { traceTitle } from './traceTitle';

interface TraceHeaderProps {
  summary: TraceSummary;
  index: TraceIndex;
}

export function TraceHeader({ summary, index }: TraceHeaderProps) {
  const id = jaegerTraceId(summary.traceId);
  return (
    <header className="trace-header">
      <div className="trace-header__title-row">
        <h1 className="trace-header__title">
          <ServiceSwatch color={serviceColorOf(summary.rootServiceName)} />
          {traceTitle(summary)}
        </h1>
        <div className="trace-header__id">
          <span className="visually-hidden">Trace ID</span>
          <code className="mono">{id}</code>
          <CopyButton text={id} label="Copy trace ID" />
        </div>
      </div>
      <dl className="trace-header__facts">
        <div>
          <dt>Start</dt>
          <dd>
            <time dateTime={isoTime(summary.startUs)}>{formatStartTimePrecise(summary.startUs)}</time>
          </dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd className="num">{formatDuration(summary.durationUs)}</dd>
        </div>
        <div>
          <dt>Services</dt>
          <dd className="num">{index.services.length}</dd>
        </div>
        <div>
          {/* Levels, counting the root as 1, as Jaeger UI reports depth. */}
          <dt>Depth</dt>
          <dd className="num">{summary.spanCount === 0 ? 0 : index.maxDepth + 1}</dd>
        </div>
        <div>
          <dt>Total spans</dt>
          <dd className="num">{summary.spanCount}</dd>
        </div>
        <div>
          <dt>Errors</dt>
          <dd className={summary.errorCount > 0 ? 'num trace-header__errors' : 'num'}>
            {summary.errorCount}
          </dd>
        </div>
      </dl>
      {summary.orphanCount > 0 && (
        <p className="trace-header__warning">
          Incomplete trace: {summary.orphanCount} {summary.orphanCount === 1 ? 'span refers' : 'spans refer'}{' '}
          to a parent that is not in it, shown at the top level.
        </p>
      )}
    </header>
  );
}
