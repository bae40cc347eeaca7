import { useRef } from 'react';
import { TRACE_VIEWS, type TraceViewDefinition } from './traceViews';
import './viewSwitcher.css';

interface ViewSwitcherProps {
  current: TraceViewDefinition;
  onChange(id: string): void;
}

/**
 * The trace page's views as a tab list (WAI-ARIA tabs: arrow keys move between tabs and select,
 * Home/End jump). The panel below is labelled by the selected tab.
 */
export function ViewSwitcher({ current, onChange }: ViewSwitcherProps) {
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  if (TRACE_VIEWS.length < 2) return null;
  const move = (from: number, to: number) => {
    const next = (to + TRACE_VIEWS.length) % TRACE_VIEWS.length;
    if (next === from) return;
    onChange(TRACE_VIEWS[next].id);
    tabs.current[next]?.focus();
  };
  return (
    <div className="view-switcher" role="tablist" aria-label="Trace views">
      {TRACE_VIEWS.map((view, i) => {
        const selected = view.id === current.id;
        return (
          <button
            key={view.id}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`trace-view-tab-${view.id}`}
            aria-selected={selected}
            aria-controls="trace-view-panel"
            tabIndex={selected ? 0 : -1}
            className="view-switcher__tab"
            onClick={() => onChange(view.id)}
            onKeyDown={(event) => {
              if (event.key === 'ArrowRight') move(i, i + 1);
              else if (event.key === 'ArrowLeft') move(i, i - 1);
              else if (event.key === 'Home') move(i, 0);
              else if (event.key === 'End') move(i, TRACE_VIEWS.length - 1);
              else return;
              event.preventDefault();
            }}
          >
            {view.label}
          </button>
        );
      })}
    </div>
  );
}
