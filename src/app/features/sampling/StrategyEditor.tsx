import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { FormField } from '../../components/FormField';
import { OperationOverrides } from './OperationOverrides';
import { useSamplingEdit, type SamplingEdit } from './samplingApi';
import {
  describeEffective,
  draftFrom,
  entryFromDraft,
  formatPercent,
  hasProblems,
  validateDraft,
  type DraftMode,
  type SamplingState,
  type StrategyDraft,
} from './samplingModel';

export type EditTarget = { kind: 'default' } | { kind: 'service'; service: string };

const targetName = (t: EditTarget) => (t.kind === 'default' ? 'the default strategy' : t.service);

interface StrategyEditorProps {
  target: EditTarget;
  state: SamplingState;
  onSaved(message: string, warnings: string[]): void;
  onCancel(): void;
}

function current(target: EditTarget, state: SamplingState) {
  if (target.kind === 'default') {
    return { configured: state.document.default_strategy ?? null, effective: state.defaultStrategy };
  }
  const s = state.services.find((x) => x.service === target.service);
  return { configured: s?.configured ?? null, effective: s?.effective ?? state.defaultStrategy };
}

/** Edits one strategy in place; checks every field before anything is sent. */
export function StrategyEditor({ target, state, onSaved, onCancel }: StrategyEditorProps) {
  const id = useId();
  const { configured, effective } = current(target, state);
  const [draft, setDraft] = useState<StrategyDraft>(() => draftFrom(configured, effective));
  const [submitted, setSubmitted] = useState(false);
  const [touched, setTouched] = useState(false);
  const edit = useSamplingEdit();
  const problems = useMemo(() => validateDraft(draft), [draft]);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.focus();
  }, []);

  const change = (next: Partial<StrategyDraft>) => setDraft((d) => ({ ...d, ...next }));
  const valueProblem = submitted || touched ? problems.value : undefined;
  const name = targetName(target);
  const inheritLabel =
    target.kind === 'default'
      ? `Built-in default (${formatPercent(state.defaultProbability)})`
      : `Default strategy (${describeEffective(state.defaultStrategy)})`;

  function editFor(): SamplingEdit | null {
    const entry = entryFromDraft(draft);
    if (target.kind === 'default') {
      const document = { ...state.document };
      if (entry) document.default_strategy = entry;
      else delete document.default_strategy;
      return { kind: 'document', document };
    }
    if (entry) return { kind: 'service', service: target.service, entry };
    return configured ? { kind: 'remove', service: target.service } : null;
  }

  function save(saveEdit: SamplingEdit | null) {
    if (!saveEdit) return onCancel();
    edit.mutate(saveEdit, {
      onSuccess: (next) => {
        const after = current(target, next).effective;
        const what = target.kind === 'default' ? 'The default strategy' : target.service;
        onSaved(
          `Saved: ${what} is now sampled at ${describeEffective(after)}. SDKs pick it up at their next poll.`,
          next.warnings ?? [],
        );
      },
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (hasProblems(problems)) {
      // Let the messages render, then take the person to the first one.
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    save(editFor());
  }

  const modes: { mode: DraftMode; label: string }[] = [
    { mode: 'inherit', label: inheritLabel },
    { mode: 'probabilistic', label: 'Probabilistic' },
    { mode: 'ratelimiting', label: 'Rate limiting' },
  ];

  return (
    <form
      ref={form}
      className="strategy-editor"
      aria-label={`Sampling strategy for ${name}`}
      noValidate
      onSubmit={submit}
    >
      <fieldset className="strategy-editor__modes">
        <legend className="field__label">Strategy</legend>
        {modes.map((m) => (
          <label key={m.mode} className="strategy-editor__mode">
            <input
              type="radio"
              name={`${id}-mode`}
              value={m.mode}
              checked={draft.mode === m.mode}
              onChange={() => change({ mode: m.mode })}
            />
            {m.label}
          </label>
        ))}
      </fieldset>

      {draft.mode === 'probabilistic' && (
        <FormField
          label="Sampling percentage"
          hint="The share of new traces kept, from 0 to 100 %; 0.1 keeps one trace in a thousand."
          problem={valueProblem}
          className="strategy-editor__value"
        >
          {(control) => (
            <span className="percent-input">
              <input
                {...control}
                className="input num"
                inputMode="decimal"
                value={draft.percent}
                onChange={(e) => {
                  setTouched(true);
                  change({ percent: e.target.value });
                }}
              />
              <span aria-hidden="true">%</span>
            </span>
          )}
        </FormField>
      )}
      {draft.mode === 'ratelimiting' && (
        <FormField
          label="Max traces per second"
          hint="Each SDK keeps at most this many new traces per second. OpenTelemetry JS's remote sampler does not support rate limiting and keeps its previous strategy."
          problem={valueProblem}
          className="strategy-editor__value"
        >
          {(control) => (
            <input
              {...control}
              className="input num"
              inputMode="numeric"
              value={draft.rate}
              onChange={(e) => {
                setTouched(true);
                change({ rate: e.target.value });
              }}
            />
          )}
        </FormField>
      )}

      <OperationOverrides
        idBase={id}
        operations={draft.operations}
        problems={problems.operations}
        showAll={submitted}
        onChange={(operations) => change({ operations })}
      />

      {edit.isError && (
        <div className="strategy-editor__error" role="alert">
          <strong>Not saved.</strong> <span className="strategy-editor__message">{edit.error.message}</span>
        </div>
      )}

      <div className="strategy-editor__actions">
        <button type="submit" className="btn btn--primary" disabled={edit.isPending}>
          {edit.isPending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="btn" onClick={onCancel} disabled={edit.isPending}>
          Cancel
        </button>
        {target.kind === 'service' && configured && (
          <button
            type="button"
            className="btn strategy-editor__reset"
            disabled={edit.isPending}
            onClick={() => save({ kind: 'remove', service: target.service })}
          >
            Use the default strategy
          </button>
        )}
      </div>
    </form>
  );
}
