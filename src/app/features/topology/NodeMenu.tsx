/** The menu a node opens: search its traces, monitor it, focus the graph on it. Keyboard-complete. */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { monitorHref, searchHref } from './graphGeometry';

interface Props {
  service: string;
  anchor: DOMRect;
  lookbackMs: number;
  onFocusService: (service: string) => void;
  onClose: () => void;
}

export function NodeMenu({ service, anchor, lookbackMs, onFocusService, onClose }: Props) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointer = (event: PointerEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [onClose]);

  const onKeyDown = (event: KeyboardEvent) => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(index + step + items.length) % items.length]?.focus();
    }
  };

  return (
    <div
      ref={ref}
      className="topology-menu"
      role="menu"
      aria-label={`Actions for ${service}`}
      style={{ left: anchor.left, top: anchor.bottom + 4 }}
      onKeyDown={onKeyDown}
    >
      <Link role="menuitem" className="topology-menu__item" to={searchHref(service, lookbackMs)}>
        Search traces
      </Link>
      <Link role="menuitem" className="topology-menu__item" to={monitorHref(service)}>
        Monitor
      </Link>
      <button
        type="button"
        role="menuitem"
        className="topology-menu__item"
        onClick={() => {
          onFocusService(service);
          onClose();
        }}
      >
        Focus on {service}
      </button>
    </div>
  );
}
