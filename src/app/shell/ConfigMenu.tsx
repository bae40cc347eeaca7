import { useEffect, useId, useRef, useState } from 'react';
import { isMenuGroup, type MenuEntry, type MenuGroup, type MenuLink } from '../config/uiConfig';

interface ConfigMenuProps {
  entries: readonly MenuEntry[];
  /** `forbidNewPage`: every link stays in this tab. */
  sameTab: boolean;
}

function ExternalLink({ link, sameTab, className }: { link: MenuLink; sameTab: boolean; className: string }) {
  const target = sameTab ? '_self' : link.anchorTarget;
  return (
    <a
      className={className}
      href={link.url}
      target={target}
      rel={target === '_blank' ? 'noopener noreferrer' : undefined}
    >
      {link.label}
    </a>
  );
}

/** A group as a disclosure: a button that shows a list of links, closed by Escape or a click away. */
function MenuDropdown({ group, sameTab }: { group: MenuGroup; sameTab: boolean }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  return (
    <div
      className="config-menu"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          setOpen(false);
          button.current?.focus();
        }
      }}
      onBlur={(e) => {
        if (!root.current?.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className="topbar__link config-menu__button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
      >
        {group.label}
        <span className="config-menu__chevron" aria-hidden="true" />
      </button>
      <ul id={listId} className="config-menu__list" hidden={!open}>
        {group.items.map((item) => (
          <li key={`${item.label}\u0000${item.url}`}>
            <ExternalLink link={item} sameTab={sameTab} className="config-menu__item" />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The `menu` of Jaeger UI's config: links and groups of links at the right of the top bar. */
export function ConfigMenu({ entries, sameTab }: ConfigMenuProps) {
  if (entries.length === 0) return null;
  return (
    <nav aria-label="Links">
      <ul className="config-menus">
        {entries.map((entry) => (
          <li key={entry.label}>
            {isMenuGroup(entry) ? (
              <MenuDropdown group={entry} sameTab={sameTab} />
            ) : (
              <ExternalLink link={entry} sameTab={sameTab} className="topbar__link" />
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
