import { expect, type Locator, type Page } from '@playwright/test';

export interface SearchFields {
  service?: string;
  operation?: string;
  spanKind?: string;
  attributes?: string;
  lookback?: string;
  minDuration?: string;
  maxDuration?: string;
  limit?: string;
}

/** The search page as a person uses it; selectors live here only. */
export class SearchPage {
  readonly form: Locator;
  readonly results: Locator;
  readonly scatter: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Search traces' });
    this.results = page.getByRole('list', { name: 'Traces' });
    this.scatter = page.getByRole('figure', { name: 'Traces by start time and duration' });
  }

  async goto(baseUrl: string, query = ''): Promise<void> {
    await this.page.goto(`${baseUrl}/search${query}`);
  }

  field(label: string): Locator {
    return this.form.getByLabel(label, { exact: label !== 'Service' });
  }

  async search(service: string): Promise<void> {
    await this.field('Service').selectOption(service);
    await this.submit();
  }

  /** Fills the fields given (others keep their value) and presses Find traces. */
  async searchWith(fields: SearchFields): Promise<void> {
    if (fields.service !== undefined) await this.field('Service').selectOption(fields.service);
    if (fields.operation !== undefined) {
      const operation = this.field('Operation');
      if (fields.operation)
        await expect(operation.locator('option', { hasText: fields.operation })).toHaveCount(1);
      await operation.selectOption(fields.operation ? { value: fields.operation } : { index: 0 });
    }
    if (fields.spanKind !== undefined) await this.field('Span kind').selectOption(fields.spanKind);
    if (fields.attributes !== undefined) await this.field('Attributes').fill(fields.attributes);
    if (fields.lookback !== undefined) await this.field('Lookback').selectOption(fields.lookback);
    if (fields.minDuration !== undefined) await this.field('Min duration').fill(fields.minDuration);
    if (fields.maxDuration !== undefined) await this.field('Max duration').fill(fields.maxDuration);
    if (fields.limit !== undefined) await this.field('Limit results').fill(fields.limit);
    await this.submit();
  }

  async submit(): Promise<void> {
    await this.form.getByRole('button', { name: 'Find traces' }).click();
  }

  result(title: string): Locator {
    return this.results.getByRole('link', { name: title });
  }

  card(title: string): Locator {
    return this.results.getByRole('listitem').filter({ has: this.page.getByRole('link', { name: title }) });
  }

  async expectTraceCount(n: number): Promise<void> {
    await expect(this.page.getByText(n === 1 ? '1 trace' : `${n} traces`, { exact: true })).toBeVisible();
  }

  /** The trace IDs of the cards on screen, sorted (all of them for a short list). */
  async traceIds(): Promise<string[]> {
    const ids = await this.results
      .locator('li[data-trace-id]')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-trace-id') ?? ''));
    return ids.sort();
  }

  /** Waits for a finished search showing exactly these traces. */
  async expectTraces(traceIds: readonly string[]): Promise<void> {
    await this.expectTraceCount(traceIds.length);
    await expect.poll(() => this.traceIds()).toEqual([...traceIds].sort());
  }

  async openFiles(files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
    await this.page.getByLabel('Trace files', { exact: true }).setInputFiles(files);
  }

  async sortBy(order: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Sort' }).selectOption({ label: order });
  }

  selectForCompare(title: string): Locator {
    return this.results.getByRole('checkbox', {
      name: new RegExp(`^Compare ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    });
  }
}
