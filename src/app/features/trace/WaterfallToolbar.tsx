import type { ReactNode } from 'react';
import { uiConfig } from '../../config/runtimeConfig';
import { useTraceView } from './state/traceViewStore';
import { ServiceFilter } from './ServiceFilter';

interface WaterfallToolbarProps {
  findBar: ReactNode;
}

const TREE_ACTIONS = [
  { label: 'Expand all', key: '[', run: 'expandAll' },
  { label: 'Collapse all', key: ']', run: 'collapseAll' },
  { label: 'Expand +1', key: 'O', run: 'expandOneLevel', title: 'Expand one level' },
  { label: 'Collapse +1', key: 'P', run: 'collapseOneLevel', title: 'Collapse one level' },
] as const;

/** Find, tree and filter controls above the waterfall. */
export function WaterfallToolbar({ findBar }: WaterfallToolbarProps) {
  const updateTree = useTraceView((s) => s.updateTree);
  const criticalOnly = useTraceView((s) => s.criticalOnly);
  const setCriticalOnly = useTraceView((s) => s.setCriticalOnly);
  const hasCriticalPath = useTraceView((s) => s.critical.rows.length > 0);

  return (
    <div className="trace-toolbar">
      {findBar}
      <div className="trace-toolbar__group" role="group" aria-label="Expand and collapse">
        {TREE_ACTIONS.map((a) => (
          <button
            key={a.run}
            type="button"
            className="btn btn--small"
            title={`${'title' in a ? a.title : a.label} (${a.key})`}
            aria-keyshortcuts={a.key}
            onClick={() => updateTree((t) => t[a.run]())}
          >
            {a.label}
          </button>
        ))}
      </div>
      <div className="trace-toolbar__group">
        <label className="toggle" hidden={!uiConfig().criticalPathEnabled}>
          <input
            type="checkbox"
            checked={criticalOnly}
            disabled={!hasCriticalPath}
            onChange={(e) => setCriticalOnly(e.target.checked)}
          />
          <span className="toggle__swatch toggle__swatch--critical" aria-hidden="true" />
          Critical path only
        </label>
        <ServiceFilter />
      </div>
    </div>
  );
}
