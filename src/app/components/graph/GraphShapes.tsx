/**
 * One node and one edge of GraphCanvas, memoised so that a canvas re-render (hover, a new slice of
 * a large graph) redraws only what changed.
 */
import { memo, type KeyboardEvent } from 'react';
import { edgePath, lineBaselines, nodeAriaLabel, type GraphEdge, type GraphNode } from './graphModel';
import type { Box, Point } from './layoutProtocol';

/** The stripe is the node's rounded left cap (rx 6). */
const STRIPE_WIDTH = 6;

function midpoint(points: readonly Point[]): Point {
  const a = points[Math.floor((points.length - 1) / 2)];
  const b = points[Math.ceil((points.length - 1) / 2)];
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

function activateOnKey(event: KeyboardEvent, run: () => void): boolean {
  if (event.key !== 'Enter' && event.key !== ' ') return false;
  event.preventDefault();
  run();
  return true;
}

interface NodeProps {
  node: GraphNode;
  box: Box;
  selected: boolean;
  popup?: 'menu' | 'dialog';
  onActivate?: (id: string, anchor: DOMRect) => void;
  onHover: (id: string | null) => void;
  /** Arrow keys: returns true when focus moved. */
  onArrow: (id: string, event: KeyboardEvent) => boolean;
}

export const GraphNodeView = memo(function GraphNodeView({
  node,
  box,
  selected,
  popup,
  onActivate,
  onHover,
  onArrow,
}: NodeProps) {
  // `is-dim` is toggled on the DOM by GraphCanvas, which hides it from React: see there.
  const classes = ['graph-node', `graph-node--${node.tone ?? 'neutral'}`];
  if (node.emphasis) classes.push('is-emphasis');
  if (node.match) classes.push('is-match');
  if (selected) classes.push('is-selected');
  const baselines = lineBaselines(node.lines.length, box.height);
  const textX = (box.width + (node.stripe ? STRIPE_WIDTH : 0)) / 2;
  const activate = (el: Element) => onActivate?.(node.id, el.getBoundingClientRect());
  return (
    <g
      className={classes.join(' ')}
      transform={`translate(${box.x},${box.y})`}
      role={onActivate ? 'button' : 'img'}
      tabIndex={0}
      aria-haspopup={onActivate ? popup : undefined}
      aria-label={nodeAriaLabel(node)}
      data-node={node.id}
      onMouseEnter={() => onHover(node.id)}
      onMouseLeave={() => onHover(null)}
      onFocus={() => onHover(node.id)}
      onBlur={() => onHover(null)}
      onClick={(ev) => activate(ev.currentTarget)}
      onKeyDown={(ev) => {
        const el = ev.currentTarget;
        if (onActivate && activateOnKey(ev, () => activate(el))) return;
        if (ev.key.startsWith('Arrow') && onArrow(node.id, ev)) ev.preventDefault();
      }}
    >
      <rect className="graph-node__box" width={box.width} height={box.height} rx={6} />
      {node.stripe && (
        <path
          className="graph-node__stripe"
          d={`M6,0 A6,6 0 0 0 0,6 V${box.height - 6} A6,6 0 0 0 6,${box.height} Z`}
          style={{ fill: node.stripe }}
        />
      )}
      {node.lines.map((text, i) => (
        <text
          key={i}
          className={i === 0 ? 'graph-node__title' : 'graph-node__detail'}
          x={textX}
          y={baselines[i]}
          textAnchor="middle"
        >
          {text}
        </text>
      ))}
    </g>
  );
});

interface EdgeProps {
  edge: GraphEdge;
  points: readonly Point[];
  marker: string;
  onActivate?: (id: string) => void;
}

/** The edge's line; its label is drawn by GraphEdgeLabelView, in a layer above every line. */
export const GraphEdgeView = memo(function GraphEdgeView({ edge, points, marker, onActivate }: EdgeProps) {
  const d = edgePath(points);
  const classes = ['graph-edge', `graph-edge--${edge.tone ?? 'neutral'}`];
  if (edge.dashed) classes.push('is-dashed');
  const label = edge.ariaLabel ?? `${edge.source} → ${edge.target}${edge.label ? `: ${edge.label}` : ''}`;
  const interactive = onActivate !== undefined;
  return (
    <g
      className={classes.join(' ')}
      role={interactive ? 'link' : 'img'}
      tabIndex={interactive ? 0 : undefined}
      aria-label={label}
      data-edge={edge.id}
      onClick={interactive ? () => onActivate(edge.id) : undefined}
      onKeyDown={interactive ? (ev) => activateOnKey(ev, () => onActivate(edge.id)) : undefined}
    >
      {interactive && <path className="graph-edge__hit" d={d} />}
      <path className="graph-edge__line" d={d} strokeWidth={edge.width ?? 1.5} markerEnd={marker} />
    </g>
  );
});

interface EdgeLabelProps {
  id: string;
  text: string;
  points: readonly Point[];
  /** Where ELK placed the label; absent on large graphs, where it goes at the edge's midpoint. */
  labelBox: Box | undefined;
}

/**
 * An edge's label, in the layer above all edge lines: drawn inside its edge, a label was partly
 * hidden by the lines of edges drawn after it. Hidden from assistive technology: the edge's own
 * name says the same.
 */
export const GraphEdgeLabelView = memo(function GraphEdgeLabelView({
  id,
  text,
  points,
  labelBox,
}: EdgeLabelProps) {
  const at = labelBox
    ? { x: labelBox.x + labelBox.width / 2, y: labelBox.y + labelBox.height / 2 + 4 }
    : (() => {
        const m = midpoint(points);
        return { x: m.x, y: m.y - 6 };
      })();
  return (
    <text
      className="graph-edge__label"
      data-edge-label={id}
      x={at.x}
      y={at.y}
      textAnchor="middle"
      aria-hidden="true"
    >
      {text}
    </text>
  );
});
