/** What the pointer is on: the span's name, service, times and status. */
import { formatDuration } from '../../../../format/duration';
import { serviceColorOf } from '../../../../theme/servicePalette';
import type { TraceSkeleton } from '../../../../workers/traceModel';

interface Props {
  skeleton: TraceSkeleton;
  selfUs: Float64Array;
  row: number;
  /** Pointer position inside the flame graph, CSS pixels. */
  x: number;
  y: number;
  /** Placed below a level that was taken, rather than right under its parent. */
  pushed: boolean;
}

const OFFSET = 14;
const WIDTH = 300;

export function FlameTooltip({ skeleton, selfUs, row, x, y, pushed }: Props) {
  const service = skeleton.services[skeleton.service[row]];
  const children = skeleton.childCount[row];
  // Flip to the pointer's left near the right edge, so the tooltip stays on screen.
  const flip = typeof window !== 'undefined' && x + OFFSET + WIDTH > (window.innerWidth || Infinity) - 16;
  return (
    <div
      className="flame-tooltip"
      role="tooltip"
      style={{ left: flip ? x - OFFSET - WIDTH : x + OFFSET, top: y + OFFSET, width: WIDTH }}
    >
      <div className="flame-tooltip__title">{skeleton.operations[skeleton.operation[row]]}</div>
      <div className="flame-tooltip__service">
        <span className="flame-tooltip__swatch" style={{ background: serviceColorOf(service) }} />
        {service}
      </div>
      <dl className="flame-tooltip__facts">
        <dt>Duration</dt>
        <dd className="num">{formatDuration(skeleton.durationUs[row])}</dd>
        <dt>Self time</dt>
        <dd className="num">{formatDuration(selfUs[row])}</dd>
        <dt>Starts at</dt>
        <dd className="num">{formatDuration(skeleton.startUs[row])}</dd>
        <dt>Children</dt>
        <dd className="num">{children.toLocaleString('en-US')}</dd>
      </dl>
      {skeleton.error[row] === 1 && <div className="flame-tooltip__error">Error status</div>}
      {pushed && (
        <div className="flame-tooltip__note">Drawn lower: it runs at the same time as a span above.</div>
      )}
    </div>
  );
}
