/** Service, span kind and time range selectors; every change goes to the URL. */
import { FormField } from '../../components/FormField';
import { LOOKBACK_OPTIONS, SPAN_KINDS } from '../../components/timeRangeOptions';
import type { MonitorUrlState } from './monitorModel';

interface MonitorControlsProps {
  state: MonitorUrlState;
  services: string[];
  onChange: (next: Partial<MonitorUrlState>) => void;
  onRefresh: () => void;
  refreshing: boolean;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function MonitorControls({ state, services, onChange, onRefresh, refreshing }: MonitorControlsProps) {
  return (
    <form className="monitor-controls" aria-label="Monitor filters" onSubmit={(e) => e.preventDefault()}>
      <FormField label="Service">
        {(control) => (
          <select
            {...control}
            className="select"
            value={state.service ?? ''}
            onChange={(e) => onChange({ service: e.target.value })}
          >
            {state.service === null && <option value="">Choose a service</option>}
            {state.service !== null && !services.includes(state.service) && (
              <option value={state.service}>{state.service}</option>
            )}
            {services.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label="Span kind">
        {(control) => (
          <select
            {...control}
            className="select"
            value={state.spanKind}
            onChange={(e) => onChange({ spanKind: e.target.value })}
          >
            {SPAN_KINDS.map((k) => (
              <option key={k} value={k}>
                {capitalise(k)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label="Time range">
        {(control) => (
          <select
            {...control}
            className="select"
            value={state.lookback}
            onChange={(e) => onChange({ lookback: e.target.value })}
          >
            {LOOKBACK_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <button
        type="button"
        className="btn monitor-controls__refresh"
        onClick={onRefresh}
        disabled={refreshing}
      >
        {refreshing ? 'Refreshing…' : 'Refresh'}
      </button>
    </form>
  );
}
