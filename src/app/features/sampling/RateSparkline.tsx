import { memo } from 'react';
import { Line, LineChart, YAxis } from 'recharts';
import { formatRate, type ObservedPoint } from './samplingModel';

const WIDTH = 120;
const HEIGHT = 28;
const MARGIN = { top: 3, right: 2, bottom: 3, left: 2 };

interface RateSparklineProps {
  points: readonly ObservedPoint[];
  /** For the text alternative, e.g. "last 5 minutes". */
  period: string;
}

/**
 * Spans per second over the window, one point per bucket: every service has spans, while only
 * the services where traces start have traces. The label says what a sighted reader takes from
 * the chart (latest and peak). Colours come from CSS classes, so a theme switch repaints it.
 */
export const RateSparkline = memo(function RateSparkline({ points, period }: RateSparklineProps) {
  const latest = points.at(-1)?.spansPerSecond ?? 0;
  const peak = points.reduce((max, p) => Math.max(max, p.spansPerSecond), 0);
  return (
    <div
      className="sparkline"
      role="img"
      aria-label={`Spans per second, ${period}: latest ${formatRate(latest)}, peak ${formatRate(peak)}`}
    >
      <LineChart width={WIDTH} height={HEIGHT} data={[...points]} margin={MARGIN} accessibilityLayer={false}>
        {/* A flat zero line sits on the floor, not in the middle. */}
        <YAxis hide domain={[0, (max: number) => Math.max(max, 0.001)]} />
        <Line
          type="monotone"
          dataKey="spansPerSecond"
          className="sparkline__line"
          dot={false}
          strokeWidth={1.5}
          isAnimationActive={false}
        />
      </LineChart>
    </div>
  );
});
