/**
 * Every span as a row of a sortable, filterable table. Sorting and filtering happen in the
 * trace worker (one Int32Array of rows comes back), the grid renders only the rows on screen,
 * and a row opens its span in the timeline.
 */
import { useCallback, useMemo, useState } from 'react';
import type { SpanSort } from '../../../../../core/analysis/spanTable';
import { formatDuration } from '../../../../format/duration';
import { serviceColorOf } from '../../../../theme/servicePalette';
import { useTraceView } from '../../state/traceViewStore';
import type { TraceViewProps } from '../traceViews';
import { AttributeColumnPicker } from './AttributeColumnPicker';
import { ServicePicker } from '../shared/ServicePicker';
import { KindCell, NoValue, ServiceCell, StatusCell, TextCell } from '../shared/spanCells';
import { useAnalysis } from '../shared/useAnalysis';
import { useAttributeColumns } from './useAttributeColumns';
import { useDebounced } from '../shared/useDebounced';
import { VirtualGrid, type GridColumn } from '../shared/VirtualGrid';
import '../shared/virtualGrid.css';

interface SortState {
  sort: SpanSort;
  descending: boolean;
}

const ATTRIBUTE_PREFIX = 'attr:';
/** Columns a first click sorts longest / latest first. */
const DESCENDING_FIRST = new Set(['duration', 'self']);

function columnIdOf(sort: SpanSort): string {
  return sort.column === 'attribute' ? ATTRIBUTE_PREFIX + sort.key : sort.column;
}

function sortOf(columnId: string): SpanSort {
  if (columnId.startsWith(ATTRIBUTE_PREFIX)) {
    return { column: 'attribute', key: columnId.slice(ATTRIBUTE_PREFIX.length) };
  }
  return { column: columnId as Exclude<SpanSort['column'], 'attribute'> };
}

export default function SpansView({ onOpenInTimeline }: TraceViewProps) {
  const skeleton = useTraceView((s) => s.skeleton);
  const [sortState, setSortState] = useState<SortState>({ sort: { column: 'start' }, descending: false });
  const [filter, setFilter] = useState('');
  const settledFilter = useDebounced(filter, 180);
  const [services, setServices] = useState<number[] | null>(null);
  const [errorsOnly, setErrorsOnly] = useState(false);
  const [attributeKeys, setAttributeKeys] = useState<string[]>([]);

  const spanColumns = useAnalysis('spanColumns', {});
  const order = useAnalysis('spanOrder', {
    sort: sortState.sort,
    descending: sortState.descending,
    filter: settledFilter,
    services,
    errorsOnly,
  });
  const [wantKeys, setWantKeys] = useState(false);
  const keyChoices = useAnalysis('attributeKeys', wantKeys ? {} : null);
  const attributeColumns = useAttributeColumns(attributeKeys);
  const colors = useMemo(() => skeleton.services.map(serviceColorOf), [skeleton]);
  const serviceCounts = useMemo(() => {
    const counts = new Int32Array(skeleton.services.length);
    for (let row = 0; row < skeleton.spanCount; row++) counts[skeleton.service[row]]++;
    return counts;
  }, [skeleton]);

  const rows = order.data?.rows ?? null;
  const self = spanColumns.data?.selfUs ?? null;
  const status = spanColumns.data?.statusCodes ?? null;

  const columns = useMemo((): GridColumn[] => {
    const rowAt = (position: number) => (rows ? rows[position] : 0);
    const fixed: GridColumn[] = [
      {
        id: 'service',
        label: 'Service',
        width: 'minmax(120px, 1fr)',
        minWidth: 120,
        sortable: true,
        render: (p) => {
          const row = rowAt(p);
          return (
            <ServiceCell
              name={skeleton.services[skeleton.service[row]]}
              color={colors[skeleton.service[row]]}
            />
          );
        },
      },
      {
        id: 'operation',
        label: 'Operation',
        width: 'minmax(180px, 2fr)',
        minWidth: 180,
        sortable: true,
        render: (p) => <TextCell text={skeleton.operations[skeleton.operation[rowAt(p)]]} />,
      },
      {
        id: 'start',
        label: 'Start',
        description: 'When the span started, from the start of the trace',
        width: '92px',
        minWidth: 92,
        numeric: true,
        sortable: true,
        render: (p) => formatDuration(skeleton.startUs[rowAt(p)]),
      },
      {
        id: 'duration',
        label: 'Duration',
        width: '92px',
        minWidth: 92,
        numeric: true,
        sortable: true,
        render: (p) => formatDuration(skeleton.durationUs[rowAt(p)]),
      },
      {
        id: 'self',
        label: 'Self time',
        description: 'Time in the span when none of its children ran',
        width: '92px',
        minWidth: 92,
        numeric: true,
        sortable: true,
        render: (p) => (self ? formatDuration(self[rowAt(p)]) : ''),
      },
      {
        id: 'status',
        label: 'Status',
        width: '84px',
        minWidth: 84,
        sortable: true,
        render: (p) => (status ? <StatusCell code={status[rowAt(p)]} /> : ''),
      },
      {
        id: 'kind',
        label: 'Kind',
        width: '92px',
        minWidth: 92,
        sortable: true,
        render: (p) => <KindCell kind={skeleton.kind[rowAt(p)]} />,
      },
    ];
    const extra = attributeKeys.map((key): GridColumn => {
      const column = attributeColumns.get(key);
      return {
        id: ATTRIBUTE_PREFIX + key,
        label: key,
        description: `Attribute ${key} of the span, or else of its resource`,
        width: 'minmax(140px, 1fr)',
        minWidth: 140,
        sortable: true,
        render: (p) => {
          if (!column) return '';
          const id = column.ids[rowAt(p)];
          return id < 0 ? <NoValue label={`no ${key}`} /> : <TextCell text={column.values[id]} />;
        },
      };
    });
    return [...fixed, ...extra];
  }, [rows, self, status, skeleton, colors, attributeKeys, attributeColumns]);

  const onSort = useCallback((columnId: string) => {
    setSortState((s) =>
      columnIdOf(s.sort) === columnId
        ? { ...s, descending: !s.descending }
        : { sort: sortOf(columnId), descending: DESCENDING_FIRST.has(columnId) },
    );
  }, []);
  const onActivate = useCallback(
    (position: number) => {
      if (rows && position < rows.length) onOpenInTimeline(rows[position]);
    },
    [rows, onOpenInTimeline],
  );
  const clearFilters = () => {
    setFilter('');
    setServices(null);
    setErrorsOnly(false);
  };

  const ready = rows !== null && spanColumns.data !== null;
  const filterError = order.data?.filterError ?? null;
  const failure = order.error ?? spanColumns.error;
  const count = rows?.length ?? 0;
  return (
    <section className="analysis-view" aria-label="Spans table" data-view-ready={ready ? 'true' : undefined}>
      <div className="analysis-toolbar">
        <label className="analysis-toolbar__field">
          <span className="visually-hidden">Filter spans</span>
          <input
            type="search"
            className="input analysis-filter"
            placeholder="Filter: text, key=value, >10ms, kind:server"
            value={filter}
            aria-invalid={filterError !== null}
            aria-describedby={filterError ? 'spans-filter-error' : undefined}
            onChange={(e) => setFilter(e.target.value)}
          />
        </label>
        <ServicePicker
          services={skeleton.services}
          counts={serviceCounts}
          shown={services}
          onChange={setServices}
        />
        <label className="analysis-toolbar__check">
          <input type="checkbox" checked={errorsOnly} onChange={(e) => setErrorsOnly(e.target.checked)} />
          Errors only
        </label>
        <span className="analysis-toolbar__status" role="status">
          {ready
            ? `${count.toLocaleString()} of ${skeleton.spanCount.toLocaleString()} spans${order.pending ? ' · updating…' : ''}`
            : 'Sorting spans…'}
        </span>
        <div className="analysis-toolbar__end">
          <AttributeColumnPicker
            keys={keyChoices.data}
            onWantKeys={() => setWantKeys(true)}
            chosen={attributeKeys}
            onAdd={(key) => setAttributeKeys((k) => (k.includes(key) ? k : [...k, key]))}
            onRemove={(key) => {
              setAttributeKeys((k) => k.filter((x) => x !== key));
              if (columnIdOf(sortState.sort) === ATTRIBUTE_PREFIX + key) {
                setSortState({ sort: { column: 'start' }, descending: false });
              }
            }}
          />
        </div>
        {filterError && (
          <p id="spans-filter-error" className="analysis-toolbar__error">
            {filterError}
          </p>
        )}
        {failure && (
          <p className="analysis-toolbar__error" role="alert">
            Could not list the spans: {failure}. Reload the page to try again.
          </p>
        )}
      </div>
      <VirtualGrid
        label="Spans"
        columns={columns}
        count={count}
        keyOf={(p) => (rows ? rows[p] : p)}
        sort={{ column: columnIdOf(sortState.sort), descending: sortState.descending }}
        onSort={onSort}
        onActivate={onActivate}
        version={rows}
        empty={
          ready && (
            <div className="vgrid__empty">
              <p>
                No span matches these filters.{' '}
                <button type="button" className="btn btn--small" onClick={clearFilters}>
                  Clear filters
                </button>
              </p>
            </div>
          )
        }
      />
    </section>
  );
}
