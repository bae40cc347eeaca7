import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TraceHandle } from '../../workers/traceClient';
import { DISPATCH_TRACE_ID } from '../../../../mocks/data/dispatchTrace';
import { setupMswServer } from '../../../../mocks/node';
import { stubClientSize } from '../../testing/layout';
import { renderTracePage } from './testing/renderTracePage';
import { findWaterfall, operations, rowOf, spanRows, waterfall } from './testing/traceTestKit';

setupMswServer();
let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = stubClientSize(1200, 600);
});
afterEach(() => restoreLayout());

const findBox = () => screen.getByRole('searchbox', { name: 'Find in trace' });
const findStatus = () => within(screen.getByRole('search', { name: 'Find in trace' })).getByRole('status');

describe('Find in trace', () => {
  it('matches as you type, keeps the query in uiFind, and steps through matches', async () => {
    const { user, router } = renderTracePage(`/trace/${DISPATCH_TRACE_ID}`);
    await findWaterfall();
    await user.type(findBox(), 'redis');
    await waitFor(() => expect(findStatus()).toHaveTextContent('2 matches'));
    expect(router.state.location.search).toBe('?uiFind=redis');
    expect(
      spanRows()
        .filter((r) => r.classList.contains('is-match'))
        .map((r) => r.querySelector('.wf-row__operation')?.textContent),
    ).toEqual(['FindDriverIDs', 'GetDriver']);

    await user.keyboard('{Enter}');
    expect(findStatus()).toHaveTextContent('1 of 2');
    expect(rowOf('FindDriverIDs')).toHaveClass('is-current-match');
    await user.keyboard('{Enter}');
    expect(findStatus()).toHaveTextContent('2 of 2');
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    expect(findStatus()).toHaveTextContent('1 of 2');
    await user.click(screen.getByRole('button', { name: 'Next match (Enter)' }));
    expect(rowOf('GetDriver')).toHaveClass('is-current-match');
  });

  it('steps with Enter only through the results of the query it was pressed for', async () => {
    const { user, router } = renderTracePage(`/trace/${DISPATCH_TRACE_ID}`);
    await findWaterfall();
    // The answer to `driver` is held back, as a busy worker would.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const find = TraceHandle.prototype.find;
    const spy = vi.spyOn(TraceHandle.prototype, 'find').mockImplementation(async function (
      this: TraceHandle,
      text,
    ) {
      if (text === 'driver') await held;
      return find.call(this, text);
    });
    await user.type(findBox(), 'driver{Enter}');
    await waitFor(() => expect(router.state.location.search).toBe('?uiFind=driver'));
    // Typed on before it was answered: the Enter was for `driver`, not for `redis`.
    await user.clear(findBox());
    await user.type(findBox(), 'redis');
    await waitFor(() => expect(findStatus()).toHaveTextContent('2 matches'));
    release();
    await user.keyboard('{Enter}');
    expect(findStatus()).toHaveTextContent('1 of 2');
    spy.mockRestore();
  });

  it('keeps every keystroke when the URL catches up with the query between them', async () => {
    const { user, router } = renderTracePage(`/trace/${DISPATCH_TRACE_ID}`);
    await findWaterfall();
    await user.type(findBox(), 'kind:');
    // Longer than the debounce: the half-typed query reaches the URL while the user types on.
    await waitFor(() => expect(router.state.location.search).toBe('?uiFind=kind%3A'));
    await user.type(findBox(), 'server');
    expect(findBox()).toHaveValue('kind:server');
    await waitFor(() => expect(router.state.location.search).toBe('?uiFind=kind%3Aserver'));
    expect(findBox()).toHaveValue('kind:server');
  });

  it('hides the rest on request, saying how many spans are hidden', async () => {
    const { user } = renderTracePage(`/trace/${DISPATCH_TRACE_ID}?uiFind=redis`);
    await findWaterfall();
    await waitFor(() => expect(findStatus()).toHaveTextContent('2 matches'));
    await user.click(screen.getByRole('checkbox', { name: 'Hide the rest' }));
    expect(operations()).toEqual([
      'HTTP GET /dispatch',
      'driver.DriverService/FindNearest',
      'driver.DriverService/FindNearest',
      'FindDriverIDs',
      'GetDriver',
    ]);
    expect(within(waterfall()).getByText('3 spans hidden by filters')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Hide the rest' }));
    expect(spanRows()).toHaveLength(8);
  });

  it('says what is wrong with a query, inline', async () => {
    const { user } = renderTracePage(`/trace/${DISPATCH_TRACE_ID}`);
    await findWaterfall();
    await user.type(findBox(), 'kind:bogus');
    expect(screen.getByRole('alert')).toHaveTextContent('Unknown span kind "bogus"');
    expect(findBox()).toHaveAttribute('aria-invalid', 'true');
    expect(findStatus()).toHaveTextContent('Invalid query');
  });

  it('offers quick finds for errors, the critical path and the slowest spans', async () => {
    const { user, router } = renderTracePage(`/trace/${DISPATCH_TRACE_ID}`);
    await findWaterfall();
    await user.click(screen.getByRole('button', { name: 'Errors' }));
    expect(router.state.location.search).toBe('?uiFind=error');
    await waitFor(() => expect(findStatus()).toHaveTextContent('1 match'));
    expect(screen.getByRole('button', { name: 'Errors' })).toHaveAttribute('aria-pressed', 'true');
    await user.click(screen.getByRole('button', { name: 'Slowest 1%' }));
    expect(findBox()).toHaveValue('>=512.4ms');
    await waitFor(() => expect(findStatus()).toHaveTextContent('1 match'));
    await user.click(screen.getByRole('button', { name: 'Critical path' }));
    await waitFor(() => expect(findStatus()).toHaveTextContent(/\d+ match/));
    await user.click(findBox());
    await user.keyboard('{Escape}');
    expect(findBox()).toHaveValue('');
    expect(router.state.location.search).toBe('');
  });

  it('opens the span a Jaeger deep link names (?uiFind=<spanId>)', async () => {
    renderTracePage(`/trace/${DISPATCH_TRACE_ID}?uiFind=a1b2c3d4e5f60004`);
    await findWaterfall();
    const panel = await screen.findByRole('complementary', { name: 'Span details' });
    expect(await within(panel).findByRole('heading', { name: 'SQL SELECT' })).toBeInTheDocument();
    expect(rowOf('SQL SELECT')).toHaveClass('is-match');
  });
});
