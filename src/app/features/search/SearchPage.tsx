import { useEffect, useMemo, useState, type DragEvent } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../api/apiError';
import { useBackendApi } from '../../api/backendApi';
import { useServices } from '../../api/services';
import { useTraceSearch } from '../../api/traceSearch';
import { LoadingView } from '../../components/StatusViews';
import { embedOptions } from '../../config/embedded';
import { uiConfig } from '../../config/runtimeConfig';
import { useDocumentTitle } from '../../shell/useDocumentTitle';
import { useUploadedTracesStore } from '../../stores/uploadedTraces';
import { mergeRows, type SortOrder } from './resultRows';
import { SearchForm } from './SearchForm';
import { preloadScatterPlot } from './lazyScatterPlot';
import { SearchResults } from './SearchResults';
import { NoResultsView, NoServicesView, SearchHints, SearchProblem, Searching } from './SearchStatus';
import { CUSTOM_LOOKBACK, describeSearch, readSearchUrl, searchRequest } from './searchUrl';
import { UploadPanel } from './UploadPanel';
import { useTraceFileUpload } from './useTraceFileUpload';
import './search.css';
import './results.css';

const nowMicros = () => Date.now() * 1000;

/** The URL without `sort`: re-sorting must not move a lookback window or refetch. */
function searchKey(params: URLSearchParams): string {
  const copy = new URLSearchParams(params);
  copy.delete('sort');
  return copy.toString();
}

export function SearchPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const key = searchKey(searchParams);
  const urlState = useMemo(() => readSearchUrl(searchParams), [searchParams]);
  // A lookback with no start/end in the URL means "up to when this URL was opened".
  const [clock, setClock] = useState(() => ({ key, nowUs: nowMicros() }));
  if (clock.key !== key) setClock({ key, nowUs: nowMicros() });

  const backend = useBackendApi();
  const api = backend.data;
  const services = useServices(api?.discovery);
  const blocked = !urlState.isSearch
    ? null
    : (urlState.tagsProblem ??
      (api && api.search === null ? 'This backend offers no trace search API that Tracelens knows.' : null) ??
      (api && urlState.service === null && !api.searchWithoutService
        ? 'This backend searches one service at a time: choose a service.'
        : null));
  const request = useMemo(
    () => (urlState.isSearch ? searchRequest(urlState, clock.nowUs) : null),
    [urlState, clock.nowUs],
  );
  const results = useTraceSearch(api?.search, blocked ? null : request);
  const uploaded = useUploadedTracesStore((s) => s.byId);
  const upload = useTraceFileUpload();
  const rows = useMemo(() => mergeRows(results.data, [...uploaded.values()]), [results.data, uploaded]);
  const [dragging, setDragging] = useState(0);
  // Results need the plot's chunk; fetch and compile it while the person fills in the form.
  useEffect(preloadScatterPlot, []);
  useDocumentTitle(urlState.isSearch ? `Search ${urlState.service ?? 'all services'}` : 'Search');

  function submit(next: URLSearchParams) {
    // The same search again means "refresh": the URL would not change, so ask directly.
    if (next.toString() === searchParams.toString()) void results.refetch();
    else setSearchParams(next);
  }

  function changeSort(sort: SortOrder) {
    const next = new URLSearchParams(searchParams);
    if (sort === 'most-recent') next.delete('sort');
    else next.set('sort', sort);
    setSearchParams(next, { replace: true });
  }

  function selectRange(startUs: number, endUs: number) {
    const next = new URLSearchParams(searchParams);
    next.set('lookback', CUSTOM_LOOKBACK);
    next.set('start', String(startUs));
    next.set('end', String(endUs));
    setSearchParams(next);
  }

  function status() {
    if (backend.isError) {
      return (
        <SearchProblem
          title="Could not reach the backend"
          message={backend.error.message}
          onRetry={() => void backend.refetch()}
          retrying={backend.isFetching}
        />
      );
    }
    if (!urlState.isSearch) {
      if (services.isError) {
        return (
          <SearchProblem
            title="Could not load services"
            message={services.error.message}
            onRetry={() => void services.refetch()}
            retrying={services.isFetching}
          />
        );
      }
      if (rows.length > 0) return null;
      if (services.data?.length === 0) return <NoServicesView />;
      if (backend.isPending || services.isPending) return <LoadingView label="Connecting to the backend…" />;
      return <SearchHints />;
    }
    if (blocked) return <SearchProblem title="This search cannot run" message={blocked} />;
    if (backend.isPending || results.isPending) return <Searching state={urlState} />;
    if (results.isError) {
      return (
        <SearchProblem
          // No response at all (status 0): the backend is down or unreachable, not the search wrong.
          title={
            results.error instanceof ApiError && results.error.status === 0
              ? 'Could not reach the backend'
              : 'Search failed'
          }
          message={results.error.message}
          onRetry={() => void results.refetch()}
          retrying={results.isFetching}
        />
      );
    }
    if (results.data.length === 0 && rows.length === 0) return <NoResultsView state={urlState} />;
    return null;
  }

  const notice =
    urlState.isSearch && results.data?.length === 0
      ? `The search found no traces ${describeSearch(urlState)}.`
      : undefined;

  const hasFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files');
  return (
    <div
      className="search-page"
      onDragEnter={(e) => hasFiles(e) && setDragging((n) => n + 1)}
      onDragLeave={(e) => hasFiles(e) && setDragging((n) => Math.max(0, n - 1))}
      onDragOver={(e) => {
        if (hasFiles(e)) e.preventDefault();
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(0);
        void upload.open([...e.dataTransfer.files]);
      }}
    >
      {/* Embedded (uiEmbed=v0) shows only the results of the search in the URL, as Jaeger UI does. */}
      <aside className="search-panel" aria-labelledby="search-heading" hidden={embedOptions().embedded}>
        <h1 id="search-heading" className="search-panel__heading">
          Search
        </h1>
        <SearchForm
          key={key}
          initial={urlState}
          nowUs={clock.nowUs}
          api={api}
          services={services.data}
          servicesFailed={services.isError || backend.isError}
          onSubmit={submit}
        />
        {!uiConfig().disableFileUploadControl && (
          <UploadPanel
            outcomes={upload.outcomes}
            busy={upload.busy}
            onFiles={(files) => void upload.open(files)}
          />
        )}
      </aside>
      <section className="search-main" aria-label="Search results">
        {/* Embedded, the form and its heading are hidden; the page still has its one h1. */}
        {embedOptions().embedded && <h1 className="visually-hidden">Search results</h1>}
        {status()}
        {rows.length > 0 && (
          <SearchResults
            rows={rows}
            sort={urlState.sort}
            onSortChange={changeSort}
            onSelectRange={selectRange}
            refreshing={results.isFetching && !results.isPending}
            notice={notice}
          />
        )}
      </section>
      {dragging > 0 && (
        <div className="search-page__drop" aria-hidden="true">
          Drop Jaeger or OTLP JSON files to open them
        </div>
      )}
    </div>
  );
}
