/**
 * The flame graph's canvas: a scrollable column of levels with a sticky canvas that paints only
 * what is on screen, a tooltip under the pointer, and the keyboard (arrows move between parent,
 * child and siblings; Space zooms; Enter opens in the timeline; Escape zooms out).
 */
import {
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import { rowAt } from '../../../../../core/analysis/flameLayout';
import { serviceColorOf } from '../../../../theme/servicePalette';
import type { FlameGraphData } from '../../../../workers/analyses/flameAnalysis';
import type { TraceSkeleton } from '../../../../workers/traceModel';
import { TraceViewContext, type SpanHighlight } from '../../state/traceViewStore';
import { drawFlame, levelAt, levelTop, ROW_HEIGHT, type FlamePalette } from './drawFlame';
import { flameNeighbour } from './flameNavigation';
import { FlameTooltip } from './FlameTooltip';

export interface FlameViewport {
  /** Time range, microseconds from the trace start. */
  t0: number;
  t1: number;
  /** Root of the zoomed subtree, or -1. */
  focus: number;
  /** Level shown at the top. */
  topLevel: number;
}

export interface FlameSearch {
  isMatch: Uint8Array;
  rows: Int32Array;
}

interface Props {
  skeleton: TraceSkeleton;
  data: FlameGraphData;
  viewport: FlameViewport;
  selected: number | null;
  search: FlameSearch | null;
  /** Click: select the span and zoom into it. */
  onPick(row: number): void;
  /** Keyboard move: select only. */
  onMove(row: number): void;
  /** Space on the selected span. */
  onZoom(row: number): void;
  onZoomOut(): void;
  onOpen(row: number): void;
  /** After every paint. */
  onPainted(): void;
  describedBy: string;
}

/** `var(--x)` resolved on <html>, where the theme's tokens live (see the minimap). */
function resolve(styles: CSSStyleDeclaration, cssValue: string): string {
  const name = /var\((--[\w-]+)\)/.exec(cssValue)?.[1];
  if (!name) return cssValue;
  return styles.getPropertyValue(name).trim() || '#888';
}

function paletteOf(skeleton: TraceSkeleton): FlamePalette {
  const styles = getComputedStyle(document.documentElement);
  return {
    service: skeleton.services.map((s) => resolve(styles, serviceColorOf(s))),
    background: resolve(styles, 'var(--color-raised)'),
    onService: resolve(styles, 'var(--color-on-service)'),
    selection: resolve(styles, 'var(--color-text)'),
    hover: resolve(styles, 'var(--color-focus-ring)'),
    highlight: resolve(styles, 'var(--color-accent)'),
    font: `11px ${resolve(styles, 'var(--font-sans)')}`,
  };
}

/**
 * The spans of the insight chosen in the Insights panel, as the timeline highlights them; none when
 * the canvas is drawn outside a trace page (no TraceView store).
 */
function useHighlight(): SpanHighlight | null {
  const store = useContext(TraceViewContext);
  const subscribe = useCallback((onChange: () => void) => store?.subscribe(onChange) ?? (() => {}), [store]);
  return useSyncExternalStore(subscribe, () => store?.getState().highlight ?? null);
}

export function FlameCanvas(props: Props) {
  const { skeleton, data, viewport, selected, search } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<{ row: number; x: number; y: number } | null>(null);
  const hovered = hover?.row ?? -1;
  const levels = data.levelCount - viewport.topLevel;
  // The spans of the insight chosen in the Insights panel, as the timeline highlights them.
  const highlight = useHighlight();
  // Latest props for the paint callback, which observers call outside React.
  const latest = useRef({ props, hovered, highlight });
  useLayoutEffect(() => {
    latest.current = { props, hovered, highlight };
  });

  const paint = useCallback(() => {
    const canvas = canvasRef.current;
    const scroller = scrollRef.current;
    if (!canvas || !scroller) return;
    const { props: p, hovered: h, highlight: lit } = latest.current;
    const width = scroller.clientWidth;
    const height = scroller.clientHeight;
    const dpr = window.devicePixelRatio || 1;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    if (canvas.width !== Math.round(width * dpr)) canvas.width = Math.round(width * dpr);
    if (canvas.height !== Math.round(height * dpr)) canvas.height = Math.round(height * dpr);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const rects = drawFlame(
      ctx,
      p.skeleton,
      p.data,
      {
        width,
        height,
        t0: p.viewport.t0,
        t1: p.viewport.t1,
        topLevel: p.viewport.topLevel,
        scrollTop: scroller.scrollTop,
        focus: p.viewport.focus,
        selected: p.selected ?? -1,
        hovered: h,
        isMatch: p.search?.isMatch ?? null,
        matchRows: p.search?.rows ?? null,
        isHighlighted: lit?.isHighlighted ?? null,
        highlightRows: lit?.rows ?? null,
      },
      paletteOf(p.skeleton),
    );
    canvas.dataset.theme = document.documentElement.dataset.theme ?? '';
    canvas.dataset.rects = String(rects);
    canvas.dataset.highlighted = String(lit?.rows.length ?? 0);
    p.onPainted();
  }, []);

  const frame = useRef(0);
  const schedule = useCallback(() => {
    if (!frame.current)
      frame.current = requestAnimationFrame(() => {
        frame.current = 0;
        paint();
      });
  }, [paint]);

  useEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    const resize = new ResizeObserver(schedule);
    resize.observe(scroller);
    const theme = new MutationObserver(schedule);
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      cancelAnimationFrame(frame.current);
      frame.current = 0;
      resize.disconnect();
      theme.disconnect();
    };
  }, [schedule]);

  // Repaint synchronously when what is shown changes, so the first frame is already drawn.
  useEffect(paint, [paint, skeleton, data, viewport, selected, search, hovered, highlight]);

  // A zoom starts at the top; a selection moved off screen is scrolled to.
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [viewport.topLevel, viewport.focus]);
  useEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller || selected === null) return;
    const top = (data.level[selected] - viewport.topLevel) * ROW_HEIGHT;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + ROW_HEIGHT > scroller.scrollTop + scroller.clientHeight)
      scroller.scrollTop = top + ROW_HEIGHT - scroller.clientHeight;
  }, [selected, data, viewport.topLevel]);

  // A newly chosen insight scrolls its first span (within the zoom) into view.
  useEffect(() => {
    const scroller = scrollRef.current;
    const first = highlight?.rows.find(
      (row) => viewport.focus < 0 || (row >= viewport.focus && row < skeleton.subtreeEnd[viewport.focus]),
    );
    if (!scroller || first === undefined) return;
    const top = (data.level[first] - viewport.topLevel) * ROW_HEIGHT;
    if (top < scroller.scrollTop || top + ROW_HEIGHT > scroller.scrollTop + scroller.clientHeight)
      scroller.scrollTop = Math.max(0, top - ROW_HEIGHT);
    // Only when the highlight changes: scrolling away from it afterwards is the reader's choice.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [highlight]);

  const rowUnder = (event: { clientX: number; clientY: number }): number => {
    const scroller = scrollRef.current;
    if (!scroller) return -1;
    const box = scroller.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    const frameAt = { topLevel: viewport.topLevel, scrollTop: scroller.scrollTop };
    const level = levelAt(frameAt, y);
    if (y - levelTop(frameAt, level) > ROW_HEIGHT - 2) return -1;
    const usPerPx = (viewport.t1 - viewport.t0) / Math.max(1, scroller.clientWidth);
    return rowAt(skeleton, data, level, viewport.t0 + x * usPerPx, usPerPx);
  };

  const onPointerMove = (event: PointerEvent) => {
    const row = rowUnder(event);
    const box = scrollRef.current?.getBoundingClientRect();
    if (row < 0 || !box) setHover(null);
    else setHover({ row, x: event.clientX - box.left, y: event.clientY - box.top });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const from = selected ?? -1;
    if (event.key.startsWith('Arrow')) {
      const to =
        from < 0 ? (viewport.focus >= 0 ? viewport.focus : 0) : flameNeighbour(skeleton, from, event.key);
      if (to >= 0 && to < skeleton.spanCount) props.onMove(to);
    } else if (event.key === 'Enter' && from >= 0) props.onOpen(from);
    else if (event.key === ' ' && from >= 0) props.onZoom(from);
    else if (event.key === 'Escape' && viewport.focus >= 0) props.onZoomOut();
    else return;
    event.preventDefault();
  };

  return (
    <div className="flame">
      <div
        ref={scrollRef}
        className="flame__scroll"
        tabIndex={0}
        role="application"
        aria-roledescription="flame graph"
        aria-label="Flame graph. Arrow keys move between parent, child and sibling spans, Space zooms in, Escape zooms out, Enter opens the span in the timeline."
        aria-describedby={props.describedBy}
        onScroll={schedule}
        onKeyDown={onKeyDown}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setHover(null)}
        onClick={(event) => {
          const row = rowUnder(event);
          if (row >= 0) props.onPick(row);
        }}
        onDoubleClick={(event) => {
          const row = rowUnder(event);
          if (row >= 0) props.onOpen(row);
        }}
      >
        <div className="flame__content" style={{ height: Math.max(levels, 1) * ROW_HEIGHT }}>
          <canvas ref={canvasRef} className="flame__canvas" aria-hidden="true" data-testid="flame-canvas" />
        </div>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {highlight
          ? `${highlight.rows.length === 1 ? '1 span' : `${highlight.rows.length} spans`} highlighted by the chosen insight, the others faded`
          : ''}
      </p>
      {hover && (
        <FlameTooltip
          skeleton={skeleton}
          selfUs={data.selfUs}
          row={hover.row}
          x={hover.x}
          y={hover.y}
          pushed={
            data.level[hover.row] >
            (skeleton.parent[hover.row] >= 0 ? data.level[skeleton.parent[hover.row]] + 1 : 0)
          }
        />
      )}
    </div>
  );
}
