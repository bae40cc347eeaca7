/** Lookback, refresh, direction, focus service + depth and node search of the topology page. */
import { useId } from 'react';
import type { LayoutDirection } from '../../components/graph/layoutProtocol';
import { LOOKBACKS } from './topologyApi';

export const MAX_DEPTH = 5;

interface Props {
  services: string[];
  lookbackMs: number;
  onLookback: (ms: number) => void;
  autoRefresh: boolean;
  onAutoRefresh: (on: boolean) => void;
  direction: LayoutDirection;
  onDirection: (d: LayoutDirection) => void;
  focus: string;
  onFocus: (service: string) => void;
  depth: number;
  onDepth: (depth: number) => void;
  search: string;
  onSearch: (text: string) => void;
  matches: string[];
}

export function TopologyControls(p: Props) {
  const id = useId();
  return (
    <div className="topology-controls" role="group" aria-label="Graph options">
      <label className="topology-controls__field">
        <span>Lookback</span>
        <select
          className="select"
          value={p.lookbackMs}
          onChange={(e) => p.onLookback(Number(e.target.value))}
        >
          {LOOKBACKS.map((l) => (
            <option key={l.value} value={l.value}>
              {l.label}
            </option>
          ))}
        </select>
      </label>
      <label className="topology-controls__check">
        <input type="checkbox" checked={p.autoRefresh} onChange={(e) => p.onAutoRefresh(e.target.checked)} />
        Auto-refresh
      </label>
      <fieldset className="topology-controls__segmented">
        <legend>Direction</legend>
        {(
          [
            ['RIGHT', 'Left to right'],
            ['DOWN', 'Top to bottom'],
          ] as const
        ).map(([value, label]) => (
          <label key={value}>
            <input
              type="radio"
              name={`${id}-dir`}
              checked={p.direction === value}
              onChange={() => p.onDirection(value)}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <label className="topology-controls__field">
        <span>Focus service</span>
        <select className="select" value={p.focus} onChange={(e) => p.onFocus(e.target.value)}>
          <option value="">All services</option>
          {p.services.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="topology-controls__field">
        <span>Depth</span>
        <select
          className="select"
          value={p.depth}
          disabled={p.focus === ''}
          onChange={(e) => p.onDepth(Number(e.target.value))}
        >
          {Array.from({ length: MAX_DEPTH }, (_, i) => i + 1).map((d) => (
            <option key={d} value={d}>
              {d} {d === 1 ? 'hop' : 'hops'}
            </option>
          ))}
        </select>
      </label>
      <div className="topology-controls__search">
        <label className="topology-controls__field">
          <span>Find service</span>
          <input
            className="input"
            type="search"
            value={p.search}
            aria-controls={`${id}-matches`}
            onChange={(e) => p.onSearch(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && p.matches.length > 0) p.onFocus(p.matches[0]);
            }}
          />
        </label>
        {p.search.trim() !== '' && (
          <ul id={`${id}-matches`} className="topology-controls__matches" aria-label="Matching services">
            {p.matches.length === 0 && <li className="topology-controls__none">No service matches</li>}
            {p.matches.slice(0, 8).map((s) => (
              <li key={s}>
                <button type="button" className="btn" onClick={() => p.onFocus(s)}>
                  Focus {s}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
