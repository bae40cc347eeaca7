import { useEffect } from 'react';

/** Sets the tab title while the calling page is shown; history and bookmarks read it. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} — Tracelens` : 'Tracelens';
  }, [title]);
}
