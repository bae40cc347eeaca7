import { NameColumnResizer } from './NameColumnResizer';
import { TimeRuler } from './TimeRuler';

/** The column headers: names, the resize handle, and the time ruler of the visible window. */
export function WaterfallHeader({ viewStartUs, viewEndUs }: { viewStartUs: number; viewEndUs: number }) {
  return (
    <div role="rowgroup" className="waterfall__head">
      <div role="row" className="wf-row wf-row--head" aria-rowindex={1}>
        <div role="columnheader" className="wf-row__name">
          Service &amp; operation
          <NameColumnResizer />
        </div>
        <div role="columnheader" className="wf-row__timeline">
          <TimeRuler viewStartUs={viewStartUs} viewEndUs={viewEndUs} />
        </div>
      </div>
    </div>
  );
}
