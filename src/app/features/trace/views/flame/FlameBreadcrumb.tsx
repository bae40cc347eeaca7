/** Where the flame graph is zoomed: the whole trace, then each ancestor of the zoomed span. */
import type { TraceSkeleton } from '../../../../workers/traceModel';
import { ancestry } from './flameNavigation';

/** Ancestors shown before the middle of a deep path is elided. */
const MAX_CRUMBS = 5;

interface Props {
  skeleton: TraceSkeleton;
  focus: number;
  onZoom(row: number): void;
}

export function FlameBreadcrumb({ skeleton, focus, onZoom }: Props) {
  const path = focus >= 0 ? ancestry(skeleton, focus) : [];
  const shown = path.length > MAX_CRUMBS ? [path[0], -1, ...path.slice(-(MAX_CRUMBS - 1))] : path;
  const name = (row: number) => skeleton.operations[skeleton.operation[row]];
  return (
    <nav className="flame-crumbs" aria-label="Flame graph zoom">
      <ol>
        <li>
          {focus < 0 ? (
            <span aria-current="location">Whole trace</span>
          ) : (
            <button type="button" className="flame-crumbs__link" onClick={() => onZoom(-1)}>
              Whole trace
            </button>
          )}
        </li>
        {shown.map((row, i) => (
          <li key={row < 0 ? `gap-${i}` : row}>
            {row < 0 ? (
              <span aria-label={`${path.length - MAX_CRUMBS} more`}>…</span>
            ) : row === focus ? (
              <span aria-current="location">{name(row)}</span>
            ) : (
              <button type="button" className="flame-crumbs__link" onClick={() => onZoom(row)}>
                {name(row)}
              </button>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
