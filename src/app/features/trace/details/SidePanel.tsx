import { useRef, type ReactNode } from 'react';
import { SIDE_PANEL_LIMITS, useTraceLayout } from '../traceLayoutPrefs';
import { useShareResizer } from '../useShareResizer';

interface SidePanelProps {
  onClose(): void;
  children: ReactNode;
}

/** The span details beside the waterfall, with a drag/keyboard resize handle on its left edge. */
export function SidePanel({ onClose, children }: SidePanelProps) {
  const share = useTraceLayout((s) => s.sidePanel);
  const setShare = useTraceLayout((s) => s.setSidePanel);
  const panelRef = useRef<HTMLElement>(null);
  // The handle is on the panel's left edge: moving it left widens the panel.
  const handle = useShareResizer({
    share,
    setShare,
    limits: SIDE_PANEL_LIMITS,
    rightGrows: false,
    shareAt: (event) => {
      const page = panelRef.current?.parentElement?.getBoundingClientRect();
      return page && page.width > 0 ? (page.right - event.clientX) / page.width : null;
    },
  });

  return (
    <aside
      ref={panelRef}
      className="side-panel"
      style={{ width: `${share * 100}%` }}
      aria-label="Span details"
    >
      <div className="side-panel__resizer" aria-label="Resize the span details panel" {...handle} />
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
