import { formatDuration } from '../../format/duration';
import { rulerTicks } from './waterfallLayout';

/** The tick labels above the timeline column; the matching grid lines are drawn by CSS on each row. */
export function TimeRuler({ traceDurationUs }: { traceDurationUs: number }) {
  const ticks = rulerTicks(traceDurationUs);
  return (
    <div className="ruler" aria-label={`Timeline, 0 to ${formatDuration(traceDurationUs)}`}>
      {ticks.map((t) => (
        <span
          key={t.percent}
          className="ruler__tick num"
          style={{ left: `${t.percent}%` }}
          aria-hidden="true"
        >
          {t.label}
        </span>
      ))}
    </div>
  );
}
