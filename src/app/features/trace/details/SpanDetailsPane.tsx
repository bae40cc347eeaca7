import { useTraceViewStore } from '../state/traceViewStore';
import { SpanDetails } from './SpanDetails';
import { useSpanDetails } from './spanDetailsQuery';

interface SpanDetailsPaneProps {
  row: number;
  headingLevel: 2 | 3;
  onOpenRow(row: number): void;
}

/** Fetches a span's details from the worker and shows them, or says why it cannot. */
export function SpanDetailsPane({ row, headingLevel, onOpenRow }: SpanDetailsPaneProps) {
  const { handle, skeleton } = useTraceViewStore().getState();
  const details = useSpanDetails(handle, row);
  if (details.isError) {
    return (
      <p className="span-details__status" role="alert">
        The span's details could not be read: {details.error.message}
      </p>
    );
  }
  if (!details.data || details.data.row !== row) {
    return (
      <p className="span-details__status" role="status">
        Loading span details…
      </p>
    );
  }
  return (
    <SpanDetails
      details={details.data}
      skeleton={skeleton}
      onOpenRow={onOpenRow}
      headingLevel={headingLevel}
    />
  );
}
