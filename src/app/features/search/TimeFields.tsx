import { FormField } from '../../components/FormField';
import { LOOKBACK_OPTIONS } from '../../components/timeRangeOptions';
import type { DraftProblems, SearchDraft } from './searchDraft';
import { CUSTOM_LOOKBACK, lookbackLabel } from './searchUrl';

interface TimeFieldsProps {
  draft: SearchDraft;
  problems: DraftProblems;
  onChange(patch: Partial<SearchDraft>): void;
}

/** "UTC+01:00": custom times are read in the browser's zone, as Jaeger UI does. */
function utcOffset(): string {
  const minutes = -new Date().getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '−';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export function TimeFields({ draft, problems, onChange }: TimeFieldsProps) {
  const options =
    LOOKBACK_OPTIONS.some((o) => o.value === draft.lookback) || draft.lookback === CUSTOM_LOOKBACK
      ? LOOKBACK_OPTIONS
      : [...LOOKBACK_OPTIONS, { value: draft.lookback, label: lookbackLabel(draft.lookback) }];
  const custom = draft.lookback === CUSTOM_LOOKBACK;

  return (
    <>
      <FormField label="Lookback">
        {(control) => (
          <span className="select-wrap">
            <select
              {...control}
              className="select"
              value={draft.lookback}
              onChange={(e) => onChange({ lookback: e.target.value })}
            >
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
              <option value={CUSTOM_LOOKBACK}>Custom time range</option>
            </select>
          </span>
        )}
      </FormField>
      {custom && (
        <fieldset className="search-form__range">
          <legend className="visually-hidden">Custom time range</legend>
          <FormField label="Start time" problem={problems.start}>
            {(control) => (
              <input
                {...control}
                className="input num"
                type="datetime-local"
                step={1}
                value={draft.start}
                onChange={(e) => onChange({ start: e.target.value })}
              />
            )}
          </FormField>
          <FormField label="End time" problem={problems.end} hint={`Times are in ${utcOffset()}.`}>
            {(control) => (
              <input
                {...control}
                className="input num"
                type="datetime-local"
                step={1}
                value={draft.end}
                onChange={(e) => onChange({ end: e.target.value })}
              />
            )}
          </FormField>
        </fieldset>
      )}
    </>
  );
}
