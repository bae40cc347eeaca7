import type { DiscoveryApi } from '../../api/backendApi';
import { operationChoices, useOperations } from '../../api/services';
import { FormField } from '../../components/FormField';
import { ALL_SERVICES, type DraftProblems, type SearchDraft } from './searchDraft';
import { SPAN_KINDS } from '../../components/timeRangeOptions';

interface ServiceFieldsProps {
  draft: SearchDraft;
  problems: DraftProblems;
  discovery: DiscoveryApi | undefined;
  services: readonly string[] | undefined;
  servicesFailed: boolean;
  allowAllServices: boolean;
  onServiceChange(service: string): void;
  onChange(patch: Partial<SearchDraft>): void;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Service, operation (with the span kinds it was seen with) and span kind. */
export function ServiceFields({
  draft,
  problems,
  discovery,
  services,
  servicesFailed,
  allowAllServices,
  onServiceChange,
  onChange,
}: ServiceFieldsProps) {
  const oneService = draft.service !== '' && draft.service !== ALL_SERVICES ? draft.service : null;
  const operations = useOperations(discovery, oneService);
  const choices = operationChoices(operations.data ?? []).filter(
    (c) => !draft.spanKind || c.kinds.length === 0 || c.kinds.includes(draft.spanKind),
  );
  if (draft.operation && !choices.some((c) => c.name === draft.operation)) {
    choices.unshift({ name: draft.operation, kinds: [] });
  }

  const serviceOptions = services ? [...services] : [];
  const known =
    draft.service === '' || draft.service === ALL_SERVICES || serviceOptions.includes(draft.service);
  if (!known) serviceOptions.unshift(draft.service);
  const loading = services === undefined && serviceOptions.length === 0;
  const count = services ? ` (${services.length})` : '';

  return (
    <>
      <FormField label={`Service${count}`} problem={problems.service}>
        {(control) => (
          <span className="select-wrap">
            <select
              {...control}
              className="select"
              value={draft.service}
              disabled={loading && !allowAllServices}
              onChange={(e) => onServiceChange(e.target.value)}
            >
              {draft.service === '' && (
                <option value="" disabled>
                  {loading
                    ? servicesFailed
                      ? 'Services unavailable'
                      : 'Loading services…'
                    : 'Choose a service'}
                </option>
              )}
              {allowAllServices && <option value={ALL_SERVICES}>All services</option>}
              {serviceOptions.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </span>
        )}
      </FormField>

      <FormField
        label="Operation"
        hint={operations.isError ? `Operations could not be loaded: ${operations.error.message}` : undefined}
      >
        {(control) => (
          <span className="select-wrap">
            <select
              {...control}
              className="select"
              value={draft.operation}
              disabled={oneService === null}
              onChange={(e) => onChange({ operation: e.target.value })}
            >
              <option value="">
                {oneService === null ? 'All operations (choose a service to pick one)' : 'All operations'}
              </option>
              {choices.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.kinds.length ? `${c.name} · ${c.kinds.join(', ')}` : c.name}
                </option>
              ))}
            </select>
          </span>
        )}
      </FormField>

      <FormField label="Span kind">
        {(control) => (
          <span className="select-wrap">
            <select
              {...control}
              className="select"
              value={draft.spanKind}
              onChange={(e) => onChange({ spanKind: e.target.value })}
            >
              <option value="">Any kind</option>
              {SPAN_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {capitalize(kind)}
                </option>
              ))}
            </select>
          </span>
        )}
      </FormField>
    </>
  );
}
