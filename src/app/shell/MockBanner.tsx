import { useMockMode } from './mockMode';

/**
 * Says, on every page, that the data is recorded and no backend is behind it. Hiding it leaves
 * a badge in the top bar (MockBadge) that brings it back, so the notice never disappears.
 */
export function MockBanner() {
  const mocked = useMockMode((s) => s.mocked);
  const folded = useMockMode((s) => s.folded);
  const setFolded = useMockMode((s) => s.setFolded);
  if (!mocked || folded) return null;
  return (
    <div className="mock-banner" role="region" aria-label="Demo notice">
      <p className="mock-banner__text">
        <strong>Mocked data — no backend.</strong> Everything shown was recorded from the Tracelens demo and
        is answered inside your browser; changes last until the page is reloaded.
      </p>
      <button type="button" className="btn mock-banner__hide" onClick={() => setFolded(true)}>
        Hide notice
      </button>
    </div>
  );
}

export function MockBadge() {
  const mocked = useMockMode((s) => s.mocked);
  const folded = useMockMode((s) => s.folded);
  const setFolded = useMockMode((s) => s.setFolded);
  if (!mocked || !folded) return null;
  return (
    <button
      type="button"
      className="mock-badge"
      title="Mocked data — no backend. Show the notice"
      onClick={() => setFolded(false)}
    >
      Mocked data
    </button>
  );
}
