import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { summarizeTrace } from '../../../core/trace/summary';
import { buildTraceIndex } from '../../../core/tree/traceIndex';
import { isApiError } from '../../api/apiError';
import { useTrace } from '../../api/traces';
import { EmptyView, ErrorView, LoadingView } from '../../components/StatusViews';
import { useDocumentTitle } from '../../shell/useDocumentTitle';
import { TraceHeader } from './TraceHeader';
import { traceTitle } from './traceTitle';
import { Waterfall } from './Waterfall';
import './trace.css';

export function TracePage() {
  const { id = '' } = useParams();
  const trace = useTrace(id);
  // One pass each over the spans; the index is what the waterfall reads row by row.
  const index = useMemo(() => (trace.data ? buildTraceIndex(trace.data) : null), [trace.data]);
  const summary = useMemo(() => (trace.data ? summarizeTrace(trace.data) : null), [trace.data]);
  useDocumentTitle(summary ? `${traceTitle(summary)} (${id.slice(0, 7)})` : `Trace ${id.slice(0, 7)}`);

  if (trace.isPending) {
    return (
      <div className="page">
        <LoadingView label={`Loading trace ${id}…`} />
      </div>
    );
  }
  if (trace.isError) {
    if (isApiError(trace.error) && trace.error.isNotFound) {
      return (
        <div className="page">
          <h1 className="visually-hidden">Trace not found</h1>
          <EmptyView title="Trace not found">
            <p>
              Trace <code>{id}</code> was not found. It may have been evicted from the store or never sent.
            </p>
            <p>
              <Link to="/search">Search for traces</Link>
            </p>
          </EmptyView>
        </div>
      );
    }
    return (
      <div className="page">
        <h1 className="visually-hidden">Trace {id}</h1>
        <ErrorView
          title="Could not load the trace"
          message={trace.error.message}
          onRetry={() => void trace.refetch()}
          retrying={trace.isFetching}
        />
      </div>
    );
  }
  if (!index || !summary) return null;

  return (
    <div className="trace-page">
      <TraceHeader summary={summary} index={index} />
      <Waterfall index={index} />
    </div>
  );
}
