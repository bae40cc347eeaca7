/**
 * A large trace from Tracelens' own backend: the rows come from its columns route, the spans
 * follow; the page says what works meanwhile and answers details from the span route.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENERATED_TRACE_ID, generatedTrace } from '../../../../../mocks/data/generatedTrace';
import { createHandlers } from '../../../../../mocks/handlers';
import { setupMswServer } from '../../../../../mocks/node';
import { envelope } from '../../../../core/jaeger/jaegerJson';
import { stubClientSize } from '../../../testing/layout';
import { renderTracePage } from '../testing/renderTracePage';

const server = setupMswServer();
let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = stubClientSize(1200, 600);
});
afterEach(() => restoreLayout());

describe('A large trace opened from its columns', () => {
  it('shows the rows before the spans, says what works, then completes', async () => {
    const trace = generatedTrace(20_000);
    server.use(...createHandlers([trace]));
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    server.use(
      http.get('*/api/traces/:id', async () => {
        await held;
        return HttpResponse.json(envelope([trace]));
      }),
    );
    renderTracePage(`/trace/${GENERATED_TRACE_ID}`);
    expect(await screen.findByRole('treegrid', { name: 'Spans' }, { timeout: 15_000 })).toHaveAttribute(
      'aria-rowcount',
      '20001',
    );
    const status = screen.getByRole('status', { name: 'Spans' });
    expect(status).toHaveTextContent(/Reading the spans behind these rows/);
    expect(status).toHaveTextContent(/text find and the other views follow/);

    // Details come from the server's span route meanwhile.
    const user = userEvent.setup();
    await user.click(screen.getAllByRole('row').filter((r) => r.hasAttribute('data-row'))[0]);
    expect(
      await screen.findByText(trace.spans[0].spanID, { exact: false }, { timeout: 5_000 }),
    ).toBeInTheDocument();

    // Text find waits for the spans, says so, and runs again once they are read.
    const findBox = screen.getByRole('searchbox', { name: 'Find in trace' });
    await user.type(findBox, `${trace.spans[1].operationName}{Enter}`);
    const findStatus = within(screen.getByRole('search', { name: 'Find in trace' })).getByRole('status');
    await waitFor(() => expect(findStatus).toHaveTextContent('Waiting for the spans'));
    expect(screen.getByRole('alert')).toHaveTextContent(/still downloading.*Duration, error, kind, service/);

    release();
    await waitFor(() => expect(screen.queryByText(/Reading the spans behind these rows/)).toBeNull(), {
      timeout: 15_000,
    });
    await waitFor(() => expect(findStatus).toHaveTextContent(/^[\d,]+ (matches|match|of [\d,]+)$/), {
      timeout: 15_000,
    });
  });
});
