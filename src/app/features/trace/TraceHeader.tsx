import { jaegerTraceId } from '../../../core/model/ids';
import { CopyButton } from '../../components/CopyButton';
import { ServiceSwatch } from '../../components/ServiceChip';
import { formatDuration } from '../../format/duration';
import { formatStartTimePrecise, isoTime } from '../../format/time';
import { embedOptions } from '../../config/embedded';
import { traceLinks, traceLinkValues } from '../../config/linkPatterns';
import { PatternLinks } from '../../config/PatternLinks';
import { uiConfig } from '../../config/runtimeConfig';
import { serviceColorOf } from '../../theme/servicePalette';
import type { TraceSkeleton } from '../../workers/traceModel';
import { ArchiveButton } from './ArchiveButton';
import { TraceJsonLink } from './loading/TraceJsonLink';
import { InsightsCount } from './insights/InsightsCount';
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
  /** Only the title row (Jaeger UI's slim header, `uiTimelineCollapseTitle`). */
  slim?: boolean;
  onToggleSlim?: () => void;
}

export function TraceHeader({ skeleton, tools, slim = false, onToggleSlim }: TraceHeaderProps) {
  const { summary } = skeleton;
  const id = jaegerTraceId(summary.traceId);
  const config = uiConfig();
  const shownId = config.traceIdDisplayLength === null ? id : id.slice(0, config.traceIdDisplayLength);
  const links = traceLinks(config.linkPatterns, traceLinkValues(summary, traceTitle(summary)));
  // Embedded (uiEmbed=v0), the header is the trace's identity and its summary; the page's tools,
  // the JSON link and the insights (whose strip is not shown) stay in the full view.
  const embedded = embedOptions().embedded;
  return (
    <header className="trace-header">
      <div className="trace-header__title-row">
        <h1 className="trace-header__title">
          <ServiceSwatch color={serviceColorOf(summary.rootServiceName)} />
          {traceTitle(summary)}
        </h1>
        <div className="trace-header__id">
          <span className="visually-hidden">Trace ID</span>
          <code className="mono" title={shownId === id ? undefined : id}>
            {shownId}
          </code>
          <CopyButton text={id} label="Copy trace ID" />
        </div>
        <PatternLinks links={links} sameTab={config.forbidNewPage} className="trace-header__links" />
        <div className="trace-header__tools">
          {tools}
          <ArchiveButton traceId={id} />
          {!config.disableJsonView && !embedded && <TraceJsonLink traceId={id} />}
          {onToggleSlim && (
            <button
              type="button"
              className="link-button"
              aria-expanded={!slim}
              aria-controls="trace-summary"
              onClick={onToggleSlim}
            >
              {slim ? 'Show summary' : 'Hide summary'}
            </button>
          )}
        </div>
      </div>
      <dl
        className="trace-header__facts"
        id="trace-summary"
        hidden={slim || embedOptions().timelineHideSummary}
      >
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
        {!embedded && (
          <Fact term="Insights">
            <InsightsCount />
          </Fact>
        )}
      </dl>
      <TraceProblems problems={skeleton.problems} traceWarnings={skeleton.traceWarnings} />
    </header>
  );
}
