import { memo } from 'react';
import { formatDuration } from '../../format/duration';
import type { CriticalByRow, TraceSkeleton } from '../../workers/traceModel';
import type { ViewRange } from './viewRange';
import { barPlacement } from './waterfallLayout';
import { criticalPieces } from './criticalPieces';

interface SpanBarProps {
  skeleton: TraceSkeleton;
  critical: CriticalByRow;
  row: number;
  color: string;
  viewRange: ViewRange;
  /** Draw the connector from the client span in the row above (a client→server pair). */
  fromClientAbove: boolean;
  /** One of the spans a selected insight points at: the bar gets a ring. */
  highlighted?: boolean;
}

const MAX_EVENT_TICKS = 50;

/** A span's bar in the timeline column, with its critical-path segments and event ticks. */
export const SpanBar = memo(function SpanBar(props: SpanBarProps) {
  const { skeleton: s, critical, row, color, viewRange, fromClientAbove } = props;
  const viewStart = viewRange[0] * s.traceDurationUs;
  const viewSpan = (viewRange[1] - viewRange[0]) * s.traceDurationUs;
  const start = s.startUs[row];
  const duration = s.durationUs[row];
  const bar = barPlacement(start, duration, viewSpan, viewStart);
  const toPercent = (us: number) => Math.min(100, Math.max(0, ((us - viewStart) / viewSpan) * 100));
  const label = formatDuration(duration);
  const labelStyle =
    bar.label === 'after'
      ? { left: `${bar.leftPercent + bar.widthPercent}%` }
      : bar.label === 'before'
        ? { right: `${100 - bar.leftPercent}%` }
        : { left: `${bar.leftPercent}%` };

  const segments = criticalPieces(
    critical.startUs,
    critical.endUs,
    critical.offsets[row],
    critical.offsets[row + 1],
    viewStart,
    viewSpan,
  ).map((p, i) => (
    <span key={i} className="wf-critical" style={{ left: `${p.left}%`, width: `${p.width}%` }} />
  ));
  const ticks = [];
  const firstEvent = s.eventOffsets[row];
  const lastEvent = Math.min(s.eventOffsets[row + 1], firstEvent + MAX_EVENT_TICKS);
  for (let e = firstEvent; e < lastEvent; e++) {
    const at = s.eventTimesUs[e];
    if (at < viewStart || at > viewStart + viewSpan) continue;
    ticks.push(<span key={e} className="wf-event" style={{ left: `${toPercent(s.eventTimesUs[e])}%` }} />);
  }

  return (
    <>
      {fromClientAbove && bar.outside === null && (
        <span className="wf-rpc-link" style={{ left: `${bar.leftPercent}%` }} aria-hidden="true" />
      )}
      {bar.outside === null && (
        <span
          className={props.highlighted ? 'wf-bar wf-bar--highlighted' : 'wf-bar'}
          style={{ left: `${bar.leftPercent}%`, width: `${bar.widthPercent}%`, background: color }}
        />
      )}
      {segments}
      {ticks}
      <span
        className={`wf-bar__label wf-bar__label--${bar.outside ? `out-${bar.outside}` : bar.label} num`}
        style={bar.outside ? undefined : labelStyle}
      >
        {bar.outside === 'left' && '◂ '}
        {label}
        {bar.outside === 'right' && ' ▸'}
      </span>
    </>
  );
});
