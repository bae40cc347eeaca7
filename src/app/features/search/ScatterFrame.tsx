/**
 * The scatter plot's frame: recharts draws the axes and owns the scales, and reports them so the
 * dots can be painted on a canvas (ScatterCanvas). Recharts' own <Scatter> builds a React subtree,
 * tooltip entries and animation state per point: 1,500 of them took 3–4 s in Chromium, and even
 * bare SVG circles cost hundreds of milliseconds of style, layout and paint on every change.
 */
import { memo, useLayoutEffect } from 'react';
import { ScatterChart, usePlotArea, useXAxisScale, useYAxisScale, XAxis, YAxis } from 'recharts';
import { formatDuration } from '../../format/duration';
import {
  dayAndTime,
  SCATTER_HEIGHT,
  SCATTER_MARGIN,
  timeOfDay,
  X_AXIS_HEIGHT,
  Y_AXIS_WIDTH,
  type ScatterDomains,
  type ScatterFrameGeometry,
} from './scatterModel';

const shortTick = (ms: number) => timeOfDay.format(new Date(ms));
const longTick = (ms: number) => dayAndTime.format(new Date(ms));
// The axis starts at zero, which needs no unit.
const durationTick = (us: number) => (us === 0 ? '0' : formatDuration(us));

function GeometryReporter({ onGeometry }: { onGeometry(geometry: ScatterFrameGeometry): void }) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  const plot = usePlotArea();
  useLayoutEffect(() => {
    if (x && y && plot) onGeometry({ x: (v) => x(v) ?? NaN, y: (v) => y(v) ?? NaN, plot });
  }, [x, y, plot, onGeometry]);
  return null;
}

interface ScatterFrameProps {
  width: number;
  domains: ScatterDomains;
  onGeometry(geometry: ScatterFrameGeometry): void;
}

export const ScatterFrame = memo(function ScatterFrame({ width, domains, onGeometry }: ScatterFrameProps) {
  const longSpan = domains.x[1] - domains.x[0] > 20 * 3600e3;
  return (
    <ScatterChart width={width} height={SCATTER_HEIGHT} margin={SCATTER_MARGIN} accessibilityLayer={false}>
      <XAxis
        type="number"
        dataKey="x"
        domain={domains.x}
        allowDataOverflow
        height={X_AXIS_HEIGHT}
        tickFormatter={longSpan ? longTick : shortTick}
        tickCount={6}
        className="scatter__axis"
      />
      <YAxis
        type="number"
        dataKey="y"
        width={Y_AXIS_WIDTH}
        domain={domains.y}
        allowDataOverflow
        tickCount={4}
        tickFormatter={durationTick}
        className="scatter__axis"
      />
      <GeometryReporter onGeometry={onGeometry} />
    </ScatterChart>
  );
});
