import { useId } from 'react';
import { useTraceLayout, type DetailsMode } from './traceLayoutPrefs';

/** Reader preferences of the trace page: where span details open, and the shortcut list. */
export function TraceViewSettings({ onOpenHelp }: { onOpenHelp(): void }) {
  const detailsMode = useTraceLayout((s) => s.detailsMode);
  const setDetailsMode = useTraceLayout((s) => s.setDetailsMode);
  const labelId = useId();
  return (
    <div className="trace-settings">
      <span id={labelId} className="trace-settings__label">
        Span details
      </span>
      <div className="segmented" role="radiogroup" aria-labelledby={labelId}>
        {(['side', 'inline'] as DetailsMode[]).map((mode) => (
          <label key={mode} className="segmented__option">
            <input
              type="radio"
              name="details-mode"
              value={mode}
              checked={detailsMode === mode}
              onChange={() => setDetailsMode(mode)}
            />
            {mode === 'side' ? 'Side panel' : 'Inline'}
          </label>
        ))}
      </div>
      <button
        type="button"
        className="btn btn--icon"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        aria-keyshortcuts="?"
        onClick={onOpenHelp}
      >
        <span aria-hidden="true" className="help-glyph">
          ?
        </span>
      </button>
    </div>
  );
}
