import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISPATCH_TRACE_ID } from '../../../../mocks/data/dispatchTrace';
import { setupMswServer } from '../../../../mocks/node';
import { stubClientSize } from '../../testing/layout';
import { renderTracePage } from './testing/renderTracePage';
import { findWaterfall, operations, spanRows } from './testing/traceTestKit';

setupMswServer();
let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = stubClientSize(1200, 600);
});
afterEach(() => restoreLayout());

const findBox = () => screen.getByRole('searchbox', { name: 'Find in trace' });

describe('Trace page keyboard', () => {
  it('focuses find with / and Ctrl+F, and steps through matches with f and b', async () => {
    const { user } = renderTracePage(`/trace/${DISPATCH_TRACE_ID}?uiFind=redis`);
    await findWaterfall();
    await user.keyboard('/');
    expect(findBox()).toHaveFocus();
    (document.activeElement as HTMLElement).blur();
    await user.keyboard('{Control>}f{/Control}');
    expect(findBox()).toHaveFocus();
    (document.activeElement as HTMLElement).blur();
    await waitFor(() => expect(screen.getByText('2 matches')).toBeInTheDocument());
    await user.keyboard('f');
    expect(screen.getByText('1 of 2')).toBeInTheDocument();
    await user.keyboard('b');
    expect(screen.getByText('2 of 2')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(findBox()).toHaveValue('');
  });

  it('collapses and expands with ] [ p o, as in Jaeger UI', async () => {
    const { user } = renderTracePage(`/trace/${DISPATCH_TRACE_ID}`);
    await findWaterfall();
    await user.keyboard(']');
    expect(spanRows()).toHaveLength(1);
    await user.keyboard('o');
    expect(spanRows()).toHaveLength(3);
    await user.keyboard('[[');
    expect(spanRows()).toHaveLength(8);
    await user.keyboard('p');
    expect(spanRows()).toHaveLength(5);
  });

  it('zooms and pans the time axis with the arrow keys, a and d', async () => {
    const { user } = renderTracePage(`/trace/${DISPATCH_TRACE_ID}`);
    await findWaterfall();
    const ruler = () => screen.getByRole('columnheader', { name: /^Timeline/ });
    expect(ruler()).toHaveAccessibleName('Timeline, 0 to 512 ms');
    await user.keyboard('{Shift>}{ArrowUp}{/Shift}');
    expect(ruler()).toHaveAccessibleName('Timeline, 128 ms to 384 ms');
    await user.keyboard('d');
    expect(ruler()).toHaveAccessibleName('Timeline, 141 ms to 397 ms');
    await user.keyboard('{ArrowDown}0');
    expect(ruler()).toHaveAccessibleName('Timeline, 0 to 512 ms');
    expect(screen.queryByRole('button', { name: 'Reset zoom' })).not.toBeInTheDocument();
  });

  it('moves through the tree with arrows, folds with Left and Right, and opens details with Enter', async () => {
    const { user, router } = renderTracePage(`/trace/${DISPATCH_TRACE_ID}`);
    await findWaterfall();
    spanRows()[1].focus();
    await user.keyboard('{ArrowLeft}');
    expect(spanRows()[1]).toHaveAttribute('aria-expanded', 'false');
    await user.keyboard('{ArrowRight}');
    expect(spanRows()[1]).toHaveAttribute('aria-expanded', 'true');
    await user.keyboard('{ArrowRight}');
    expect(spanRows()[2]).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowLeft}');
    expect(spanRows()[2]).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(router.state.location.search).toBe('?span=a1b2c3d4e5f60003');
    await user.keyboard('{Escape}');
    expect(router.state.location.search).toBe('');
    expect(operations()).toHaveLength(8);
  });

  it('lists the shortcuts in a modal dialog that traps focus and closes with Escape', async () => {
    const { user } = renderTracePage(`/trace/${DISPATCH_TRACE_ID}`);
    await findWaterfall();
    const opener = screen.getByRole('button', { name: 'Keyboard shortcuts' });
    opener.focus();
    await user.keyboard('?');
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByText('Collapse all')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Close' })).toHaveFocus();
    await user.tab();
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
  });
});
