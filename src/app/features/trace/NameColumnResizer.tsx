import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { capturePointer } from './capturePointer';
import { NAME_COLUMN_LIMITS, useTraceLayout } from './traceLayoutPrefs';

/**
 * The drag handle between the name column and the timeline; also a keyboard separator
 * (arrows by 1 %, Shift by 5 %, Home/End to the limits). The width is remembered.
 */
export function NameColumnResizer() {
  const share = useTraceLayout((s) => s.nameColumn);
  const setShare = useTraceLayout((s) => s.setNameColumn);
  const dragging = useRef(false);

  const shareAt = (event: PointerEvent<HTMLDivElement>) => {
    const grid = event.currentTarget.closest('.waterfall');
    const rect = grid?.getBoundingClientRect();
    return rect && rect.width > 0 ? (event.clientX - rect.left) / rect.width : share;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 0.05 : 0.01;
    const next =
      event.key === 'ArrowLeft'
        ? share - step
        : event.key === 'ArrowRight'
          ? share + step
          : event.key === 'Home'
            ? NAME_COLUMN_LIMITS.min
            : event.key === 'End'
              ? NAME_COLUMN_LIMITS.max
              : null;
    if (next === null) return;
    event.preventDefault();
    event.stopPropagation();
    setShare(next);
  };

  return (
    <div
      className="wf-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the service and operation column"
      aria-valuemin={Math.round(NAME_COLUMN_LIMITS.min * 100)}
      aria-valuemax={Math.round(NAME_COLUMN_LIMITS.max * 100)}
      aria-valuenow={Math.round(share * 100)}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onPointerDown={(event) => {
        dragging.current = true;
        capturePointer(event);
      }}
      onPointerMove={(event) => dragging.current && setShare(shareAt(event))}
      onPointerUp={() => (dragging.current = false)}
      onPointerCancel={() => (dragging.current = false)}
    />
  );
}
