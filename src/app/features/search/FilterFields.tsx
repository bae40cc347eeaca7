import { FormField } from '../../components/FormField';
import type { DraftProblems, SearchDraft } from './searchDraft';

interface FilterFieldsProps {
  draft: SearchDraft;
  problems: DraftProblems;
  onChange(patch: Partial<SearchDraft>): void;
}

/** Attributes in logfmt. */
export function AttributesField({ draft, problems, onChange }: FilterFieldsProps) {
  return (
    <FormField
      label="Attributes"
      problem={problems.tags}
      hint={
        <>
          logfmt: <code>key=value</code> pairs, all must match. Quote values with spaces:{' '}
          <code>db.statement=&quot;select 1&quot;</code>
        </>
      }
    >
      {(control) => (
        <input
          {...control}
          className="input mono"
          placeholder="http.status_code=500 error=true"
          autoComplete="off"
          spellCheck={false}
          value={draft.tags}
          onChange={(e) => onChange({ tags: e.target.value })}
        />
      )}
    </FormField>
  );
}

/** Duration bounds and the result limit. */
export function LimitFields({ draft, problems, onChange }: FilterFieldsProps) {
  return (
    <>
      <div className="search-form__pair">
        <FormField label="Min duration" problem={problems.minDuration}>
          {(control) => (
            <input
              {...control}
              className="input num"
              placeholder="e.g. 100ms"
              autoComplete="off"
              spellCheck={false}
              value={draft.minDuration}
              onChange={(e) => onChange({ minDuration: e.target.value })}
            />
          )}
        </FormField>
        <FormField label="Max duration" problem={problems.maxDuration}>
          {(control) => (
            <input
              {...control}
              className="input num"
              placeholder="e.g. 1.2s"
              autoComplete="off"
              spellCheck={false}
              value={draft.maxDuration}
              onChange={(e) => onChange({ maxDuration: e.target.value })}
            />
          )}
        </FormField>
      </div>
      <FormField label="Limit results" problem={problems.limit}>
        {(control) => (
          <input
            {...control}
            className="input num"
            inputMode="numeric"
            autoComplete="off"
            value={draft.limit}
            onChange={(e) => onChange({ limit: e.target.value })}
          />
        )}
      </FormField>
    </>
  );
}
