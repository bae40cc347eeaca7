/**
 * The first screen of a trace drawn from its head (api/traceHead.ts) while the whole trace is
 * still downloading and being read: the first rows in display order, all expanded, bars on the
 * trace's time axis, under the load's progress. Nothing here is interactive; the full page
 * replaces it with the same rows once the trace is loaded.
 */
import type { TraceHead } from '../../../../core/tree/traceHead';
import { durationUnitFor, formatDuration, formatDurationIn } from '../../../format/duration';
import { serviceColorOf } from '../../../theme/servicePalette';
import type { LoadProgress } from './loadProgress';
import { LoadProgressSteps } from './TraceLoadingView';
import './headPreview.css';

const TICKS = [0, 0.25, 0.5, 0.75, 1];
/** Indentation per level, capped so that deep rows keep room for their names. */
const INDENT_PX = 12;
const MAX_INDENT_LEVELS = 20;

/** Inside a wide bar at its start, as the waterfall writes it; after a narrow one. */
function DurationLabel({
  startUs,
  durationUs,
  totalUs,
}: {
  startUs: number;
  durationUs: number;
  totalUs: number;
}) {
  const inside = durationUs / totalUs > 0.12;
  const left = inside ? startUs / totalUs : (startUs + durationUs) / totalUs;
  return (
    <span
      className={
        inside ? 'head-preview__duration head-preview__duration--inside num' : 'head-preview__duration num'
      }
      style={{ left: `${left * 100}%` }}
    >
      {formatDuration(durationUs)}
    </span>
  );
}

export function TraceHeadPreview({ head, progress }: { head: TraceHead; progress?: LoadProgress }) {
  const root = head.rows[0];
  const total = head.durationUs > 0 ? head.durationUs : 1;
  const tickUnit = durationUnitFor(head.durationUs);
  const title = root ? `${root.service}: ${root.operation}` : `Trace ${head.traceId}`;
  return (
    <div className="head-preview">
      <div className="head-preview__header" role="status">
        <p className="head-preview__title">{title}</p>
        <p className="head-preview__facts num">
          {head.spanCount.toLocaleString('en-US')} spans · {head.serviceCount.toLocaleString('en-US')}{' '}
          {head.serviceCount === 1 ? 'service' : 'services'} · {formatDuration(head.durationUs)}
        </p>
        <LoadProgressSteps progress={progress} />
      </div>
      <div className="head-preview__ruler" aria-hidden="true">
        <span className="head-preview__ruler-name">Service: operation</span>
        <span className="head-preview__ruler-axis">
          {TICKS.map((t) => (
            <span key={t} className="head-preview__tick num" style={{ left: `${t * 100}%` }}>
              {formatDurationIn(t * head.durationUs, tickUnit)}
            </span>
          ))}
        </span>
      </div>
      <ol
        className="head-preview__rows"
        aria-label={`The first ${head.rows.length} of ${head.spanCount.toLocaleString('en-US')} spans, shown while the trace loads`}
      >
        {head.rows.map((r) => (
          <li key={r.spanId} className="head-preview__row" data-preview-row="">
            <span
              className="head-preview__name"
              style={{ paddingLeft: `${Math.min(r.depth, MAX_INDENT_LEVELS) * INDENT_PX + 8}px` }}
            >
              <span className="head-preview__swatch" style={{ background: serviceColorOf(r.service) }} />
              <span className="head-preview__service">{r.service}</span>
              <span className="head-preview__operation">{r.operation}</span>
              {r.error && <span className="head-preview__error">error</span>}
            </span>
            <span className="head-preview__track">
              <span
                className={r.error ? 'head-preview__bar head-preview__bar--error' : 'head-preview__bar'}
                style={{
                  left: `${(r.startUs / total) * 100}%`,
                  width: `max(2px, ${(r.durationUs / total) * 100}%)`,
                  background: serviceColorOf(r.service),
                }}
              />
              <DurationLabel startUs={r.startUs} durationUs={r.durationUs} totalUs={total} />
            </span>
          </li>
        ))}
      </ol>
      {head.spanCount > head.rows.length && (
        <p className="head-preview__more">
          The first {head.rows.length} of {head.spanCount.toLocaleString('en-US')} spans. Collapsing, find and
          span details open once the whole trace has loaded.
        </p>
      )}
    </div>
  );
}
