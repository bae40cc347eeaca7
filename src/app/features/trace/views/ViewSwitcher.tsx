import { useRef, useState } from 'react';
import { TRACE_VIEWS, type TraceViewDefinition } from './traceViews';
import { preloadView } from './viewModules';
import './viewSwitcher.css';

interface ViewSwitcherProps {
  current: TraceViewDefinition;
  onChange(id: string): void;
}

/**
 * The trace page's views as a tab list (WAI-ARIA tabs: arrow keys move between tabs and select,
 * Home/End jump). The panel below is labelled by the selected tab. Pointing at or focusing a tab
 * fetches its view's module; a tab chosen but not shown yet (its module still coming) is busy.
 */
export function ViewSwitcher({ current, onChange }: ViewSwitcherProps) {
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const [requested, setRequested] = useState<string | null>(null);
  if (TRACE_VIEWS.length < 2) return null;
  const choose = (id: string) => {
    setRequested(id);
    onChange(id);
  };
  const move = (from: number, to: number) => {
    const next = (to + TRACE_VIEWS.length) % TRACE_VIEWS.length;
    if (next === from) return;
    choose(TRACE_VIEWS[next].id);
    tabs.current[next]?.focus();
  };
  return (
    <div className="view-switcher" role="tablist" aria-label="Trace views">
      {TRACE_VIEWS.map((view, i) => {
        const selected = view.id === current.id;
        const busy = view.id === requested && !selected;
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
            aria-busy={busy || undefined}
            tabIndex={selected ? 0 : -1}
            className="view-switcher__tab"
            onPointerEnter={() => void preloadView(view)?.catch(() => {})}
            onFocus={() => void preloadView(view)?.catch(() => {})}
            onClick={() => choose(view.id)}
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
