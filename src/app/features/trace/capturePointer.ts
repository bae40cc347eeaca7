import type { PointerEvent } from 'react';

/**
 * Keeps a drag's pointer events coming to the element that started it, even when the pointer
 * leaves it. Synthetic events (tests, assistive tools) carry pointer IDs the browser does not
 * know, for which capturing throws; the drag then simply works without capture.
 */
export function capturePointer(event: PointerEvent<Element>): void {
  try {
    event.currentTarget.setPointerCapture(event.pointerId);
  } catch {
    // Not a live pointer: nothing to capture.
  }
}
