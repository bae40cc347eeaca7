import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { capturePointer } from '../capturePointer';
import { formatDuration } from '../../../format/duration';
import { normalizeRange, type ViewRange } from '../viewRange';

interface MinimapSelectionProps {
  range: ViewRange;
  onChange(range: ViewRange): void;
  traceDurationUs: number;
  /** The waterfall's rows on screen as fractions of all rows, drawn as the viewport box. */
  viewport: { top: number; bottom: number } | null;
}

/** What is being dragged, and where (as a fraction) the pointer went down. */
type Drag = { kind: 'new' | 'start' | 'end'; anchor: number };

const pct = (f: number) => `${f * 100}%`;

/**
 * The interactive layer over the minimap: drag across it to zoom the waterfall to that time range,
 * drag (or use the arrow keys on) either handle to adjust an edge.
 */
export function MinimapSelection({ range, onChange, traceDurationUs, viewport }: MinimapSelectionProps) {
  const layerRef = useRef<HTMLDivElement>(null);
  // The drag lives in a ref as well: pointer events can arrive faster than React re-renders.
  const dragRef = useRef<Drag | null>(null);
  const [drag, setDragState] = useState<Drag | null>(null);
  const setDrag = (d: Drag | null) => {
    dragRef.current = d;
    setDragState(d);
  };
  const [preview, setPreview] = useState<ViewRange | null>(null);
  const shown = preview ?? range;

  const fractionAt = (clientX: number) => {
    const rect = layerRef.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return 0;
    return Math.min(1, Math.max(0, (clientX - rect.left) / rect.width));
  };

  const rangeFor = (d: Drag, x: number): ViewRange =>
    d.kind === 'new'
      ? normalizeRange(d.anchor, x)
      : d.kind === 'start'
        ? normalizeRange(Math.min(x, range[1]), range[1])
        : normalizeRange(range[0], Math.max(x, range[0]));

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    const handle = (event.target as HTMLElement).dataset.handle;
    const anchor = fractionAt(event.clientX);
    const d: Drag = { kind: handle === 'start' || handle === 'end' ? handle : 'new', anchor };
    capturePointer(event);
    setDrag(d);
    if (d.kind === 'new') setPreview(null);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const drag = dragRef.current;
    if (drag) setPreview(rangeFor(drag, fractionAt(event.clientX)));
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    const drag = dragRef.current;
    if (!drag) return;
    const x = fractionAt(event.clientX);
    // A click without a drag changes nothing.
    const moved = Math.abs(x - drag.anchor) * (layerRef.current?.clientWidth ?? 0) >= 3;
    if (moved) onChange(rangeFor(drag, x));
    setDrag(null);
    setPreview(null);
  };

  const onHandleKey = (edge: 'start' | 'end') => (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 0.1 : 0.01;
    const delta = { ArrowLeft: -step, ArrowDown: -step, ArrowRight: step, ArrowUp: step }[event.key];
    let value = edge === 'start' ? range[0] : range[1];
    if (delta !== undefined) value += delta;
    else if (event.key === 'Home') value = edge === 'start' ? 0 : range[0];
    else if (event.key === 'End') value = edge === 'end' ? 1 : range[1];
    else return;
    event.preventDefault();
    onChange(
      edge === 'start'
        ? normalizeRange(Math.min(value, range[1]), range[1])
        : normalizeRange(range[0], Math.max(value, range[0])),
    );
  };

  const handle = (edge: 'start' | 'end') => {
    const value = edge === 'start' ? shown[0] : shown[1];
    return (
      <div
        className={`minimap__handle minimap__handle--${edge}`}
        data-handle={edge}
        style={{ left: pct(value) }}
        role="slider"
        tabIndex={0}
        aria-label={edge === 'start' ? 'Start of the zoomed time range' : 'End of the zoomed time range'}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(value * 1000) / 10}
        aria-valuetext={formatDuration(value * traceDurationUs)}
        onKeyDown={onHandleKey(edge)}
      />
    );
  };

  return (
    <div
      ref={layerRef}
      className={drag ? 'minimap__layer is-dragging' : 'minimap__layer'}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => {
        setDrag(null);
        setPreview(null);
      }}
      data-testid="minimap-layer"
    >
      <div className="minimap__shade" style={{ left: 0, width: pct(shown[0]) }} />
      <div className="minimap__shade" style={{ left: pct(shown[1]), right: 0 }} />
      {viewport && (
        <div
          className="minimap__viewport"
          style={{
            left: pct(shown[0]),
            width: pct(shown[1] - shown[0]),
            top: pct(viewport.top),
            height: `max(2px, ${pct(viewport.bottom - viewport.top)})`,
          }}
        />
      )}
      {handle('start')}
      {handle('end')}
    </div>
  );
}
