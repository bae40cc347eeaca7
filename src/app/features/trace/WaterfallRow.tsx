import { memo, type CSSProperties } from 'react';
import type { Span } from '../../../core/model/trace';
import { ErrorIcon } from '../../components/icons';
import { ServiceSwatch } from '../../components/ServiceChip';
import { formatDuration } from '../../format/duration';
import { barPlacement, indentPx, ROW_HEIGHT } from './waterfallLayout';

export interface WaterfallRowProps {
  row: number;
  /** Pixel offset of the row inside the virtual list. */
  top: number;
  span: Span;
  depth: number;
  service: string;
  color: string;
  startUs: number;
  durationUs: number;
  traceDurationUs: number;
  isError: boolean;
  focusable: boolean;
  onFocusRow(row: number): void;
}

export const WaterfallRow = memo(function WaterfallRow(props: WaterfallRowProps) {
  const { row, top, span, depth, service, color, startUs, durationUs, traceDurationUs, isError } = props;
  const bar = barPlacement(startUs, durationUs, traceDurationUs);
  const duration = formatDuration(durationUs);
  const rowStyle: CSSProperties = { transform: `translateY(${top}px)`, height: ROW_HEIGHT };
  const labelStyle: CSSProperties =
    bar.label === 'after'
      ? { left: `${bar.leftPercent + bar.widthPercent}%` }
      : bar.label === 'before'
        ? { right: `${100 - bar.leftPercent}%` }
        : { left: `${bar.leftPercent}%` };

  return (
    <div
      role="row"
      className={isError ? 'wf-row wf-row--error' : 'wf-row'}
      style={rowStyle}
      aria-level={depth + 1}
      aria-rowindex={row + 2}
      tabIndex={props.focusable ? 0 : -1}
      data-row={row}
      onFocus={() => props.onFocusRow(row)}
    >
      <div role="gridcell" className="wf-row__name" style={{ paddingLeft: indentPx(depth) + 8 }}>
        <ServiceSwatch color={color} />
        <span className="wf-row__service">{service}</span>
        <span className="wf-row__operation" title={span.name}>
          {span.name}
        </span>
        {isError && (
          <>
            <ErrorIcon className="wf-row__error-icon" />
            <span className="visually-hidden">, error</span>
          </>
        )}
      </div>
      <div role="gridcell" className="wf-row__timeline">
        <div
          className="wf-bar"
          style={{ left: `${bar.leftPercent}%`, width: `max(2px, ${bar.widthPercent}%)`, background: color }}
        />
        <span className={`wf-bar__label wf-bar__label--${bar.label} num`} style={labelStyle}>
          {duration}
        </span>
      </div>
    </div>
  );
});
