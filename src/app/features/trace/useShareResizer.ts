import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { capturePointer } from './capturePointer';

interface ShareResizerOptions {
  /** The current share of the container, 0–1. */
  share: number;
  setShare(share: number): void;
  limits: { readonly min: number; readonly max: number };
  /** The share the pointer is at while dragging, or null when it cannot be told. */
  shareAt(event: PointerEvent<HTMLDivElement>): number | null;
  /** Whether ArrowRight grows the share (a handle on the right edge) or shrinks it (left edge). */
  rightGrows: boolean;
}

/**
 * The props of a `role="separator"` handle that resizes a share of its container: pointer drag
 * (captured, so it keeps following outside the handle) and keyboard (arrows by 1 %, Shift by
 * 5 %, Home/End to the limits), with the ARIA values of the separator.
 */
export function useShareResizer({ share, setShare, limits, shareAt, rightGrows }: ShareResizerOptions) {
  const dragging = useRef(false);
  const stop = () => (dragging.current = false);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = (event.shiftKey ? 0.05 : 0.01) * (rightGrows ? 1 : -1);
    const next =
      event.key === 'ArrowLeft'
        ? share - step
        : event.key === 'ArrowRight'
          ? share + step
          : event.key === 'Home'
            ? limits.min
            : event.key === 'End'
              ? limits.max
              : null;
    if (next === null) return;
    event.preventDefault();
    event.stopPropagation();
    setShare(next);
  };

  return {
    role: 'separator',
    'aria-orientation': 'vertical',
    'aria-valuemin': Math.round(limits.min * 100),
    'aria-valuemax': Math.round(limits.max * 100),
    'aria-valuenow': Math.round(share * 100),
    tabIndex: 0,
    onKeyDown,
    onPointerDown: (event: PointerEvent<HTMLDivElement>) => {
      dragging.current = true;
      capturePointer(event);
    },
    onPointerMove: (event: PointerEvent<HTMLDivElement>) => {
      if (!dragging.current) return;
      const next = shareAt(event);
      if (next !== null) setShare(next);
    },
    onPointerUp: stop,
    onPointerCancel: stop,
  } as const;
}
