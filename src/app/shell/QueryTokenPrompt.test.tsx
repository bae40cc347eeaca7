import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { setupMswServer } from '../../../mocks/node';
import { getJaegerJson } from '../api/jaegerFetch';
import { readQueryToken, useQueryTokenStore } from '../api/queryToken';
import { renderApp } from '../testing/renderApp';

const server = setupMswServer();
const TOKEN = 'query-t0ken';
const sentTokens: (string | null)[] = [];

/** A query API started with --query-token: 401 with Jaeger's envelope unless the token comes along. */
function requireToken() {
  server.use(
    http.all('*/api/*', ({ request }) => {
      const auth = request.headers.get('authorization');
      sentTokens.push(auth);
      if (auth === `Bearer ${TOKEN}`) return undefined;
      return HttpResponse.json(
        { data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 401, msg: 'bearer token required' }] },
        { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="tracelens-query"' } },
      );
    }),
  );
}

afterEach(() => {
  sessionStorage.clear();
  sentTokens.length = 0;
  useQueryTokenStore.setState({ needed: false, rejected: false, generation: 0 });
});

describe('a query API that needs a token', () => {
  it('turns a 401 into an error that says what to do, and asks for the token', async () => {
    requireToken();
    const error = await getJaegerJson('api/services').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, isUnauthorized: true });
    expect((error as Error).message).toMatch(/^The query API needs a token \(HTTP 401\)/);
    expect(useQueryTokenStore.getState()).toMatchObject({ needed: true, rejected: false });
  });

  it('shows the prompt, sends the entered token on every request and retries what failed', async () => {
    requireToken();
    const { user } = renderApp('/search?service=driver');
    const prompt = await screen.findByRole('region', { name: 'Query API token' });
    expect(prompt).toHaveTextContent('The query API needs a token');
    expect(await screen.findAllByText(/The query API needs a token \(HTTP 401\)/)).not.toHaveLength(0);

    const input = screen.getByLabelText('The query API needs a token');
    expect(input).toHaveAttribute('type', 'password');
    await user.type(input, TOKEN);
    await user.click(screen.getByRole('button', { name: 'Use token' }));

    expect(await screen.findByRole('heading', { name: '1 trace' }, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Query API token' })).toBeNull();
    expect(readQueryToken()).toBe(TOKEN);
    expect(sessionStorage.getItem('tracelens-query-token')).toBe(TOKEN);
    expect(sentTokens.at(-1)).toBe(`Bearer ${TOKEN}`);
  });

  it('says the token was refused when a stored one no longer works, and can forget it', async () => {
    sessionStorage.setItem('tracelens-query-token', 'old-token');
    requireToken();
    const { user } = renderApp('/search');
    const prompt = await screen.findByRole('region', { name: 'Query API token' });
    expect(prompt).toHaveTextContent('The query API refused the token');
    expect(sentTokens).toContain('Bearer old-token');
    await user.click(screen.getByRole('button', { name: 'Forget token' }));
    await waitFor(() => expect(readQueryToken()).toBeNull());
    expect(screen.getByRole('region', { name: 'Query API token' })).toHaveTextContent(
      'The query API needs a token',
    );
  });
});
