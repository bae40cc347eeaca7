/**
 * The service graph in SVG: ELK positions, d3 for zoom/pan, curves and scales. Nodes and edges are
 * focusable buttons/links so the graph works from the keyboard and with a screen reader.
 */
import { line, curveBasis, max, scaleSqrt, select, zoom, zoomIdentity, type ZoomBehavior } from 'd3';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { edgeId, neighbours, type ServiceEdge, type ServiceGraph } from '../../../core/topology/graph';
import { severity, statsLabel } from './graphGeometry';
import type { LayoutResult, Point } from './layoutProtocol';

interface Props {
  graph: ServiceGraph;
  layout: LayoutResult;
  /** Changes when the structure changes: the view is refitted then, not on a metrics refresh. */
  layoutKey: string;
  focused: string;
  matches: ReadonlySet<string>;
  onNodeActivate: (service: string, anchor: DOMRect) => void;
  onEdgeActivate: (edge: ServiceEdge) => void;
}

const path = line<Point>()
  .x((p) => p.x)
  .y((p) => p.y)
  .curve(curveBasis);

const SEVERITIES = ['ok', 'warn', 'high', 'unknown'] as const;

function midpoint(points: Point[]): Point {
  if (points.length === 0) return { x: 0, y: 0 };
  const a = points[Math.floor((points.length - 1) / 2)];
  const b = points[Math.ceil((points.length - 1) / 2)];
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

function activateOnKey(event: KeyboardEvent, run: () => void): void {
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    run();
  }
}

export function TopologyCanvas({
  graph,
  layout,
  layoutKey,
  focused,
  matches,
  onNodeActivate,
  onEdgeActivate,
}: Props) {
  const svgRef = useRef<SVGSVGElement>(null);
  const viewportRef = useRef<SVGGElement>(null);
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);

  const width = useMemo(() => {
    const values = graph.edges.map((e) => e.callsPerSecond ?? e.callCount);
    return scaleSqrt()
      .domain([0, max(values) ?? 1])
      .range([1.25, 7]);
  }, [graph]);

  const lit = useMemo(
    () => (hovered === null ? null : neighbours(graph, hovered).add(hovered)),
    [graph, hovered],
  );

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

  // Refit on a new structure only: a refresh with the same services keeps the user's zoom.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(fit, [layoutKey]);

  const zoomBy = (factor: number) => {
    if (svgRef.current && zoomRef.current) select(svgRef.current).call(zoomRef.current.scaleBy, factor);
  };

  return (
    <div className="topology-canvas">
      <div className="topology-canvas__tools" role="toolbar" aria-label="Graph view">
        <button type="button" className="btn" onClick={fit}>
          Fit to screen
        </button>
        <button type="button" className="btn" aria-label="Zoom in" onClick={() => zoomBy(1.3)}>
          +
        </button>
        <button type="button" className="btn" aria-label="Zoom out" onClick={() => zoomBy(1 / 1.3)}>
          −
        </button>
      </div>
      <svg ref={svgRef} className="topology-svg" role="group" aria-label="Service dependency graph">
        <defs>
          {SEVERITIES.map((s) => (
            <marker
              key={s}
              id={`topology-arrow-${s}`}
              className={`topology-arrow topology-arrow--${s}`}
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
          {graph.edges.map((e) => {
            const id = edgeId(e);
            const points = layout.edges.get(id);
            if (!points || points.length === 0) return null;
            const sev = severity(e.errorRate);
            const dim = lit !== null && !(e.parent === hovered || e.child === hovered);
            const mid = midpoint(points);
            const stats = statsLabel(e);
            return (
              <g
                key={id}
                className={`topology-edge topology-edge--${sev}${dim ? ' is-dim' : ''}`}
                role="link"
                tabIndex={0}
                data-edge={id}
                aria-label={`${e.parent} calls ${e.child}: ${stats}. Search traces of ${e.child}`}
                onClick={() => onEdgeActivate(e)}
                onKeyDown={(ev) => activateOnKey(ev, () => onEdgeActivate(e))}
              >
                <path className="topology-edge__hit" d={path(points) ?? ''} />
                <path
                  className="topology-edge__line"
                  d={path(points) ?? ''}
                  strokeWidth={width(e.callsPerSecond ?? e.callCount)}
                  markerEnd={`url(#topology-arrow-${sev})`}
                />
                <text className="topology-edge__label" x={mid.x} y={mid.y - 6} textAnchor="middle">
                  {stats}
                </text>
              </g>
            );
          })}
          {graph.nodes.map((n) => {
            const box = layout.nodes.get(n.service);
            if (!box) return null;
            const sev = severity(n.errorRate);
            const dim = lit !== null && !lit.has(n.service);
            const classes = ['topology-node', `topology-node--${sev}`];
            if (dim) classes.push('is-dim');
            if (n.service === focused) classes.push('is-focused');
            if (matches.has(n.service)) classes.push('is-match');
            const stats = statsLabel(n);
            return (
              <g
                key={n.service}
                className={classes.join(' ')}
                transform={`translate(${box.x},${box.y})`}
                role="button"
                tabIndex={0}
                aria-haspopup="menu"
                data-service={n.service}
                aria-label={`${n.service}${stats ? `: ${stats}` : ''}`}
                onMouseEnter={() => setHovered(n.service)}
                onMouseLeave={() => setHovered(null)}
                onFocus={() => setHovered(n.service)}
                onBlur={() => setHovered(null)}
                onClick={(ev) => onNodeActivate(n.service, ev.currentTarget.getBoundingClientRect())}
                onKeyDown={(ev) =>
                  activateOnKey(ev, () => onNodeActivate(n.service, ev.currentTarget.getBoundingClientRect()))
                }
              >
                <rect className="topology-node__box" width={box.width} height={box.height} rx={6} />
                <text
                  className="topology-node__name"
                  x={box.width / 2}
                  y={stats ? 19 : 28}
                  textAnchor="middle"
                >
                  {n.service}
                </text>
                {stats && (
                  <text className="topology-node__stats" x={box.width / 2} y={36} textAnchor="middle">
                    {stats}
                  </text>
                )}
              </g>
            );
          })}
        </g>
      </svg>
    </div>
  );
}
