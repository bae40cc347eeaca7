import { useId, useState, type FormEvent } from 'react';
import type { TraceSearchParams } from '../../api/queryKeys';
import { readLastService } from './lastService';
import { limitProblem, LOOKBACK_OPTIONS, lookbackLabel, type SearchUrlState } from './searchUrl';

interface SearchFormProps {
  /** The search in the URL; the form is re-created (by key) when it changes. */
  initial: SearchUrlState;
  services: readonly string[] | undefined;
  /** The service list could not be loaded (the page explains why). */
  servicesFailed: boolean;
  onSubmit(search: TraceSearchParams): void;
}

function defaultService(services: readonly string[] | undefined): string {
  if (!services || services.length === 0) return '';
  const last = readLastService();
  return last && services.includes(last) ? last : services[0];
}

export function SearchForm({ initial, services, servicesFailed, onSubmit }: SearchFormProps) {
  // null = "not chosen yet": the default follows the service list once it has loaded.
  const [serviceChoice, setServiceChoice] = useState<string | null>(initial.service);
  const [lookback, setLookback] = useState(initial.lookback);
  const [limitText, setLimitText] = useState(String(initial.limit));
  const [serviceProblem, setServiceProblem] = useState<string | null>(null);
  const ids = {
    service: useId(),
    lookback: useId(),
    limit: useId(),
    limitError: useId(),
    serviceError: useId(),
  };

  const service = serviceChoice ?? defaultService(services);
  const limitError = limitProblem(limitText);
  const serviceOptions = services ? [...services] : [];
  if (initial.service && !serviceOptions.includes(initial.service)) serviceOptions.unshift(initial.service);
  const lookbackOptions = LOOKBACK_OPTIONS.some((o) => o.value === lookback)
    ? LOOKBACK_OPTIONS
    : [...LOOKBACK_OPTIONS, { value: lookback, label: lookbackLabel(lookback) }];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!service) {
      setServiceProblem('Choose a service to search.');
      return;
    }
    if (limitError) return;
    onSubmit({ service, lookback, limit: Number(limitText.trim()) });
  }

  return (
    <form className="search-form" aria-label="Search traces" onSubmit={submit} noValidate>
      <div className="field">
        <label className="field__label" htmlFor={ids.service}>
          Service
        </label>
        <span className="select-wrap">
          <select
            id={ids.service}
            className="select"
            value={service}
            disabled={services === undefined && serviceOptions.length === 0}
            aria-invalid={serviceProblem !== null}
            aria-describedby={serviceProblem ? ids.serviceError : undefined}
            onChange={(e) => {
              setServiceChoice(e.target.value);
              setServiceProblem(null);
            }}
          >
            {services === undefined && serviceOptions.length === 0 && (
              <option value="">{servicesFailed ? 'Services unavailable' : 'Loading services…'}</option>
            )}
            {services !== undefined && serviceOptions.length === 0 && (
              <option value="">No services yet</option>
            )}
            {serviceOptions.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </span>
        {serviceProblem && (
          <p id={ids.serviceError} className="field__error">
            {serviceProblem}
          </p>
        )}
      </div>

      <div className="field">
        <label className="field__label" htmlFor={ids.lookback}>
          Lookback
        </label>
        <span className="select-wrap">
          <select
            id={ids.lookback}
            className="select"
            value={lookback}
            onChange={(e) => setLookback(e.target.value)}
          >
            {lookbackOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </span>
      </div>

      <div className="field">
        <label className="field__label" htmlFor={ids.limit}>
          Limit results
        </label>
        <input
          id={ids.limit}
          className="input num"
          inputMode="numeric"
          autoComplete="off"
          value={limitText}
          aria-invalid={limitError !== null}
          aria-describedby={limitError ? ids.limitError : undefined}
          onChange={(e) => setLimitText(e.target.value)}
        />
        {limitError && (
          <p id={ids.limitError} className="field__error">
            {limitError}
          </p>
        )}
      </div>

      <button type="submit" className="btn btn--primary search-form__submit" disabled={limitError !== null}>
        Find traces
      </button>
    </form>
  );
}
