import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { TraceSearchParams } from '../../api/queryKeys';
import { useServices } from '../../api/services';
import { useTraceSearch } from '../../api/traces';
import { EmptyView, ErrorView, LoadingView } from '../../components/StatusViews';
import { useDocumentTitle } from '../../shell/useDocumentTitle';
import { rememberLastService } from './lastService';
import { NoServicesView } from './NoServicesView';
import { SearchForm } from './SearchForm';
import { SearchResults } from './SearchResults';
import { lookbackLabel, readSearchUrl, searchUrlParams } from './searchUrl';
import './search.css';

export function SearchPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const urlState = useMemo(() => readSearchUrl(searchParams), [searchParams]);
  const search: TraceSearchParams | null = useMemo(
    () =>
      urlState.service
        ? { service: urlState.service, lookback: urlState.lookback, limit: urlState.limit }
        : null,
    [urlState],
  );
  const services = useServices();
  const results = useTraceSearch(search);
  useDocumentTitle(search ? `Search ${search.service}` : 'Search');

  function submit(next: TraceSearchParams) {
    rememberLastService(next.service);
    const nextParams = searchUrlParams(next);
    // The same search again means "refresh": the URL would not change, so ask directly.
    if (search && nextParams.toString() === searchUrlParams(search).toString()) void results.refetch();
    else setSearchParams(nextParams);
  }

  function body() {
    if (services.isError && !search) {
      return (
        <ErrorView
          title="Could not load services"
          message={services.error.message}
          onRetry={() => void services.refetch()}
          retrying={services.isFetching}
        />
      );
    }
    if (!search) {
      if (services.data?.length === 0) return <NoServicesView />;
      if (services.isPending) return <LoadingView label="Loading services…" />;
      return (
        <EmptyView title="Find traces">
          <p>Choose a service and a time range, then press Find traces.</p>
        </EmptyView>
      );
    }
    if (results.isPending) return <LoadingView label={`Searching traces of ${search.service}…`} />;
    if (results.isError) {
      return (
        <ErrorView
          title="Search failed"
          message={results.error.message}
          onRetry={() => void results.refetch()}
          retrying={results.isFetching}
        />
      );
    }
    if (results.data.length === 0) {
      return (
        <EmptyView
          title={`No traces found for ${search.service} in the ${lookbackLabel(search.lookback).toLowerCase()}`}
        >
          <p>
            Try a longer lookback, or check that {search.service} is sending spans to this backend: new spans
            can take a few seconds to become searchable.
          </p>
        </EmptyView>
      );
    }
    return <SearchResults traces={results.data} refreshing={results.isFetching} />;
  }

  return (
    <div className="search-page">
      <aside className="search-panel" aria-labelledby="search-heading">
        <h1 id="search-heading" className="search-panel__heading">
          Search
        </h1>
        <SearchForm
          key={searchParams.toString()}
          initial={urlState}
          services={services.data}
          servicesFailed={services.isError}
          onSubmit={submit}
        />
      </aside>
      <section className="search-main" aria-label="Search results">
        {body()}
      </section>
    </div>
  );
}
