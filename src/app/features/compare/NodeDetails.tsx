/** The selected node: where it sits, its figures side by side, and the way to its spans. */
import { Link } from 'react-router';
import {
  contribution,
  nodeChange,
  nodePath,
  percentChange,
  type ChangeThresholds,
} from '../../../core/diff/diffNodes';
import type { DiffSide, TraceDiff } from '../../../core/diff/traceDiff';
import { formatDuration } from '../../format/duration';
import { ChangeBadge } from './ChangeBadge';
import { spanHref } from './compareUrl';
import { formatCountChange, formatDurationChange, formatPercentChange } from './diffFormat';

interface NodeDetailsProps {
  diff: TraceDiff;
  node: number;
  thresholds: ChangeThresholds;
  /** The trace IDs as the URL names them, for links. */
  traceIds: { a: string; b: string };
  onClose(): void;
}

interface Figure {
  label: string;
  value(side: DiffSide, node: number): number;
  duration: boolean;
}

const FIGURES: readonly Figure[] = [
  { label: 'Spans', value: (s, n) => s.count[n], duration: false },
  { label: 'Errors', value: (s, n) => s.errors[n], duration: false },
  { label: 'Total', value: (s, n) => s.totalUs[n], duration: true },
  { label: 'Mean per span', value: (s, n) => (s.count[n] ? s.totalUs[n] / s.count[n] : 0), duration: true },
  { label: 'Self', value: (s, n) => s.selfUs[n], duration: true },
  { label: 'On critical path', value: (s, n) => s.criticalUs[n], duration: true },
];

function SpanLink({
  traceId,
  side,
  count,
  spanId,
}: {
  traceId: string;
  side: 'A' | 'B';
  count: number;
  spanId: string;
}) {
  if (count === 0) return <span className="node-details__absent">Not in trace {side}</span>;
  return (
    <Link className="btn" to={spanHref(traceId, spanId)}>
      Open in trace {side}
      {count > 1 && <span className="node-details__first">(first of {count.toLocaleString()})</span>}
    </Link>
  );
}

export function NodeDetails({ diff, node, thresholds, traceIds, onClose }: NodeDetailsProps) {
  const path = nodePath(diff, node);
  const name = path[path.length - 1];
  const critical = contribution(diff, node);
  return (
    <section className="node-details" aria-labelledby="node-details-title">
      <header className="node-details__header">
        <h2 id="node-details-title" className="node-details__title">
          {name}
        </h2>
        <ChangeBadge change={nodeChange(diff, node, thresholds)} />
        <button
          type="button"
          className="btn btn--icon node-details__close"
          aria-label="Close details"
          onClick={onClose}
        >
          ×
        </button>
      </header>
      {path.length > 1 && (
        <ol className="node-details__path" aria-label="Call path">
          {path.map((label, i) => (
            <li key={i}>{label}</li>
          ))}
        </ol>
      )}
      <table className="node-details__figures">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Figure</span>
            </th>
            <th scope="col">A</th>
            <th scope="col">B</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {FIGURES.map((f) => {
            const va = f.value(diff.a, node);
            const vb = f.value(diff.b, node);
            const show = (v: number) => (f.duration ? formatDuration(v) : v.toLocaleString());
            const delta = f.duration ? formatDurationChange(vb - va) : formatCountChange(vb - va);
            const pct = f.duration ? ` (${formatPercentChange(percentChange(va, vb))})` : '';
            return (
              <tr key={f.label}>
                <th scope="row">{f.label}</th>
                <td className="num">{show(va)}</td>
                <td className="num">{show(vb)}</td>
                <td className="num">
                  {delta}
                  {va !== vb && pct}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="node-details__note">
        {critical === 0
          ? 'Its own time on the critical path did not change: it does not explain the end-to-end change.'
          : `Its own time on the critical path changed by ${formatDurationChange(critical)}: that much of the end-to-end change happened in this operation itself.`}
      </p>
      <div className="node-details__actions">
        <SpanLink
          traceId={traceIds.a}
          side="A"
          count={diff.a.count[node]}
          spanId={diff.a.firstSpanId[node]}
        />
        <SpanLink
          traceId={traceIds.b}
          side="B"
          count={diff.b.count[node]}
          spanId={diff.b.firstSpanId[node]}
        />
      </div>
    </section>
  );
}
