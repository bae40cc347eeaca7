import { useState, type FormEvent } from 'react';
import { FormField } from '../../components/FormField';

interface AddServiceFormProps {
  /** Called with a trimmed, non-empty name; the page opens that service's editor. */
  onAdd(service: string): void;
}

/** A strategy can be set before a service first sends spans, so its first traces are already sampled right. */
export function AddServiceForm({ onAdd }: AddServiceFormProps) {
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | undefined>();

  function submit(event: FormEvent) {
    event.preventDefault();
    const service = name.trim();
    if (service === '') {
      setProblem('Enter the service name its SDK reports (service.name).');
      return;
    }
    setProblem(undefined);
    setName('');
    onAdd(service);
  }

  return (
    <form
      className="add-service"
      aria-label="Set a strategy for another service"
      noValidate
      onSubmit={submit}
    >
      <FormField
        label="Another service"
        hint="For a service that has not sent spans yet."
        problem={problem}
        className="add-service__field"
      >
        {(control) => (
          <input
            {...control}
            className="input"
            value={name}
            spellCheck={false}
            placeholder="service.name"
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </FormField>
      <button type="submit" className="btn">
        Set strategy
      </button>
    </form>
  );
}
