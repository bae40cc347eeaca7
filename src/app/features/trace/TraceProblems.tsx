import { useId } from 'react';
import type { TraceProblemList } from '../../workers/traceModel';

interface TraceProblemsProps {
  problems: TraceProblemList;
  traceWarnings: readonly string[];
}

/**
 * What is wrong with the trace's data, said plainly, behind one line that counts it: a broken
 * trace still renders, and the reader learns why some spans sit at the top level or look odd.
 */
export function TraceProblems({ problems, traceWarnings }: TraceProblemsProps) {
  const listId = useId();
  const messages = [
    ...problems.items.map((p) => ({ key: p.kind, text: p.message })),
    ...traceWarnings.map((w, i) => ({ key: `w${i}`, text: w })),
  ];
  if (messages.length === 0) return null;
  const headline =
    messages.length === 1 ? messages[0].text : `${messages.length} problems with this trace's data`;
  if (messages.length === 1) {
    return (
      <p className="trace-problems trace-problems--single" data-problem={problems.items[0]?.kind}>
        <span className="trace-problems__badge">Warning</span> {headline}
      </p>
    );
  }
  return (
    <details className="trace-problems">
      <summary aria-controls={listId}>
        <span className="trace-problems__badge">Warning</span> {headline}
      </summary>
      <ul id={listId}>
        {messages.map((m) => (
          <li key={m.key} data-problem={m.key}>
            {m.text}
          </li>
        ))}
      </ul>
    </details>
  );
}
