import { formatDuration } from '../../../format/duration';
import { useTraceView } from '../state/traceViewStore';
import { FULL_RANGE, isFullRange } from '../viewRange';
import { rulerTicks } from '../waterfallLayout';
import { MinimapCanvas } from './MinimapCanvas';
import { MinimapSelection } from './MinimapSelection';
import './minimap.css';

/** The whole trace at a glance, and the place to zoom the waterfall's time axis. */
export function Minimap() {
  const skeleton = useTraceView((s) => s.skeleton);
  const range = useTraceView((s) => s.viewRange);
  const onRangeChange = useTraceView((s) => s.setViewRange);
  const rows = useTraceView((s) => s.viewport);
  const n = skeleton.spanCount;
  const viewport = rows && n > 0 ? { top: rows.first / n, bottom: (rows.last + 1) / n } : null;
  const duration = skeleton.traceDurationUs;
  const zoomed = !isFullRange(range);
  return (
    <section className="minimap" aria-label="Trace overview">
      <div className="minimap__ticks" aria-hidden="true">
        {rulerTicks(duration, 0, 6).map((t) => (
          <span key={t.percent} className="minimap__tick num" style={{ left: `${t.percent}%` }}>
            {t.label}
          </span>
        ))}
      </div>
      <div className="minimap__body">
        <MinimapCanvas skeleton={skeleton} />
        <MinimapSelection
          range={range}
          onChange={onRangeChange}
          traceDurationUs={duration}
          viewport={viewport}
        />
      </div>
      <div className="minimap__footer">
        <span className="minimap__hint">
          {zoomed
            ? `Showing ${formatDuration(range[0] * duration)} to ${formatDuration(range[1] * duration)}`
            : 'Drag across the overview to zoom into a time range'}
        </span>
        {zoomed && (
          <button type="button" className="btn btn--small" onClick={() => onRangeChange(FULL_RANGE)}>
            Reset zoom
          </button>
        )}
      </div>
    </section>
  );
}
