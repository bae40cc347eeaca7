import { Fragment, useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { ServiceSwatch } from '../../components/ServiceChip';
import { serviceColorOf } from '../../theme/servicePalette';
import { RateSparkline } from './RateSparkline';
import { StrategyEditor, type EditTarget } from './StrategyEditor';
import {
  describeEffective,
  formatPercent,
  formatRate,
  type EffectiveStrategy,
  type ObservedService,
  type SamplingState,
  type StrategyEntry,
} from './samplingModel';

interface SamplingTableProps {
  state: SamplingState;
  /** Per service; undefined while loading or when the rates could not be read. */
  observed: ReadonlyMap<string, ObservedService> | undefined;
  period: string;
  /** Services added on this page that have neither spans nor a strategy yet. */
  added: readonly string[];
  editing: EditTarget | null;
  onEdit(target: EditTarget | null): void;
  onSaved(message: string, warnings: string[]): void;
}

interface Row {
  target: EditTarget;
  key: string;
  seen: boolean;
  configured: StrategyEntry | null;
  effective: EffectiveStrategy;
}

const keyOf = (t: EditTarget) => (t.kind === 'default' ? '\u0000default' : `s:${t.service}`);

function kindLabel(row: Row): string {
  if (row.target.kind === 'default') return row.configured?.type ? 'default' : 'built-in default';
  if (!row.configured?.type) return 'follows the default';
  return row.configured.type === 'probabilistic' ? 'probabilistic' : 'rate limiting';
}

function Operations({ effective }: { effective: EffectiveStrategy }) {
  const ops = effective.operationSampling?.perOperationStrategies ?? [];
  if (ops.length === 0) return <span className="sampling-table__none">None</span>;
  return (
    <ul className="sampling-ops">
      {ops.map((o) => (
        <li key={o.operation}>
          <span className="sampling-ops__name">{o.operation}</span>{' '}
          <span className="num">{formatPercent(o.probabilisticSampling.samplingRate)}</span>
        </li>
      ))}
    </ul>
  );
}

function Observed({ rates, period }: { rates: ObservedService | undefined; period: string }) {
  if (!rates || rates.spansPerSecond === 0) {
    return <span className="sampling-table__none">No spans in the {period}</span>;
  }
  return (
    <div className="observed">
      <RateSparkline points={rates.points} period={period} />
      <div className="observed__numbers">
        <span className="num">{formatRate(rates.spansPerSecond)} spans/s</span>
        {/* Only where traces start does the service's own strategy decide; elsewhere callers do. */}
        <span className="observed__spans num">
          {rates.tracesPerSecond > 0
            ? `${formatRate(rates.tracesPerSecond)} traces/s start here`
            : 'no traces start here'}
        </span>
      </div>
    </div>
  );
}

/** Every service and the default strategy, each editable in a row that opens below it. */
export function SamplingTable({
  state,
  observed,
  period,
  added,
  editing,
  onEdit,
  onSaved,
}: SamplingTableProps) {
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const lastEditing = useRef<string | null>(null);
  const editingKey = editing ? keyOf(editing) : null;
  useEffect(() => {
    // Closing an editor puts the focus back on the button that opened it.
    if (editingKey === null && lastEditing.current !== null)
      buttons.current.get(lastEditing.current)?.focus();
    lastEditing.current = editingKey;
  }, [editingKey]);

  const known = new Set(state.services.map((s) => s.service));
  const rows: Row[] = [
    {
      target: { kind: 'default' },
      key: keyOf({ kind: 'default' }),
      seen: true,
      configured: state.document.default_strategy ?? null,
      effective: state.defaultStrategy,
    },
    ...state.services.map((s) => ({
      target: { kind: 'service' as const, service: s.service },
      key: keyOf({ kind: 'service', service: s.service }),
      seen: s.seen,
      configured: s.configured,
      effective: s.effective,
    })),
    ...added
      .filter((service) => !known.has(service))
      .map((service) => ({
        target: { kind: 'service' as const, service },
        key: keyOf({ kind: 'service', service }),
        seen: false,
        configured: null,
        effective: state.defaultStrategy,
      })),
  ];

  return (
    <table className="sampling-table" aria-label="Sampling strategies">
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col">Strategy</th>
          <th scope="col">Per-operation overrides</th>
          <th scope="col">Observed, {period}</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const open = editingKey === row.key;
          const editorId = `sampling-editor-${row.key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
          const label = row.target.kind === 'default' ? 'the default strategy' : row.target.service;
          return (
            <Fragment key={row.key}>
              <tr className={open ? 'sampling-table__row sampling-table__row--open' : 'sampling-table__row'}>
                <th scope="row" className="sampling-table__service">
                  {row.target.kind === 'default' ? (
                    <span>
                      Default strategy
                      <span className="sampling-table__sub">Services without their own</span>
                    </span>
                  ) : (
                    <span className="sampling-table__name">
                      <ServiceSwatch color={serviceColorOf(row.target.service)} />
                      {row.seen ? (
                        <Link to={`/search?service=${encodeURIComponent(row.target.service)}`}>
                          {row.target.service}
                        </Link>
                      ) : (
                        row.target.service
                      )}
                      {/* The space keeps the row's name readable: "billing no spans yet". */}
                      {!row.seen && (
                        <>
                          {' '}
                          <span className="sampling-tag">no spans yet</span>
                        </>
                      )}
                    </span>
                  )}
                </th>
                <td>
                  <span className="sampling-table__value num">{describeEffective(row.effective)}</span>{' '}
                  <span className="sampling-table__kind">{kindLabel(row)}</span>
                </td>
                <td>
                  <Operations effective={row.effective} />
                </td>
                <td>
                  {row.target.kind === 'default' ? (
                    <span className="sampling-table__none">—</span>
                  ) : observed ? (
                    <Observed rates={observed.get(row.target.service)} period={period} />
                  ) : (
                    <span className="sampling-table__none">Not available</span>
                  )}
                </td>
                <td className="sampling-table__actions">
                  <button
                    type="button"
                    className="btn"
                    ref={(el) => {
                      if (el) buttons.current.set(row.key, el);
                      else buttons.current.delete(row.key);
                    }}
                    aria-expanded={open}
                    aria-controls={open ? editorId : undefined}
                    onClick={() => onEdit(open ? null : row.target)}
                  >
                    {open ? 'Close' : 'Edit'}
                    <span className="visually-hidden"> {label}</span>
                  </button>
                </td>
              </tr>
              {open && (
                <tr className="sampling-table__editor">
                  <td colSpan={5} id={editorId}>
                    <StrategyEditor
                      target={row.target}
                      state={state}
                      onCancel={() => onEdit(null)}
                      onSaved={(message, warnings) => {
                        onSaved(message, warnings);
                        onEdit(null);
                      }}
                    />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
