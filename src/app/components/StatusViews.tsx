/** The shared loading / empty / error views, so every page fails and waits the same way. */
import type { ReactNode } from 'react';
import './statusViews.css';

export function LoadingView({ label }: { label: string }) {
  return (
    <div className="status-view" role="status">
      <div className="progress" role="progressbar" aria-label={label}>
        <div className="progress__bar" />
      </div>
      <p className="status-view__text">{label}</p>
    </div>
  );
}

interface EmptyViewProps {
  title: string;
  children?: ReactNode;
}

export function EmptyView({ title, children }: EmptyViewProps) {
  return (
    <section className="status-view status-view--empty" aria-label={title}>
      <h2 className="status-view__title">{title}</h2>
      {children && <div className="status-view__body">{children}</div>}
    </section>
  );
}

interface ErrorViewProps {
  title: string;
  /** Shown exactly as the backend wrote it. */
  message: string;
  onRetry?: () => void;
  retrying?: boolean;
  children?: ReactNode;
}

export function ErrorView({ title, message, onRetry, retrying = false, children }: ErrorViewProps) {
  return (
    <section className="status-view status-view--error" role="alert" aria-label={title}>
      <h2 className="status-view__title">{title}</h2>
      <p className="status-view__message">{message}</p>
      {children}
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry} disabled={retrying}>
          {retrying ? 'Retrying…' : 'Retry'}
        </button>
      )}
    </section>
  );
}
