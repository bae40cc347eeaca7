/**
 * Three small charts on one time axis (p95 latency, request rate, error rate) with the span's
 * start marked; hovering one moves the cursor on all three. Loaded on demand (recharts).
 */
import { useId } from 'react';
import { Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DotItemDotProps } from 'recharts';
import { formatMs, formatPct, formatRate } from '../../../format/metrics';
import type { SpanMetricsRow } from './spanMetrics';

interface Metric {
  key: 'p95' | 'rate' | 'errorPct';
  title: string;
  color: string;
  format: (value: number | null) => string;
}

const METRICS: Metric[] = [
  { key: 'p95', title: 'p95 latency', color: 'var(--color-accent)', format: formatMs },
  { key: 'rate', title: 'Request rate', color: 'var(--color-text-muted)', format: formatRate },
  { key: 'errorPct', title: 'Error rate', color: 'var(--color-danger)', format: formatPct },
];

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** The row whose minute holds the span's start (or the last before it). */
function rowAt(rows: readonly SpanMetricsRow[], ms: number): SpanMetricsRow {
  let found = rows[0];
  for (const row of rows) if (row.t <= ms) found = row;
  return found;
}

/** A dot where a value has no neighbour: a line needs two points, and early traffic has one. */
function loneDot(rows: readonly SpanMetricsRow[], key: Metric['key'], color: string) {
  const LoneDot = ({ index, cx, cy }: DotItemDotProps) => {
    const has = (i: number) => rows[i] !== undefined && rows[i][key] !== null;
    if (!has(index) || has(index - 1) || has(index + 1) || cx === undefined || cy === undefined) {
      return <g key={index} />;
    }
    return <circle key={index} cx={cx} cy={cy} r={2.5} fill={color} />;
  };
  return LoneDot;
}

interface SpanMetricsChartProps {
  rows: SpanMetricsRow[];
  spanStartMs: number;
  /** The window asked for, epoch ms: the time axis, whatever part of it has data. */
  fromMs: number;
  toMs: number;
}

export default function SpanMetricsChart({ rows, spanStartMs, fromMs, toMs }: SpanMetricsChartProps) {
  const syncId = useId();
  const atSpan = rowAt(rows, spanStartMs);
  return (
    <div className="span-metrics">
      {/* The figures at the span's time, which the charts show in context. */}
      <dl className="span-metrics__now">
        {METRICS.map((m) => (
          <div key={m.key}>
            <dt>{m.title}</dt>
            <dd className="num">{m.format(atSpan[m.key])}</dd>
          </div>
        ))}
        <div>
          <dt>At</dt>
          <dd className="num">{timeFormat.format(atSpan.t)}</dd>
        </div>
      </dl>
      {METRICS.map((m) => (
        <figure
          key={m.key}
          className="span-metrics__chart"
          aria-label={`${m.title} in the hour around the span`}
        >
          <figcaption className="span-metrics__caption">{m.title}</figcaption>
          <ResponsiveContainer width="100%" height={56} initialDimension={{ width: 320, height: 56 }}>
            <LineChart data={rows} syncId={syncId} margin={{ top: 4, right: 8, bottom: 4, left: 8 }}>
              <XAxis dataKey="t" type="number" scale="time" domain={[fromMs, toMs]} hide />
              <YAxis hide domain={[0, 'auto']} />
              <ReferenceLine x={spanStartMs} stroke="var(--color-text)" strokeDasharray="3 3" />
              <Tooltip
                labelFormatter={(t) => (typeof t === 'number' ? timeFormat.format(t) : String(t))}
                formatter={(value) => [m.format(typeof value === 'number' ? value : null), m.title]}
                contentStyle={{
                  background: 'var(--color-raised)',
                  border: '1px solid var(--color-border)',
                  color: 'var(--color-text)',
                  fontSize: 12,
                }}
                cursor={{ stroke: 'var(--color-text-muted)' }}
              />
              <Line
                dataKey={m.key}
                stroke={m.color}
                strokeWidth={1.5}
                dot={loneDot(rows, m.key, m.color)}
                isAnimationActive={false}
                connectNulls={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </figure>
      ))}
      <p className="span-metrics__axis num">
        <span>{timeFormat.format(fromMs)}</span>
        <span>dashed line: this span’s start</span>
        <span>{timeFormat.format(toMs)}</span>
      </p>
    </div>
  );
}
