import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { ServiceSwatch } from '../../components/ServiceChip';
import { serviceColorOf } from '../../theme/servicePalette';
import { useTraceView } from './state/traceViewStore';

/**
 * Hide services, Jaeger style: a hidden service's spans go with everything below them, and each
 * service says how many of its spans are gone, so nothing disappears silently.
 */
export function ServiceFilter() {
  const skeleton = useTraceView((s) => s.skeleton);
  const tree = useTraceView((s) => s.tree);
  useTraceView((s) => s.treeVersion);
  const setHiddenServices = useTraceView((s) => s.setHiddenServices);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const hidden = tree.hiddenServices();
  const pruned = tree.prunedByService();
  const totals = useMemo(() => {
    const counts = new Int32Array(skeleton.services.length);
    for (let r = 0; r < skeleton.spanCount; r++) counts[skeleton.service[r]]++;
    return counts;
  }, [skeleton]);
  const order = useMemo(
    () => skeleton.services.map((name, i) => ({ name, i })).sort((a, b) => a.name.localeCompare(b.name)),
    [skeleton],
  );

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
  const toggleService = (i: number, show: boolean) =>
    setHiddenServices(show ? hidden.filter((s) => s !== i) : [...hidden, i]);

  if (skeleton.services.length < 2) return null;
  return (
    <div className="popover-anchor">
      <button
        ref={buttonRef}
        type="button"
        className={hidden.length ? 'btn btn--small is-active' : 'btn btn--small'}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        Services{hidden.length > 0 && <span className="num"> ({hidden.length} hidden)</span>}
      </button>
      {open && (
        <div
          ref={panelRef}
          id={panelId}
          className="popover service-filter"
          role="group"
          aria-label="Services to show"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              e.preventDefault();
              close();
            }
          }}
        >
          <ul>
            {order.map(({ name, i }) => {
              const isHidden = hidden.includes(i);
              return (
                <li key={name}>
                  <label className="service-filter__item">
                    <input
                      type="checkbox"
                      checked={!isHidden}
                      onChange={(e) => toggleService(i, e.target.checked)}
                    />
                    <ServiceSwatch color={serviceColorOf(name)} />
                    <span className="service-filter__name">{name}</span>
                    <span className="service-filter__count num">
                      {pruned[i] > 0
                        ? `${pruned[i].toLocaleString()} of ${totals[i].toLocaleString()} hidden`
                        : `${totals[i].toLocaleString()} spans`}
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
          <div className="service-filter__actions">
            <button
              type="button"
              className="btn btn--small"
              onClick={() => setHiddenServices([])}
              disabled={hidden.length === 0}
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
