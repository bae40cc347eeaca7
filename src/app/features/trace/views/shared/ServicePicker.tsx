import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { ServiceSwatch } from '../../../../components/ServiceChip';
import { serviceColorOf } from '../../../../theme/servicePalette';

interface ServicePickerProps {
  services: readonly string[];
  /** Spans per service, indexed like `services`. */
  counts: Int32Array;
  /** Indexes of the services shown; null for all. */
  shown: readonly number[] | null;
  onChange(shown: number[] | null): void;
  /** What a service's line says at its end; by default its count. */
  note?: (service: number) => string;
  /** The checklist's accessible name. */
  label?: string;
}

/**
 * A "Services" button opening a checklist of the trace's services, each with its colour and a
 * count: which services' rows a table keeps, or (ServiceFilter) which the timeline shows.
 */
export function ServicePicker({
  services,
  counts,
  shown,
  onChange,
  note = (i) => counts[i].toLocaleString(),
  label = 'Services to list',
}: ServicePickerProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const order = useMemo(
    () => services.map((name, i) => ({ name, i })).sort((a, b) => a.name.localeCompare(b.name)),
    [services],
  );
  const hiddenCount = shown === null ? 0 : services.length - shown.length;
  // Colours are handed out in first-seen order: ask in the trace's order, not alphabetically.
  const colors = useMemo(() => services.map(serviceColorOf), [services]);

  useEffect(() => {
    if (!open) return;
    panelRef.current?.querySelector<HTMLInputElement>('input')?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  const toggle = (i: number, show: boolean) => {
    const current = shown ?? services.map((_, k) => k);
    const next = show ? [...current, i] : current.filter((k) => k !== i);
    onChange(next.length === services.length ? null : next.sort((a, b) => a - b));
  };

  if (services.length < 2) return null;
  return (
    <div className="popover-anchor">
      <button
        ref={buttonRef}
        type="button"
        className={hiddenCount ? 'btn btn--small is-active' : 'btn btn--small'}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        Services{hiddenCount > 0 && <span className="num"> ({hiddenCount} hidden)</span>}
      </button>
      {open && (
        <div
          ref={panelRef}
          id={panelId}
          className="popover service-filter"
          role="group"
          aria-label={label}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              e.preventDefault();
              close();
            }
          }}
        >
          <ul>
            {order.map(({ name, i }) => (
              <li key={name}>
                <label className="service-filter__item">
                  <input
                    type="checkbox"
                    checked={shown === null || shown.includes(i)}
                    onChange={(e) => toggle(i, e.target.checked)}
                  />
                  <ServiceSwatch color={colors[i]} />
                  <span className="service-filter__name">{name}</span>
                  <span className="service-filter__count num">{note(i)}</span>
                </label>
              </li>
            ))}
          </ul>
          <div className="service-filter__actions">
            <button
              type="button"
              className="btn btn--small"
              onClick={() => onChange(null)}
              disabled={!hiddenCount}
            >
              Show all
            </button>
            <button type="button" className="btn btn--small" onClick={close}>
              Done
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
