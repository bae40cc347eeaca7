import { jaegerTraceId } from '../../../core/model/ids';
import { CopyButton } from '../../components/CopyButton';
import { ServiceSwatch } from '../../components/ServiceChip';
import { apiUrl } from '../../basePath';
import { formatDuration } from '../../format/duration';
import { formatStartTimePrecise, isoTime } from '../../format/time';
import { serviceColorOf } from '../../theme/servicePalette';
import type { TraceSkeleton } from '../../workers/traceModel';
import { TraceProblems } from './TraceProblems';
import { traceTitle } from './traceTitle';

function Fact({
  term,
  children,
  className,
}: {
  term: string;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <div>
      <dt>{term}</dt>
      <dd className={className ?? 'num'}>{children}</dd>
    </div>
  );
}

interface TraceHeaderProps {
  skeleton: TraceSkeleton;
  /** Page-level controls shown at the end of the title row. */
  tools?: React.ReactNode;
}

export function TraceHeader({ skeleton, tools }: TraceHeaderProps) {
  const { summary } = skeleton;
  const id = jaegerTraceId(summary.traceId);
  const jsonUrl = apiUrl(`api/traces/${id}`, new URLSearchParams({ prettyPrint: 'true' })).toString();
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
        <div className="trace-header__tools">
          {tools}
          <a href={jsonUrl} target="_blank" rel="noreferrer">
            Trace JSON
          </a>
        </div>
      </div>
      <dl className="trace-header__facts">
        <Fact term="Start" className="">
          <time dateTime={isoTime(summary.startUs)}>{formatStartTimePrecise(summary.startUs)}</time>
        </Fact>
        <Fact term="Duration">{formatDuration(summary.durationUs)}</Fact>
        <Fact term="Services">{skeleton.services.length}</Fact>
        {/* Levels, counting the root as 1, as Jaeger UI reports depth. */}
        <Fact term="Depth">{summary.spanCount === 0 ? 0 : skeleton.maxDepth + 1}</Fact>
        <Fact term="Total spans">{summary.spanCount.toLocaleString()}</Fact>
        <Fact term="Errors" className={summary.errorCount > 0 ? 'num trace-header__errors' : 'num'}>
          {summary.errorCount.toLocaleString()}
        </Fact>
      </dl>
      <TraceProblems problems={skeleton.problems} traceWarnings={skeleton.traceWarnings} />
    </header>
  );
}
