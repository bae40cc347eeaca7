import { Link } from 'react-router';
import { jaegerTraceId } from '../../../../core/model/ids';
import type { TraceSkeleton } from '../../../workers/traceModel';
import type { ResolvedLink } from '../../../workers/traceModel';
import { AttributesTable } from './AttributesTable';

interface SpanLinksProps {
  links: readonly ResolvedLink[];
  skeleton: TraceSkeleton;
  onOpenRow(row: number): void;
}

function refType(link: ResolvedLink): string {
  const tag = link.link.attributes.find((a) => a.key === 'opentracing.ref_type');
  return tag && tag.type === 'string' ? tag.value.replace('_', ' ') : 'link';
}

/**
 * Links and references. A span in this trace opens in place; one in another trace opens that
 * trace focused on it. The selected span is in the URL, so Back returns to this one.
 */
export function SpanLinks({ links, skeleton, onOpenRow }: SpanLinksProps) {
  return (
    <ul className="links">
      {links.map((l, i) => {
        const { traceId, spanId } = l.link;
        const sameTrace = traceId === skeleton.traceId;
        const name =
          l.row >= 0
            ? `${skeleton.services[skeleton.service[l.row]]}: ${skeleton.operations[skeleton.operation[l.row]]}`
            : null;
        return (
          <li key={i} className="links__item">
            <span className="links__type">{refType(l)}</span>
            {sameTrace && l.row >= 0 && (
              <button type="button" className="link-button" onClick={() => onOpenRow(l.row)}>
                {name} <span className="mono">({spanId})</span>
              </button>
            )}
            {sameTrace && l.row < 0 && (
              <span>
                Span <code>{spanId}</code> in this trace (not present in the stored data)
              </span>
            )}
            {!sameTrace && (
              <Link to={`/trace/${jaegerTraceId(traceId)}?uiFind=${spanId}`}>
                Span <span className="mono">{spanId}</span> in trace{' '}
                <span className="mono">{jaegerTraceId(traceId)}</span>
              </Link>
            )}
            {l.link.attributes.length > 0 && (
              <AttributesTable attributes={l.link.attributes} label={`Attributes of the link to ${spanId}`} />
            )}
          </li>
        );
      })}
    </ul>
  );
}
