import { screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { setupMswServer } from '../../../mocks/node';
import { renderApp } from '../testing/renderApp';
import { createThemeStore, THEME_STORAGE_KEY, useThemeStore } from '../theme/themeStore';

setupMswServer();

beforeEach(() => {
  window.localStorage.clear();
  useThemeStore.setState({ chosen: null, system: 'light' });
});

describe('Theme toggle', () => {
  it('follows the operating system until a choice is made', () => {
    useThemeStore.setState({ system: 'dark' });
    renderApp('/search');
    expect(document.documentElement).toHaveAttribute('data-theme', 'dark');
    expect(screen.getByRole('button', { name: 'Switch to light theme' })).toBeInTheDocument();
    expect(window.localStorage.getItem(THEME_STORAGE_KEY)).toBeNull();
  });

  it('switches theme from the keyboard and remembers the choice for the next visit', async () => {
    const { user } = renderApp('/search');
    expect(document.documentElement).toHaveAttribute('data-theme', 'light');

    screen.getByRole('button', { name: 'Switch to dark theme' }).focus();
    await user.keyboard('{Enter}');

    expect(document.documentElement).toHaveAttribute('data-theme', 'dark');
    expect(screen.getByRole('button', { name: 'Switch to light theme' })).toHaveFocus();
    expect(window.localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark');
    // A fresh page load starts from what was saved, whatever the operating system says.
    expect(createThemeStore().getState().chosen).toBe('dark');

    await user.keyboard('{Enter}');
    expect(document.documentElement).toHaveAttribute('data-theme', 'light');
    expect(window.localStorage.getItem(THEME_STORAGE_KEY)).toBe('light');
  });
});
