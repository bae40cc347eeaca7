/**
 * The Monitor tab (Jaeger UI's Service Performance Monitoring): latency, error and request rate
 * of one service and span kind from `/api/metrics/*`, then the same per operation.
 * URL: `?service=&spanKind=&lookback=`.
 */
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { servicesQueryOptions } from '../../api/services';
import { EmptyView, ErrorView, LoadingView } from '../../components/StatusViews';
import { useDocumentTitle } from '../../shell/useDocumentTitle';
import { isMetricsDisabled, stepFor, type MetricsWindow } from '../../api/spanMetrics';
import { useMonitorMetrics } from './api/metrics';
import { ChartDataTable } from './ChartDataTable';
import { MonitorCharts } from './MonitorCharts';
import { MonitorControls } from './MonitorControls';
import {
  chartRows,
  hasData,
  lookbackMs,
  operationRows,
  readMonitorUrl,
  summaryLine,
  viewTracesUrl,
  type MonitorUrlState,
} from './monitorModel';
import { MetricsDisabledView, MetricsErrorView, NoMetricsYetView } from './MonitorStatus';
import { OperationsTable } from './OperationsTable';
import './monitor.css';

const nowMs = () => Date.now();

export function MonitorPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const url = useMemo(() => readMonitorUrl(searchParams), [searchParams]);
  // The Monitor tab lists services from v1, which every backend with SPM (Jaeger ≥ 1.x) serves.
  const services = useQuery(servicesQueryOptions('v1'));
  const service = url.service ?? services.data?.[0] ?? null;

  // The right edge is "now" as of the last change of the URL or Refresh, so results stay cached.
  const key = `${service}|${url.spanKind}|${url.lookback}`;
  const [clock, setClock] = useState(() => ({ key, endMs: nowMs() }));
  if (clock.key !== key) setClock({ key, endMs: nowMs() });

  const metricsWindow = useMemo<MetricsWindow | null>(() => {
    if (!service) return null;
    const lookback = lookbackMs(url.lookback);
    return {
      service,
      spanKind: url.spanKind,
      endMs: clock.endMs,
      lookbackMs: lookback,
      stepMs: stepFor(lookback),
    };
  }, [service, url.spanKind, url.lookback, clock.endMs]);
  const metrics = useMonitorMetrics(metricsWindow);
  useDocumentTitle(service ? `Monitor ${service}` : 'Monitor');

  const onChange = (next: Partial<MonitorUrlState>) => {
    const merged = { ...url, service, ...next };
    const params = new URLSearchParams();
    if (merged.service) params.set('service', merged.service);
    params.set('spanKind', merged.spanKind);
    params.set('lookback', merged.lookback);
    setSearchParams(params);
  };
  const refresh = () => setClock({ key, endMs: nowMs() });

  return (
    <div className="monitor-page">
      <header className="monitor-header">
        <h1 className="monitor-header__title">Monitor</h1>
        <MonitorControls
          state={{ ...url, service }}
          services={services.data ?? []}
          onChange={onChange}
          onRefresh={refresh}
          refreshing={metrics.isFetching}
        />
        {service && (
          <Link className="monitor-header__all" to={viewTracesUrl(service, null, url.lookback)}>
            View all traces
          </Link>
        )}
      </header>
      <div className="monitor-main">{body()}</div>
    </div>
  );

  function body() {
    if (services.isPending) return <LoadingView label="Loading services…" />;
    if (services.error && !service) {
      return (
        <ErrorView
          title="Services could not be loaded"
          message={services.error.message}
          onRetry={() => void services.refetch()}
          retrying={services.isFetching}
        />
      );
    }
    if (!service || !metricsWindow) {
      return (
        <EmptyView title="No services yet">
          <p>
            Nothing has been stored yet. Send traces to Tracelens (<code>npm start</code> runs demo traffic).
          </p>
        </EmptyView>
      );
    }
    if (metrics.error) {
      if (isMetricsDisabled(metrics.error)) return <MetricsDisabledView message={metrics.error.message} />;
      return (
        <MetricsErrorView error={metrics.error} onRetry={metrics.refetch} retrying={metrics.isFetching} />
      );
    }
    if (!metrics.data) {
      return <LoadingView label={`Loading metrics… (${metrics.done} of ${metrics.total} queries)`} />;
    }
    const rows = chartRows(metrics.data);
    if (!hasData(rows)) return <NoMetricsYetView service={service} spanKind={url.spanKind} />;
    return (
      <>
        <p id="monitor-summary" className="monitor-summary" aria-live="polite">
          {summaryLine(rows)}
          <span className="monitor-summary__hint">
            {' '}
            · Click a point or drag across a range on a chart, or open the table below the charts, to see the
            traces behind it.
          </span>
        </p>
        <MonitorCharts
          rows={rows}
          service={service}
          stepMs={metricsWindow.stepMs}
          fromMs={metricsWindow.endMs - metricsWindow.lookbackMs}
          toMs={metricsWindow.endMs}
          syncId="monitor"
        />
        <ChartDataTable rows={rows} service={service} stepMs={metricsWindow.stepMs} />
        <OperationsTable rows={operationRows(metrics.data)} service={service} lookback={url.lookback} />
      </>
    );
  }
}
