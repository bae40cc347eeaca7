import { expect, type Locator, type Page } from '@playwright/test';

/** The search page as a person uses it; selectors live here only. */
export class SearchPage {
  readonly form: Locator;
  readonly results: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Search traces' });
    this.results = page.getByRole('list', { name: 'Traces' });
  }

  async goto(baseUrl: string, query = ''): Promise<void> {
    await this.page.goto(`${baseUrl}/search${query}`);
  }

  async search(service: string): Promise<void> {
    await this.form.getByLabel('Service').selectOption(service);
    await this.form.getByRole('button', { name: 'Find traces' }).click();
  }

  result(title: string): Locator {
    return this.results.getByRole('link', { name: title });
  }

  async expectTraceCount(n: number): Promise<void> {
    await expect(this.page.getByText(n === 1 ? '1 trace' : `${n} traces`, { exact: true })).toBeVisible();
  }
}
