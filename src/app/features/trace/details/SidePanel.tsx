import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { capturePointer } from '../capturePointer';
import { SIDE_PANEL_LIMITS, useTraceLayout } from '../traceLayoutPrefs';

interface SidePanelProps {
  onClose(): void;
  children: ReactNode;
}

/** The span details beside the waterfall, with a drag/keyboard resize handle on its left edge. */
export function SidePanel({ onClose, children }: SidePanelProps) {
  const share = useTraceLayout((s) => s.sidePanel);
  const setShare = useTraceLayout((s) => s.setSidePanel);
  const dragging = useRef(false);
  const panelRef = useRef<HTMLElement>(null);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 0.05 : 0.01;
    // The handle is on the panel's left edge: moving it left widens the panel.
    const next = event.key === 'ArrowLeft' ? share + step : event.key === 'ArrowRight' ? share - step : null;
    if (next === null) return;
    event.preventDefault();
    event.stopPropagation();
    setShare(next);
  };

  return (
    <aside
      ref={panelRef}
      className="side-panel"
      style={{ width: `${share * 100}%` }}
      aria-label="Span details"
    >
      <div
        className="side-panel__resizer"
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize the span details panel"
        aria-valuemin={Math.round(SIDE_PANEL_LIMITS.min * 100)}
        aria-valuemax={Math.round(SIDE_PANEL_LIMITS.max * 100)}
        aria-valuenow={Math.round(share * 100)}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onPointerDown={(event) => {
          dragging.current = true;
          capturePointer(event);
        }}
        onPointerMove={(event) => {
          const page = panelRef.current?.parentElement?.getBoundingClientRect();
          if (dragging.current && page && page.width > 0) setShare((page.right - event.clientX) / page.width);
        }}
        onPointerUp={() => (dragging.current = false)}
        onPointerCancel={() => (dragging.current = false)}
      />
      <div className="side-panel__bar">
        <button
          type="button"
          className="btn btn--icon"
          aria-label="Close span details"
          title="Close span details (Esc)"
          onClick={onClose}
        >
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
            <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
          </svg>
        </button>
      </div>
      <div className="side-panel__body">{children}</div>
    </aside>
  );
}
