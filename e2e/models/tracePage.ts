import type { Locator, Page } from '@playwright/test';

export class TracePage {
  readonly waterfall: Locator;

  constructor(readonly page: Page) {
    this.waterfall = page.getByRole('treegrid', { name: 'Spans' });
  }

  async goto(baseUrl: string, traceId: string): Promise<void> {
    await this.page.goto(`${baseUrl}/trace/${traceId}`);
  }

  /** Span rows (the header row excluded). */
  spanRows(): Locator {
    return this.waterfall.locator('[role="row"][aria-level]');
  }
}
