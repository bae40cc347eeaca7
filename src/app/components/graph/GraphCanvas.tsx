/**
 * A laid-out graph in SVG: ELK positions, d3 for zoom/pan and curves. Nodes are focusable (Tab, or
 * arrow keys to the nearest node in that direction) and activatable from the keyboard; hovering or
 * focusing a node highlights its neighbours. Knows nothing of what the nodes stand for.
 */
import { select, zoom, zoomIdentity, type ZoomBehavior } from 'd3';
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { GraphEdgeLabelView, GraphEdgeView, GraphNodeView } from './GraphShapes';
import { neighbourhood, type GraphData, type GraphTone } from './graphModel';
import type { LayoutDirection, LayoutResult } from './layoutProtocol';
import { nearestInDirection } from './nodeNavigation';
import './graph.css';

export interface GraphCanvasProps {
  data: GraphData;
  layout: LayoutResult;
  /** Changes when the structure changes: the view is refitted then, not on a metrics refresh. */
  layoutKey: string;
  /** Names the graph for assistive technology ("Service dependency graph"). */
  ariaLabel: string;
  /** Click, Enter or Space on a node; `anchor` is the node's box on screen, for a menu. */
  onNodeActivate?: (id: string, anchor: DOMRect) => void;
  /** What activating a node opens, for aria-haspopup. */
  nodePopup?: 'menu' | 'dialog';
  onEdgeActivate?: (id: string) => void;
  /** Outlined as selected. */
  selected?: string | null;
  /** With `onDirectionChange`, the toolbar offers a left-right / top-down toggle. */
  direction?: LayoutDirection;
  onDirectionChange?: (direction: LayoutDirection) => void;
  /** More toolbar content, after the zoom buttons. */
  tools?: ReactNode;
}

const GRAPH_TONES: readonly GraphTone[] = ['neutral', 'muted', 'accent', 'success', 'warning', 'danger'];

/**
 * Nodes and edges drawn per frame when a new layout arrives: React creates ~100 of them in well
 * under 50 ms even on a loaded machine, so a 300-node / 1,000-edge graph appears over ~13 frames
 * instead of one main-thread task of several hundred ms.
 */
export const DRAW_SLICE = 100;

/** How many of `total` items to draw: all at once up to DRAW_SLICE, else one more slice per frame. */
function useDrawnSlices(total: number, key: string): number {
  const [progress, setProgress] = useState({ key, drawn: DRAW_SLICE });
  const drawn = progress.key === key ? progress.drawn : DRAW_SLICE;
  useEffect(() => {
    if (drawn >= total) return;
    const frame = requestAnimationFrame(() => setProgress({ key, drawn: drawn + DRAW_SLICE }));
    return () => cancelAnimationFrame(frame);
  }, [drawn, total, key]);
  return Math.min(drawn, total);
}

export function GraphCanvas({
  data,
  layout,
  layoutKey,
  ariaLabel,
  onNodeActivate,
  nodePopup,
  onEdgeActivate,
  selected = null,
  direction,
  onDirectionChange,
  tools,
}: GraphCanvasProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const viewportRef = useRef<SVGGElement>(null);
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const markerPrefix = `graph-arrow-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const drawn = useDrawnSlices(data.nodes.length + data.edges.length, layoutKey);
  const shownEdges = data.edges.slice(0, Math.max(0, drawn - data.nodes.length));
  const edgeEnds = useMemo(() => new Map(data.edges.map((e) => [e.id, e])), [data.edges]);

  // Dimming is set on the DOM, not rendered: hovering a node of a 300-node graph would otherwise
  // re-render every node and edge (one task of 100 ms and more). After every render, so that
  // slices drawn while a node is hovered dim too.
  useEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport) return;
    const lit = hovered === null ? null : neighbourhood(data.edges, hovered);
    for (const el of viewport.querySelectorAll<SVGGElement>('[data-node]')) {
      el.classList.toggle('is-dim', lit !== null && !lit.has(el.dataset.node ?? ''));
    }
    for (const el of viewport.querySelectorAll<SVGElement>('[data-edge], [data-edge-label]')) {
      const edge = edgeEnds.get(el.dataset.edge ?? el.dataset.edgeLabel ?? '');
      el.classList.toggle('is-dim', lit !== null && edge?.source !== hovered && edge?.target !== hovered);
    }
  });

  useEffect(() => {
    const svg = svgRef.current;
    const viewport = viewportRef.current;
    if (!svg || !viewport) return;
    const behavior = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.05, 4])
      .on('zoom', (event: { transform: { toString(): string } }) => {
        viewport.setAttribute('transform', event.transform.toString());
      });
    zoomRef.current = behavior;
    select(svg).call(behavior).on('dblclick.zoom', null);
    return () => {
      select(svg).on('.zoom', null);
    };
  }, []);

  const fit = () => {
    const svg = svgRef.current;
    const behavior = zoomRef.current;
    if (!svg || !behavior) return;
    const { width: w, height: h } = svg.getBoundingClientRect();
    if (w === 0 || h === 0 || layout.width === 0) return;
    const pad = 24;
    const k = Math.min((w - pad * 2) / layout.width, (h - pad * 2) / layout.height, 1.25);
    const x = (w - layout.width * k) / 2;
    const y = (h - layout.height * k) / 2;
    select(svg).call(behavior.transform, zoomIdentity.translate(x, y).scale(k));
  };

  // Refit on a new structure only: a refresh with the same nodes keeps the user's zoom.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(fit, [layoutKey]);

  const zoomBy = (factor: number) => {
    if (svgRef.current && zoomRef.current) select(svgRef.current).call(zoomRef.current.scaleBy, factor);
  };

  /** Arrow keys on a node move focus to the nearest node that way, panning it into view. */
  const nodes = layout.nodes;
  const moveFocus = useCallback(
    (from: string, event: KeyboardEvent) => {
      const next = nearestInDirection(nodes, from, event.key);
      if (next === null) return false;
      const svg = svgRef.current;
      const target = svg?.querySelector<SVGGElement>(`[data-node="${CSS.escape(next)}"]`);
      if (!svg || !target) return false;
      target.focus();
      const box = nodes.get(next);
      if (box && zoomRef.current) {
        const r = target.getBoundingClientRect();
        const s = svg.getBoundingClientRect();
        if (r.left < s.left || r.right > s.right || r.top < s.top || r.bottom > s.bottom) {
          select(svg).call(zoomRef.current.translateTo, box.x + box.width / 2, box.y + box.height / 2);
        }
      }
      return true;
    },
    [nodes],
  );

  return (
    <div className="graph-canvas">
      <div className="graph-canvas__tools" role="toolbar" aria-label="Graph view">
        {direction && onDirectionChange && (
          <div className="graph-canvas__direction" role="group" aria-label="Layout direction">
            <button
              type="button"
              className="btn"
              aria-pressed={direction === 'RIGHT'}
              onClick={() => onDirectionChange('RIGHT')}
            >
              Left → right
            </button>
            <button
              type="button"
              className="btn"
              aria-pressed={direction === 'DOWN'}
              onClick={() => onDirectionChange('DOWN')}
            >
              Top ↓ down
            </button>
          </div>
        )}
        <button type="button" className="btn" onClick={fit}>
          Fit to screen
        </button>
        <button type="button" className="btn" aria-label="Zoom in" onClick={() => zoomBy(1.3)}>
          +
        </button>
        <button type="button" className="btn" aria-label="Zoom out" onClick={() => zoomBy(1 / 1.3)}>
          −
        </button>
        {tools}
      </div>
      <svg ref={svgRef} className="graph-svg" role="group" aria-label={ariaLabel}>
        <defs>
          {GRAPH_TONES.map((tone) => (
            <marker
              key={tone}
              id={`${markerPrefix}-${tone}`}
              className={`graph-arrow graph-arrow--${tone}`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="13"
              markerHeight="13"
              markerUnits="userSpaceOnUse"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" />
            </marker>
          ))}
        </defs>
        <g ref={viewportRef}>
          {/* Nodes are drawn first (their slices come first), edges below them in the SVG. */}
          {shownEdges.map((edge) => {
            const points = layout.edges.get(edge.id);
            if (!points || points.length === 0) return null;
            return (
              <GraphEdgeView
                key={edge.id}
                edge={edge}
                points={points}
                marker={`url(#${markerPrefix}-${edge.tone ?? 'neutral'})`}
                onActivate={onEdgeActivate}
              />
            );
          })}
          <g className="graph-edge-labels">
            {shownEdges.map((edge) => {
              const points = layout.edges.get(edge.id);
              if (edge.label === undefined || !points || points.length === 0) return null;
              return (
                <GraphEdgeLabelView
                  key={edge.id}
                  id={edge.id}
                  text={edge.label}
                  points={points}
                  labelBox={layout.labels.get(edge.id)}
                />
              );
            })}
          </g>
          {data.nodes.slice(0, drawn).map((node) => {
            const box = layout.nodes.get(node.id);
            if (!box) return null;
            return (
              <GraphNodeView
                key={node.id}
                node={node}
                box={box}
                selected={node.id === selected}
                popup={nodePopup}
                onActivate={onNodeActivate}
                onHover={setHovered}
                onArrow={moveFocus}
              />
            );
          })}
        </g>
      </svg>
    </div>
  );
}
