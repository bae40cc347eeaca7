import { useId, type ReactNode } from 'react';
import './formField.css';

/** What a control needs to be tied to its label, hint and problem. */
export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

interface FormFieldProps {
  label: ReactNode;
  /** Always shown under the control, e.g. the expected format. */
  hint?: ReactNode;
  /** Shown (and announced) when set. */
  problem?: string;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

/** A labelled control whose problem is written next to it and read out with it. */
export function FormField({ label, hint, problem, className, children }: FormFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const problemId = `${id}-problem`;
  const describedBy =
    [problem ? problemId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, 'aria-invalid': Boolean(problem), 'aria-describedby': describedBy })}
      {problem && (
        <p id={problemId} className="field__error">
          {problem}
        </p>
      )}
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}
