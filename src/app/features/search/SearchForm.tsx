import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { BackendApi } from '../../api/backendApi';
import { AttributesField, LimitFields } from './FilterFields';
import { readLastService, readRememberedSearch, rememberSearch, type RememberedSearch } from './lastSearch';
import {
  ALL_SERVICES,
  draftFromUrl,
  draftProblems,
  draftToUrl,
  hasProblems,
  type DraftField,
  type SearchDraft,
} from './searchDraft';
import { CUSTOM_LOOKBACK, DEFAULT_LIMIT, DEFAULT_LOOKBACK, type SearchUrlState } from './searchUrl';
import { ServiceFields } from './ServiceFields';
import { TimeFields } from './TimeFields';

interface SearchFormProps {
  /** The search in the URL; the form is re-created (by key) when it changes. */
  initial: SearchUrlState;
  /** When the URL's window was resolved (epoch µs), so the form shows the same times. */
  nowUs: number;
  api: BackendApi | undefined;
  services: readonly string[] | undefined;
  servicesFailed: boolean;
  onSubmit(params: URLSearchParams): void;
}

function withRemembered(draft: SearchDraft, remembered: RememberedSearch | null): SearchDraft {
  if (!remembered) return { ...draft, operation: '' };
  const lookback = remembered.lookback === CUSTOM_LOOKBACK ? draft.lookback : remembered.lookback;
  return { ...draft, ...remembered, lookback };
}

/**
 * The service to search: the chosen one, else the first listed. A remembered service the backend
 * no longer lists falls back too; one named by the URL is kept (the backend will say if it is unknown).
 */
function effectiveService(
  chosen: string,
  services: readonly string[] | undefined,
  initial: SearchUrlState,
): string {
  if (chosen === ALL_SERVICES) return chosen;
  if (chosen && (!services || services.includes(chosen) || chosen === initial.service)) return chosen;
  return services?.[0] ?? '';
}

function initialDraft(initial: SearchUrlState, nowUs: number): SearchDraft {
  const draft = draftFromUrl(initial, nowUs, readLastService());
  // Opening bare /search: the last service, with what was last asked of it.
  return initial.isSearch || !draft.service
    ? draft
    : withRemembered(draft, readRememberedSearch(draft.service));
}

export function SearchForm({ initial, nowUs, api, services, servicesFailed, onSubmit }: SearchFormProps) {
  const [draft, setDraft] = useState(() => initialDraft(initial, nowUs));
  const [touched, setTouched] = useState<ReadonlySet<DraftField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  const allowAll = api?.searchWithoutService ?? false;
  const effective = { ...draft, service: effectiveService(draft.service, services, initial) };
  const problems = draftProblems(effective, allowAll);
  const shown = Object.fromEntries(
    Object.entries(problems).filter(([field]) => submitted || touched.has(field as DraftField)),
  );

  // After a refused submit, take the keyboard to the first field that explains why.
  useEffect(() => {
    if (focusRequest > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  function change(patch: Partial<SearchDraft>) {
    setDraft((d) => ({ ...d, ...patch }));
    setTouched((t) => new Set([...t, ...(Object.keys(patch) as DraftField[])]));
  }

  function changeService(next: string) {
    setDraft((d) => withRemembered({ ...d, service: next }, readRememberedSearch(next)));
  }

  function reset() {
    setDraft((d) => ({
      ...d,
      operation: '',
      spanKind: '',
      tags: '',
      lookback: DEFAULT_LOOKBACK,
      minDuration: '',
      maxDuration: '',
      limit: String(DEFAULT_LIMIT),
    }));
    setTouched(new Set());
    setSubmitted(false);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (hasProblems(problems)) {
      setSubmitted(true);
      setFocusRequest((n) => n + 1);
      return;
    }
    rememberSearch(effective);
    onSubmit(draftToUrl(effective, Date.now() * 1000, initial.sort));
  }

  return (
    <form ref={formRef} className="search-form" aria-label="Search traces" onSubmit={submit} noValidate>
      <ServiceFields
        draft={effective}
        problems={shown}
        discovery={api?.discovery}
        services={services}
        servicesFailed={servicesFailed}
        allowAllServices={allowAll}
        onServiceChange={changeService}
        onChange={change}
      />
      <AttributesField draft={effective} problems={shown} onChange={change} />
      <TimeFields draft={effective} problems={shown} onChange={change} />
      <LimitFields draft={effective} problems={shown} onChange={change} />
      <div className="search-form__actions">
        <button type="submit" className="btn btn--primary search-form__submit">
          Find traces
        </button>
        <button type="button" className="btn" onClick={reset}>
          Reset
        </button>
      </div>
    </form>
  );
}
