import { formatDuration } from '../../format/duration';
import { rulerTicks } from './waterfallLayout';
import './timeRuler.css';

interface TimeRulerProps {
  viewStartUs: number;
  viewEndUs: number;
}

/** Tick labels above the timeline column for the visible window; grid lines follow the same ticks. */
export function TimeRuler({ viewStartUs, viewEndUs }: TimeRulerProps) {
  const ticks = rulerTicks(viewEndUs, viewStartUs);
  return (
    <div
      className="ruler"
      aria-label={`Timeline, ${viewStartUs === 0 ? '0' : formatDuration(viewStartUs)} to ${formatDuration(viewEndUs)}`}
    >
      {ticks.map((t) => (
        <span
          key={t.label}
          className={`ruler__tick num${t.percent < 4 ? ' ruler__tick--start' : t.percent > 96 ? ' ruler__tick--end' : ''}`}
          style={{ left: `${t.percent}%` }}
          aria-hidden="true"
        >
          {t.label}
        </span>
      ))}
    </div>
  );
}

/** Vertical grid lines at the ruler's ticks, one overlay for all rows rather than per-row DOM. */
export function TimeGrid({ viewStartUs, viewEndUs }: TimeRulerProps) {
  return (
    <div className="wf-grid" aria-hidden="true">
      <div className="wf-grid__timeline">
        {rulerTicks(viewEndUs, viewStartUs).map((t) => (
          <span key={t.label} className="wf-grid__line" style={{ left: `${t.percent}%` }} />
        ))}
      </div>
    </div>
  );
}
