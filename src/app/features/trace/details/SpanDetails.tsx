import { useHref } from 'react-router';
import { jaegerTraceId } from '../../../../core/model/ids';
import { SpanKind, spanKindNames, StatusCode } from '../../../../core/model/trace';
import { CopyButton } from '../../../components/CopyButton';
import { ServiceSwatch } from '../../../components/ServiceChip';
import { formatDuration } from '../../../format/duration';
import { needsAncestors, spanLinkScope, traceLinkValues } from '../../../config/linkPatterns';
import { uiConfig } from '../../../config/runtimeConfig';
import { serviceColorOf } from '../../../theme/servicePalette';
import type { SpanDetailsPayload, TraceSkeleton } from '../../../workers/traceModel';
import { AttributesTable } from './AttributesTable';
import { DetailsSection } from './DetailsSection';
import { SpanEvents } from './SpanEvents';
import { SpanLinks } from './SpanLinks';
import { SpanMetricsSection } from './SpanMetricsSection';
import { useAncestorLists } from './useAncestorLists';
import { traceTitle } from '../traceTitle';

interface SpanDetailsProps {
  details: SpanDetailsPayload;
  skeleton: TraceSkeleton;
  onOpenRow(row: number): void;
  /** Heading level: 2 in the side panel, 3 inline under a row. */
  headingLevel?: 2 | 3;
}

const STATUS_NAMES = { [StatusCode.Unset]: 'Unset', [StatusCode.Ok]: 'OK', [StatusCode.Error]: 'Error' };

function useSpanDeepLink(traceId: string, spanId: string): string {
  const href = useHref(`/trace/${jaegerTraceId(traceId)}?uiFind=${spanId}`);
  return new URL(href, window.location.href).toString();
}

export function SpanDetails({ details, skeleton, onOpenRow, headingLevel = 2 }: SpanDetailsProps) {
  const { span, row, warnings, links } = details;
  const service = skeleton.services[skeleton.service[row]];
  const deepLink = useSpanDeepLink(skeleton.traceId, span.spanId);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const kind = spanKindNames[span.kind];
  const isError = span.status.code === StatusCode.Error;
  const traceValues = traceLinkValues(skeleton.summary, traceTitle(skeleton.summary));
  // Link patterns may take parameters from ancestors: fetched only when the span lacks one.
  const patterns = uiConfig().linkPatterns;
  const ownScope = spanLinkScope(span, traceValues);
  const wantsAncestors =
    patterns.length > 0 &&
    (needsAncestors(patterns, 'attributes', span.attributes, ownScope) ||
      span.events.some((e) => needsAncestors(patterns, 'events', e.attributes, ownScope)));
  const ancestors = useAncestorLists(row, wantsAncestors);
  const linkScope = ancestors.length > 0 ? spanLinkScope(span, traceValues, ancestors) : ownScope;
  return (
    <article className="span-details" aria-label={`Span ${span.name}`}>
      <header className="span-details__header">
        <Heading className="span-details__title">{span.name || '(no name)'}</Heading>
        <p className="span-details__service">
          <ServiceSwatch color={serviceColorOf(service)} /> {service}
          {kind && span.kind !== SpanKind.Internal && (
            <span className={`kind-badge kind-badge--${kind}`}>{kind}</span>
          )}
        </p>
      </header>
      <dl className="span-details__facts">
        <div>
          <dt>Status</dt>
          <dd className={isError ? 'span-details__error' : undefined}>
            {STATUS_NAMES[span.status.code]}
            {span.status.message && `: ${span.status.message}`}
          </dd>
        </div>
        <div>
          <dt>Start</dt>
          <dd className="num">{formatDuration(skeleton.startUs[row])} after the trace start</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd className="num">{formatDuration(skeleton.durationUs[row])}</dd>
        </div>
        <div>
          <dt>Kind</dt>
          <dd>{kind || 'unspecified'}</dd>
        </div>
        <div>
          <dt>Span ID</dt>
          <dd className="span-details__id">
            <code>{span.spanId}</code>
            <CopyButton text={span.spanId} label="Copy span ID" />
          </dd>
        </div>
        <div>
          <dt>Parent ID</dt>
          <dd className="span-details__id">
            {details.parentSpanId ? (
              <>
                <code>{details.parentSpanId}</code>
                <CopyButton text={details.parentSpanId} label="Copy parent span ID" />
              </>
            ) : (
              'none (a root span)'
            )}
          </dd>
        </div>
      </dl>
      <p className="span-details__deep-link">
        <CopyButton text={deepLink} label="Copy link to this span" />
        <span aria-hidden="true">Copy link to this span</span>
      </p>
      {warnings.length > 0 && (
        <DetailsSection title="Warnings" count={warnings.length} tone="warning">
          <ul className="span-details__warnings">
            {warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </DetailsSection>
      )}
      <DetailsSection title="Attributes" count={span.attributes.length}>
        <AttributesTable
          attributes={span.attributes}
          label="Span attributes"
          links={{ target: 'attributes', scope: linkScope }}
        />
      </DetailsSection>
      <DetailsSection title="Resource" count={span.resource.attributes.length} defaultOpen={false}>
        <AttributesTable
          attributes={span.resource.attributes}
          label="Resource attributes"
          links={{ target: 'resource', scope: linkScope }}
        />
        {(span.scope.name || span.scope.version) && (
          <p className="span-details__scope">
            Instrumentation scope: <code>{span.scope.name}</code>{' '}
            {span.scope.version && <code>{span.scope.version}</code>}
          </p>
        )}
      </DetailsSection>
      {span.events.length > 0 && (
        <DetailsSection title="Events" count={span.events.length}>
          <SpanEvents
            events={span.events}
            traceStartUs={skeleton.traceStartUs}
            spanStartUs={skeleton.startUs[row]}
            linkScope={linkScope}
          />
        </DetailsSection>
      )}
      {links.length > 0 && (
        <DetailsSection title="Links" count={links.length}>
          <SpanLinks links={links} skeleton={skeleton} onOpenRow={onOpenRow} />
        </DetailsSection>
      )}
      <SpanMetricsSection
        subject={{
          service,
          operation: span.name,
          kind: span.kind,
          startMs: (skeleton.traceStartUs + skeleton.startUs[row]) / 1000,
        }}
      />
    </article>
  );
}
