/**
 * A graph that lays itself out: ELK in a worker (latest request wins), a progress view while it
 * runs, an error view if it fails, then GraphCanvas. Most pages need only this.
 */
import { ErrorView, LoadingView } from '../StatusViews';
import { GraphCanvas, type GraphCanvasProps } from './GraphCanvas';
import type { LayoutDirection } from './layoutProtocol';
import { useGraphLayout } from './useGraphLayout';

export interface GraphProps extends Omit<GraphCanvasProps, 'layout' | 'layoutKey' | 'direction'> {
  direction: LayoutDirection;
  /** Give up (and say so) when ELK takes longer than this; 20 s when absent. */
  deadlineMs?: number;
}

export function Graph({ data, direction, deadlineMs, ...canvas }: GraphProps) {
  const layout = useGraphLayout(data, direction, deadlineMs);
  if (layout.error) return <ErrorView title="Could not lay out the graph" message={layout.error} />;
  if (!layout.layout) return <LoadingView label="Laying out the graph…" />;
  return (
    <GraphCanvas
      {...canvas}
      data={data}
      direction={direction}
      layout={layout.layout}
      layoutKey={layout.layoutFor ?? ''}
    />
  );
}
