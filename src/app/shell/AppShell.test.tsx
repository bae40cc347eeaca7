import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setupMswServer } from '../../../mocks/node';
import { renderApp } from '../testing/renderApp';

setupMswServer();

describe('App shell', () => {
  it('sends / to the search page, keeping the query', async () => {
    const { router } = renderApp('/?service=driver');
    await waitFor(() => expect(router.state.location.pathname).toBe('/search'));
    expect(router.state.location.search).toBe('?service=driver');
    expect(await screen.findByRole('heading', { name: '1 trace' })).toBeInTheDocument();
  });

  it('marks the current page in the navigation and moves the mark on navigation', async () => {
    const { user } = renderApp('/search');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const search = screen.getByRole('link', { name: 'Search' });
    const topology = screen.getByRole('link', { name: 'Topology' });
    expect(nav).toContainElement(search);
    expect(search).toHaveAttribute('aria-current', 'page');
    expect(topology).not.toHaveAttribute('aria-current');

    await user.click(topology);
    // The Topology page loads lazily (graph layout and drawing code), so allow for the import.
    await waitFor(() => expect(topology).toHaveAttribute('aria-current', 'page'), { timeout: 15_000 });
    expect(search).not.toHaveAttribute('aria-current');
  });

  it('offers every page in the main navigation', () => {
    renderApp('/search');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    for (const name of ['Search', 'Topology', 'Monitor', 'Sampling']) {
      expect(within(nav).getByRole('link', { name })).toBeInTheDocument();
    }
  });

  it('shows a not-found page with a way back to Search for unknown paths', async () => {
    const { user, router } = renderApp('/no/such/page');
    expect(screen.getByRole('heading', { name: 'Page not found', level: 2 })).toBeInTheDocument();
    expect(screen.getByText('/no/such/page')).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Go to Search' }));
    expect(router.state.location.pathname).toBe('/search');
  });
});

describe('Trace ID lookup', () => {
  function lookupBox() {
    return screen.getByRole('textbox', { name: 'Trace ID' });
  }

  it('opens the trace on Enter, in lower case', async () => {
    const { user, router } = renderApp('/search');
    await user.type(lookupBox(), '  4BF92F3577B34DA6  {Enter}');
    expect(router.state.location.pathname).toBe('/trace/4bf92f3577b34da6');
    expect(lookupBox()).toHaveValue('');
  });

  it('explains an ID with characters that are not hex, and stays put', async () => {
    const { user, router } = renderApp('/search');
    await user.type(lookupBox(), 'trace-123{Enter}');
    expect(router.state.location.pathname).toBe('/search');
    expect(lookupBox()).toHaveAttribute('aria-invalid', 'true');
    expect(lookupBox()).toHaveAccessibleDescription(
      'A trace ID uses only the digits 0–9 and the letters a–f.',
    );
    // Typing again clears the complaint.
    await user.type(lookupBox(), 'a');
    expect(lookupBox()).toHaveAttribute('aria-invalid', 'false');
  });

  it('explains an ID longer than 32 digits and an empty one', async () => {
    const { user, router } = renderApp('/search');
    await user.type(lookupBox(), `${'a'.repeat(33)}{Enter}`);
    expect(screen.getByRole('alert')).toHaveTextContent('at most 32 hexadecimal digits; this one has 33');
    await user.clear(lookupBox());
    await user.type(lookupBox(), '{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a trace ID.');
    expect(router.state.location.pathname).toBe('/search');
  });
});
