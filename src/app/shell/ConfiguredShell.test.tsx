import { act, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupMswServer } from '../../../mocks/node';
import { NOT_EMBEDDED, parseEmbedOptions, setEmbedOptions } from '../config/embedded';
import { setUiConfig } from '../config/runtimeConfig';
import { parseUiConfig } from '../config/uiConfig';
import { renderApp } from '../testing/renderApp';
import { useThemeStore } from '../theme/themeStore';
import { useMockMode } from './mockMode';

setupMswServer();

function configure(raw: unknown) {
  setUiConfig(parseUiConfig(raw, 'http://localhost/').config);
}

beforeEach(() => {
  window.localStorage.clear();
  window.sessionStorage.clear();
  useThemeStore.setState({ chosen: null, system: 'light', forced: null });
});

afterEach(() => {
  setUiConfig(null);
  setEmbedOptions(NOT_EMBEDDED);
  useMockMode.setState({ mocked: false, folded: false });
});

describe('the shell under a Jaeger UI config', () => {
  it('shows the configured menu: plain links and a group that opens and closes from the keyboard', async () => {
    configure({
      menu: [
        { label: 'Runbooks', url: 'https://wiki.example.com/runbooks' },
        {
          label: 'About',
          items: [
            { label: 'Docs', url: 'https://docs.example.com/', anchorTarget: '_self' },
            { label: 'Status', url: 'https://status.example.com/' },
          ],
        },
      ],
    });
    const { user } = renderApp('/search');
    const links = screen.getByRole('navigation', { name: 'Links' });
    const runbooks = within(links).getByRole('link', { name: 'Runbooks' });
    expect(runbooks).toHaveAttribute('href', 'https://wiki.example.com/runbooks');
    expect(runbooks).toHaveAttribute('target', '_blank');
    expect(runbooks).toHaveAttribute('rel', 'noopener noreferrer');

    const about = within(links).getByRole('button', { name: 'About' });
    expect(about).toHaveAttribute('aria-expanded', 'false');
    expect(within(links).queryByRole('link', { name: 'Docs' })).not.toBeInTheDocument();
    await user.click(about);
    expect(about).toHaveAttribute('aria-expanded', 'true');
    expect(within(links).getByRole('link', { name: 'Docs' })).toHaveAttribute('target', '_self');
    await user.keyboard('{Tab}');
    expect(within(links).getByRole('link', { name: 'Docs' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(about).toHaveAttribute('aria-expanded', 'false');
    expect(about).toHaveFocus();
  });

  it('keeps every link in the tab with forbidNewPage', () => {
    configure({ forbidNewPage: true, menu: [{ label: 'Runbooks', url: 'https://wiki.example.com/' }] });
    renderApp('/search');
    expect(screen.getByRole('link', { name: 'Runbooks' })).toHaveAttribute('target', '_self');
  });

  it('never renders a menu link that is not http(s)', () => {
    configure({ menu: [{ label: 'Evil', url: 'javascript:alert(1)' }] });
    renderApp('/search');
    expect(screen.queryByRole('link', { name: 'Evil' })).not.toBeInTheDocument();
  });

  it('takes pages out of the navigation, and the theme toggle away, as configured', () => {
    configure({
      dependencies: { menuEnabled: false },
      monitor: { menuEnabled: false },
      themes: { enabled: false },
    });
    renderApp('/search');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['Search', 'Sampling']);
    expect(screen.queryByRole('button', { name: /Switch to/ })).not.toBeInTheDocument();
  });
});

describe('embedded mode', () => {
  it('has no top bar, only a link to the same view on its own', () => {
    window.history.replaceState(null, '', '/search?service=driver&uiEmbed=v0&uiSearchHideGraph=1');
    setEmbedOptions(parseEmbedOptions(window.location.search));
    try {
      renderApp('/search?service=driver');
      expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
      expect(screen.queryByRole('textbox', { name: 'Trace ID' })).not.toBeInTheDocument();
      const open = screen.getByRole('link', { name: 'Open in Tracelens' });
      expect(open).toHaveAttribute('href', `${window.location.origin}/search?service=driver`);
      expect(open).toHaveAttribute('target', '_blank');
    } finally {
      window.history.replaceState(null, '', '/');
    }
  });

  it('lets the embedding page force the theme over a saved choice', () => {
    useThemeStore.setState({ chosen: 'light', forced: 'dark' });
    renderApp('/search');
    expect(document.documentElement).toHaveAttribute('data-theme', 'dark');
  });
});

describe('mock mode', () => {
  it('says the data is mocked; hiding the notice leaves a badge that brings it back', async () => {
    act(() => useMockMode.getState().setMocked(true));
    const { user } = renderApp('/search');
    const notice = screen.getByRole('region', { name: 'Demo notice' });
    expect(notice).toHaveTextContent('Mocked data — no backend.');
    await user.click(within(notice).getByRole('button', { name: 'Hide notice' }));
    expect(screen.queryByRole('region', { name: 'Demo notice' })).not.toBeInTheDocument();
    expect(window.sessionStorage.getItem('tracelens-mock-banner-folded')).toBe('1');
    await user.click(screen.getByRole('button', { name: 'Mocked data' }));
    expect(screen.getByRole('region', { name: 'Demo notice' })).toBeInTheDocument();
  });

  it('shows nothing of the kind with a real backend', () => {
    renderApp('/search');
    expect(screen.queryByRole('region', { name: 'Demo notice' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Mocked data' })).not.toBeInTheDocument();
  });
});
