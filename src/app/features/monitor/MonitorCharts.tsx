/**
 * The three service charts (latency, error rate, request rate) on one time axis. `syncId` makes
 * hovering one chart move the cursor on all three; clicking a point opens the traces behind it,
 * dragging across a chart opens the traces of that time range.
 */
import { useCallback, useEffect, useMemo, useRef, type MouseEvent } from 'react';
import { useNavigate } from 'react-router';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  useXAxisInverseScale,
  XAxis,
  YAxis,
} from 'recharts';
import type { DotItemDotProps, InverseScaleFunction } from 'recharts';
import { formatMs, formatPct, formatRate } from '../../format/metrics';
import { drillDownUrl, rangeDrillDownUrl, timeTicks, type ChartRow } from './monitorModel';
import { useChartBrush, type BrushBand } from './useChartBrush';

interface LineSpec {
  key: keyof ChartRow;
  name: string;
  color: string;
  dash?: string;
}

interface ChartSpec {
  id: string;
  title: string;
  unit: string;
  lines: LineSpec[];
  format: (v: number | null) => string;
  /** The latency chart also narrows the search to traces at least as slow as the clicked point. */
  minLatencyKey?: keyof ChartRow;
}

// Dash patterns as well as colours, so the quantiles stay apart without colour vision.
const CHARTS: ChartSpec[] = [
  {
    id: 'latency',
    title: 'Latency (ms)',
    unit: 'ms',
    format: formatMs,
    minLatencyKey: 'p95',
    lines: [
      { key: 'p50', name: 'p50', color: 'var(--color-accent)' },
      { key: 'p75', name: 'p75', color: 'var(--color-warning)', dash: '6 3' },
      { key: 'p95', name: 'p95', color: 'var(--color-danger)', dash: '2 2' },
    ],
  },
  {
    id: 'errors',
    title: 'Error rate (%)',
    unit: '%',
    format: formatPct,
    lines: [{ key: 'errorPct', name: 'Error rate', color: 'var(--color-danger)' }],
  },
  {
    id: 'rate',
    title: 'Request rate (req/s)',
    unit: 'req/s',
    format: formatRate,
    lines: [{ key: 'rate', name: 'Request rate', color: 'var(--color-accent)' }],
  },
];

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const secondsFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** Ticks that tell each other apart: seconds on short ranges, the day on ranges over a day. */
function tickFormat(rangeMs: number): Intl.DateTimeFormat {
  return rangeMs <= 15 * 60_000 ? secondsFormat : rangeMs > 86_400_000 ? dayFormat : timeFormat;
}
const fullTimeFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface MonitorChartsProps {
  rows: ChartRow[];
  service: string;
  stepMs: number;
  /** The time axis: the range asked for, epoch ms, however little of it has data. */
  fromMs: number;
  toMs: number;
  syncId: string;
}

function tooltipValue(format: (v: number | null) => string) {
  return (value: unknown) => format(typeof value === 'number' ? value : null);
}

/**
 * A dot only where a value has no neighbour: a line needs two points, so right after the first
 * traffic (or between gaps) a lone value would otherwise not be drawn at all.
 */
function isolatedDot(rows: ChartRow[], key: keyof ChartRow, color: string) {
  const IsolatedDot = ({ index, cx, cy }: DotItemDotProps) => {
    const has = (i: number) => rows[i] !== undefined && rows[i][key] !== null;
    if (!has(index) || has(index - 1) || has(index + 1) || cx === undefined || cy === undefined) {
      return <g key={index} />;
    }
    return <circle key={index} className="monitor-chart__dot" cx={cx} cy={cy} r={3} fill={color} />;
  };
  return IsolatedDot;
}

export function MonitorCharts(props: MonitorChartsProps) {
  return (
    <div className="monitor-charts">
      {CHARTS.map((spec) => (
        <MonitorChart key={spec.id} spec={spec} {...props} />
      ))}
    </div>
  );
}

function bandLabel(band: BrushBand): string {
  const [a, b] = [Math.min(band.from, band.to), Math.max(band.from, band.to)];
  return `${secondsFormat.format(a)}–${secondsFormat.format(b)} · Esc cancels`;
}

/** Hands the chart's pixel-to-time mapping out of the chart, for the drag's event handlers. */
function TimeScaleProbe({ onScale }: { onScale: (scale: InverseScaleFunction | undefined) => void }) {
  const scale = useXAxisInverseScale();
  useEffect(() => onScale(scale), [scale, onScale]);
  return null;
}

function MonitorChart({
  spec,
  rows,
  service,
  stepMs,
  fromMs,
  toMs,
  syncId,
}: MonitorChartsProps & { spec: ChartSpec }) {
  const navigate = useNavigate();
  const scale = useRef<InverseScaleFunction | undefined>(undefined);
  const timeAt = (event: MouseEvent) => {
    const box = (event.currentTarget as Element | null)?.getBoundingClientRect();
    const t = box && scale.current ? Number(scale.current(event.clientX - box.left)) : Number.NaN;
    return Number.isFinite(t) ? Math.min(Math.max(t, fromMs), toMs) : null;
  };
  const { band, handlers } = useChartBrush(
    timeAt,
    (index) => {
      const row = rows[index];
      if (!row) return;
      const minLatency = spec.minLatencyKey ? row[spec.minLatencyKey] : undefined;
      void navigate(drillDownUrl(service, null, row.t, stepMs, minLatency));
    },
    (from, to) => void navigate(rangeDrillDownUrl(service, null, from, to)),
  );
  const ticks = tickFormat(toMs - fromMs);
  const axisTicks = useMemo(() => timeTicks(fromMs, toMs), [fromMs, toMs]);
  const setScale = useCallback((next: InverseScaleFunction | undefined) => (scale.current = next), []);
  return (
    <figure
      className="monitor-chart"
      aria-labelledby={`monitor-chart-${spec.id}`}
      // The summary line above the charts is their text alternative.
      aria-describedby="monitor-summary"
    >
      <figcaption id={`monitor-chart-${spec.id}`} className="monitor-chart__title">
        {spec.title}
      </figcaption>
      <p className="monitor-chart__brush" aria-live="polite">
        {band ? bandLabel(band) : ''}
      </p>
      <div className="monitor-chart__plot" data-testid={`monitor-chart-${spec.id}`}>
        <ResponsiveContainer width="100%" height={200} initialDimension={{ width: 400, height: 200 }}>
          <LineChart
            data={rows}
            syncId={syncId}
            margin={{ top: 8, right: 16, bottom: 4, left: 12 }}
            {...handlers}
            // Pointer moves are handled as they come, not on the next frame, so a quick drag's
            // release names the point it ended on.
            throttledEvents={[]}
            style={{ cursor: band ? 'col-resize' : 'pointer' }}
          >
            <CartesianGrid stroke="var(--color-grid-line)" strokeDasharray="3 3" />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={[fromMs, toMs]}
              ticks={axisTicks}
              tickFormatter={(t: number) => ticks.format(t)}
              stroke="var(--color-text-muted)"
              fontSize={11}
            />
            <YAxis
              stroke="var(--color-text-muted)"
              fontSize={11}
              width={64}
              // The unit goes on the axis title: inside narrow ticks "0.004 req/s" would wrap.
              label={{
                value: spec.unit,
                angle: -90,
                position: 'insideLeft',
                fill: 'var(--color-text-muted)',
                fontSize: 11,
              }}
              tickFormatter={(v: number) => String(Number(v.toPrecision(3)))}
            />
            <Tooltip
              labelFormatter={(t) => (typeof t === 'number' ? fullTimeFormat.format(t) : String(t))}
              formatter={tooltipValue(spec.format)}
              contentStyle={{
                background: 'var(--color-raised)',
                border: '1px solid var(--color-border)',
                color: 'var(--color-text)',
              }}
              cursor={{ stroke: 'var(--color-text-muted)' }}
            />
            {spec.lines.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
            {spec.lines.map((l) => (
              <Line
                key={l.key}
                dataKey={l.key}
                name={l.name}
                stroke={l.color}
                strokeDasharray={l.dash}
                strokeWidth={2}
                dot={isolatedDot(rows, l.key, l.color)}
                isAnimationActive={false}
                connectNulls={false}
              />
            ))}
            <TimeScaleProbe onScale={setScale} />
            {band && (
              <ReferenceArea
                className="monitor-chart__selection"
                x1={band.from}
                x2={band.to}
                fill="var(--color-accent)"
                fillOpacity={0.18}
                stroke="var(--color-accent)"
                strokeOpacity={0.6}
                ifOverflow="hidden"
              />
            )}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
