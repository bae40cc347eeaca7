import type { ReactNode } from 'react';

interface DetailsSectionProps {
  title: string;
  count?: number;
  defaultOpen?: boolean;
  children: ReactNode;
  tone?: 'warning';
}

/** A collapsible section of the span details; native <details>, so keyboard and screen readers just work. */
export function DetailsSection({ title, count, defaultOpen = true, children, tone }: DetailsSectionProps) {
  return (
    <details
      className={tone ? `details-section details-section--${tone}` : 'details-section'}
      open={defaultOpen}
    >
      <summary className="details-section__summary">
        {title}
        {count !== undefined && <span className="details-section__count num">{count}</span>}
      </summary>
      <div className="details-section__body">{children}</div>
    </details>
  );
}
