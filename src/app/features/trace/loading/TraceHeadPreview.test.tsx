import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TraceHead } from '../../../../core/tree/traceHead';
import { TraceHeadPreview } from './TraceHeadPreview';

const rows: TraceHead['rows'] = [
  {
    spanId: 'a',
    parentRow: -1,
    depth: 0,
    childCount: 2,
    startUs: 0,
    durationUs: 2_000_000,
    service: 'frontend',
    operation: 'GET /cart',
    kind: 'server',
    error: false,
  },
  {
    spanId: 'b',
    parentRow: 0,
    depth: 1,
    childCount: 0,
    startUs: 10_000,
    durationUs: 1_500,
    service: 'cart',
    operation: 'SELECT items',
    kind: 'client',
    error: true,
  },
];
const head: TraceHead = {
  traceId: 'abc',
  spanCount: 250_000,
  serviceCount: 14,
  startUs: 1,
  durationUs: 2_000_000,
  rows,
};

describe('TraceHeadPreview', () => {
  it('shows the trace’s name and size, the load’s progress and the first rows in order', () => {
    render(
      <TraceHeadPreview
        head={head}
        progress={{ stage: 'downloading', receivedBytes: 4e6, totalBytes: null }}
      />,
    );
    expect(screen.getByText('frontend: GET /cart')).toBeInTheDocument();
    expect(screen.getByText(/250,000 spans · 14 services · 2 s/)).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAccessibleName(/Downloading 4.0 MB/);
    const list = screen.getByRole('list', {
      name: 'The first 2 of 250,000 spans, shown while the trace loads',
    });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringContaining('frontendGET /cart'),
      expect.stringContaining('cartSELECT itemserror1.5 ms'),
    ]);
    expect(screen.getByText(/The first 2 of 250,000 spans/)).toBeInTheDocument();
  });

  it('indents each row by its depth', () => {
    render(<TraceHeadPreview head={head} />);
    const list = screen.getByRole('list', { name: /shown while the trace loads/ });
    const [root, child] = within(list)
      .getAllByRole('listitem')
      .map((li) => li.firstElementChild as HTMLElement);
    expect(parseFloat(child.style.paddingLeft)).toBeGreaterThan(parseFloat(root.style.paddingLeft));
  });
});
