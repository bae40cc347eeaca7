import { useEffect, useState } from 'react';
import { CheckIcon, CopyIcon } from './icons';

interface CopyButtonProps {
  text: string;
  /** The accessible name, e.g. "Copy trace ID". */
  label: string;
}

type CopyState = 'idle' | 'copied' | 'failed';

/** An icon button that copies `text`, and says (to screen readers too) whether it worked. */
export function CopyButton({ text, label }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      // Clipboard access is refused outside secure contexts; the ID stays selectable by hand.
      setState('failed');
    }
  }

  return (
    <>
      <button type="button" className="btn btn--icon" aria-label={label} title={label} onClick={copy}>
        {state === 'copied' ? <CheckIcon /> : <CopyIcon />}
      </button>
      <span className="visually-hidden" role="status">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy; select the text instead' : ''}
      </span>
    </>
  );
}
