/**
 * The charts' points as a table, newest first, each with links to the traces behind it: the same
 * drill-down as clicking a point, reachable from the keyboard and readable by a screen reader.
 * Above it, a from/to pair of points does what dragging across a chart does.
 */
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { formatMs, formatPct, formatRate } from '../../format/metrics';
import { drillDownUrl, rangeDrillDownUrl, type ChartRow } from './monitorModel';

const timeFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

interface ChartDataTableProps {
  rows: ChartRow[];
  service: string;
  stepMs: number;
}

export function ChartDataTable({ rows, service, stepMs }: ChartDataTableProps) {
  const newestFirst = rows.filter((r) => r.rate !== null || r.p95 !== null).reverse();
  return (
    <details className="monitor-data">
      <summary className="monitor-data__summary">
        Chart data as a table{' '}
        <span className="num">
          ({newestFirst.length} {newestFirst.length === 1 ? 'point' : 'points'})
        </span>
      </summary>
      <RangeLink rows={newestFirst} service={service} stepMs={stepMs} />
      <div className="monitor-data__scroll">
        <table className="monitor-table">
          <caption className="visually-hidden">
            {service}: latency, error rate and request rate per point, newest first, with the traces behind
            each point
          </caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">P50</th>
              <th scope="col">P75</th>
              <th scope="col">P95</th>
              <th scope="col">Error rate</th>
              <th scope="col">Request rate</th>
              <th scope="col">Traces</th>
            </tr>
          </thead>
          <tbody>
            {newestFirst.map((r) => {
              const time = timeFormat.format(r.t);
              return (
                <tr key={r.t}>
                  <th scope="row" className="num">
                    <time dateTime={new Date(r.t).toISOString()}>{time}</time>
                  </th>
                  <td className="num">{formatMs(r.p50)}</td>
                  <td className="num">{formatMs(r.p75)}</td>
                  <td className="num">{formatMs(r.p95)}</td>
                  <td className="num">{formatPct(r.errorPct)}</td>
                  <td className="num">{formatRate(r.rate)}</td>
                  <td>
                    <span className="monitor-data__links">
                      <Link to={drillDownUrl(service, null, r.t, stepMs)} aria-label={`Traces at ${time}`}>
                        All
                      </Link>
                      {r.p95 !== null && (
                        <Link
                          to={drillDownUrl(service, null, r.t, stepMs, r.p95)}
                          aria-label={`Traces at ${time} as slow as the p95 (${formatMs(r.p95)}) or slower`}
                        >
                          ≥ p95
                        </Link>
                      )}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** Two points picked from lists (newest first, as the table) and a link to the traces between them. */
function RangeLink({ rows, service, stepMs }: ChartDataTableProps) {
  const id = useId();
  const [picked, setPicked] = useState<{ from: number | null; to: number | null }>({ from: null, to: null });
  if (rows.length < 2) return null;
  // A refresh can drop a picked point off the range; then the oldest/newest stands in again.
  const shown = (t: number | null) => t !== null && rows.some((r) => r.t === t);
  const from = shown(picked.from) ? Number(picked.from) : rows[rows.length - 1].t;
  const to = shown(picked.to) ? Number(picked.to) : rows[0].t;
  const options = rows.map((r) => (
    <option key={r.t} value={r.t}>
      {timeFormat.format(r.t)}
    </option>
  ));
  const label = `${timeFormat.format(Math.min(from, to))} to ${timeFormat.format(Math.max(from, to))}`;
  return (
    <div className="monitor-data__range" role="group" aria-label="Traces of a time range">
      <label htmlFor={`${id}-from`}>From</label>
      <select
        id={`${id}-from`}
        className="select"
        value={from}
        onChange={(e) => setPicked((p) => ({ ...p, from: Number(e.target.value) }))}
      >
        {options}
      </select>
      <label htmlFor={`${id}-to`}>to</label>
      <select
        id={`${id}-to`}
        className="select"
        value={to}
        onChange={(e) => setPicked((p) => ({ ...p, to: Number(e.target.value) }))}
      >
        {options}
      </select>
      {/* A point stands for the step before it: the range starts a step before the earlier one. */}
      <Link
        to={rangeDrillDownUrl(service, null, Math.min(from, to) - stepMs, Math.max(from, to))}
        aria-label={`Traces from ${label}`}
      >
        View traces
      </Link>
    </div>
  );
}
