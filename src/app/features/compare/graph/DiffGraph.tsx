/** The aligned tree drawn with the app's graph renderer (ELK layered in a worker, d3 zoom). */
import { useMemo, useState } from 'react';
import type { ChangeThresholds, NodeChange } from '../../../../core/diff/diffNodes';
import type { TraceDiff } from '../../../../core/diff/traceDiff';
import { Graph } from '../../../components/graph/Graph';
import type { LayoutDirection } from '../../../components/graph/layoutProtocol';
import { changeLabels } from '../diffFormat';
import { diffGraphData, graphNodes, MAX_GRAPH_NODES } from './diffGraphData';

interface DiffGraphProps {
  diff: TraceDiff;
  /** The nodes the table would show (after the filter); the graph draws them and their callers. */
  nodes: Int32Array;
  thresholds: ChangeThresholds;
  contributorRank: ReadonlyMap<number, number>;
  selected: number | null;
  onSelect(node: number): void;
}

const LEGEND: readonly NodeChange[] = ['slower', 'faster', 'added', 'removed', 'same'];

export function DiffGraph({ diff, nodes, thresholds, contributorRank, selected, onSelect }: DiffGraphProps) {
  const [direction, setDirection] = useState<LayoutDirection>('RIGHT');
  const { shown, truncated } = useMemo(() => graphNodes(diff, nodes), [diff, nodes]);
  const data = useMemo(
    () => diffGraphData(diff, shown, thresholds, contributorRank),
    [diff, shown, thresholds, contributorRank],
  );
  return (
    <div className="diff-graph">
      <div className="diff-graph__notes">
        <ul className="diff-graph__legend" aria-label="Colours">
          {LEGEND.map((change) => (
            <li key={change}>
              <span className={`diff-graph__key diff-graph__key--${change}`} aria-hidden="true" />
              {changeLabels[change]}
            </li>
          ))}
          <li>
            <span className="diff-graph__key diff-graph__key--emphasis" aria-hidden="true" />
            top contributor
          </li>
        </ul>
        {truncated && (
          <p className="diff-graph__truncated">
            Showing {shown.length.toLocaleString()} of {nodes.length.toLocaleString()} operations: the top
            contributors and the largest changes in total time, with their callers (at most {MAX_GRAPH_NODES}
            ). The table lists them all.
          </p>
        )}
      </div>
      {data.nodes.length === 0 ? (
        <p className="compare-panel__empty">
          No operation matches. Choose “All nodes” or clear the text to find.
        </p>
      ) : (
        <Graph
          data={data}
          direction={direction}
          onDirectionChange={setDirection}
          ariaLabel="Operations of both traces, aligned by call path and coloured by change"
          selected={selected === null ? null : String(selected)}
          onNodeActivate={(id) => onSelect(Number(id))}
        />
      )}
    </div>
  );
}
