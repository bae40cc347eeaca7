import { EmptyView } from '../../components/StatusViews';

/** First run: nothing has been stored yet, so say how to send some spans. */
export function NoServicesView() {
  return (
    <EmptyView title="No services have sent traces yet">
      <p>
        A service appears here as soon as one of its spans reaches the backend. Send OpenTelemetry traces to:
      </p>
      <ul className="onboarding-list">
        <li>
          OTLP/HTTP: <code>http://127.0.0.1:4318/v1/traces</code>
        </li>
        <li>
          OTLP/gRPC: <code>127.0.0.1:4317</code>
        </li>
      </ul>
      <p>
        Most SDKs only need <code>OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318</code>. To see Tracelens
        with live data first, run <code>npm start</code>: it starts the backend together with a demo system
        that sends traffic continuously.
      </p>
    </EmptyView>
  );
}
