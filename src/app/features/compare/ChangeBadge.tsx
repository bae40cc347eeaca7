import type { NodeChange } from '../../../core/diff/diffNodes';
import { changeLabels } from './diffFormat';

/** The change written out, in its colour: the word carries the meaning, the colour repeats it. */
export function ChangeBadge({ change }: { change: NodeChange }) {
  return <span className={`change-badge change-badge--${change}`}>{changeLabels[change]}</span>;
}
