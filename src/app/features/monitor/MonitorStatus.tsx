/** The Monitor tab's honest states: no metrics backend (501), no data yet, failure. */
import { EmptyView, ErrorView } from '../../components/StatusViews';

export function MetricsDisabledView({ message }: { message: string }) {
  return (
    <EmptyView title="Span metrics are turned off">
      <p>
        The backend answered: <q>{message}</q>. The Monitor tab needs a metrics backend. Start Tracelens with{' '}
        <code>tracelens --metrics-backend embedded</code> to compute span metrics from the traces it stores,
        or with <code>--metrics-backend prometheus --prometheus-url http://…:9090</code> to read the
        spanmetrics series of an OpenTelemetry Collector from Prometheus.
      </p>
    </EmptyView>
  );
}

export function NoMetricsYetView({ service, spanKind }: { service: string; spanKind: string }) {
  return (
    <EmptyView title="No metrics yet">
      <p>
        There are no {spanKind} spans of <strong>{service}</strong> in this time range. Send traffic to the
        service (<code>npm start</code> runs demo traffic), pick another span kind, or widen the time range.
      </p>
    </EmptyView>
  );
}

export function MetricsErrorView({
  error,
  onRetry,
  retrying,
}: {
  error: Error;
  onRetry: () => void;
  retrying: boolean;
}) {
  return (
    <ErrorView
      title="Metrics could not be loaded"
      message={error.message}
      onRetry={onRetry}
      retrying={retrying}
    />
  );
}
