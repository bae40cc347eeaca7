/** The per-operation table: sortable columns (aria-sort), a name filter and "View traces" links. */
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { formatMs, formatPct, formatRate } from '../../format/metrics';
import { viewTracesUrl, type OperationRow } from './monitorModel';

type SortKey = 'name' | 'p95' | 'rate' | 'errorPct' | 'impact';

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'p95', label: 'P95 latency' },
  { key: 'rate', label: 'Request rate' },
  { key: 'errorPct', label: 'Error rate' },
  { key: 'impact', label: 'Impact' },
];

interface OperationsTableProps {
  rows: OperationRow[];
  service: string;
  lookback: string;
}

function compare(a: OperationRow, b: OperationRow, key: SortKey): number {
  if (key === 'name') return a.name.localeCompare(b.name);
  // Missing values sort below every number whichever way the column is sorted.
  return (a[key] ?? -Infinity) - (b[key] ?? -Infinity);
}

export function OperationsTable({ rows, service, lookback }: OperationsTableProps) {
  // Jaeger UI opens the table with the heaviest operations first.
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'impact', desc: true });
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const kept = rows.filter((r) => r.name.toLowerCase().includes(needle));
    return kept.sort(
      (a, b) => (sort.desc ? -1 : 1) * compare(a, b, sort.key) || a.name.localeCompare(b.name),
    );
  }, [rows, filter, sort]);

  const toggle = (key: SortKey) =>
    setSort((s) => (s.key === key ? { key, desc: !s.desc } : { key, desc: key !== 'name' }));

  return (
    <section className="monitor-ops" aria-labelledby="monitor-ops-title">
      <div className="monitor-ops__header">
        <h2 id="monitor-ops-title" className="monitor-ops__title">
          Operations
        </h2>
        <label className="monitor-ops__search">
          <span className="visually-hidden">Search operations</span>
          <input
            type="search"
            className="input"
            placeholder="Search operations"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        </label>
      </div>
      <table className="monitor-table">
        <caption className="visually-hidden">
          Operations of {service}, averaged over the range; impact is latency × request rate, scaled 0–1
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th
                key={c.key}
                scope="col"
                aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}
              >
                <button type="button" className="monitor-table__sort" onClick={() => toggle(c.key)}>
                  {c.label}
                  <span aria-hidden="true">{sort.key === c.key ? (sort.desc ? ' ▼' : ' ▲') : ''}</span>
                </button>
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">Traces</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.name}>
              <th scope="row" className="monitor-table__name">
                {r.name}
              </th>
              <td>{formatMs(r.p95)}</td>
              <td>{formatRate(r.rate)}</td>
              <td>{formatPct(r.errorPct)}</td>
              <td>
                <span className="monitor-impact">
                  <span className="monitor-impact__bar" style={{ width: `${Math.round(r.impact * 100)}%` }} />
                </span>
                <span className="monitor-impact__value">{r.impact.toFixed(2)}</span>
              </td>
              <td>
                <Link to={viewTracesUrl(service, r.name, lookback)} aria-label={`View traces of ${r.name}`}>
                  View traces
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 && (
        <p className="monitor-ops__none" role="status">
          {rows.length === 0 ? 'No operations in this range.' : `No operation matches “${filter}”.`}
        </p>
      )}
    </section>
  );
}
