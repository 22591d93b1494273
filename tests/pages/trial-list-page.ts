import { expect, type Locator, type Page } from '@playwright/test';
import type { TrialOutcome } from '../../shared/domain/trials';
import { AppShell } from './app-shell';

export type TrialFilterKey = TrialOutcome | 'all';

/** One cell's trials: outcome filters with counts, a pager and the table of trials. */
export class TrialListPage extends AppShell {
  readonly view: Locator;
  readonly title: Locator;
  readonly summary: Locator;
  readonly filters: Locator;
  readonly range: Locator;
  readonly pageNumber: Locator;
  readonly nextButton: Locator;
  readonly previousButton: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly empty: Locator;
  readonly backToExperiment: Locator;

  constructor(page: Page) {
    super(page);
    this.view = page.getByTestId('trial-list-view');
    this.title = page.getByTestId('trial-list-title');
    this.summary = page.getByTestId('trial-list-summary');
    this.filters = page.getByTestId('trial-filter');
    this.range = page.getByTestId('page-range');
    this.pageNumber = page.getByTestId('page-number');
    this.nextButton = page.getByTestId('page-next');
    this.previousButton = page.getByTestId('page-previous');
    this.table = page.getByTestId('trial-table');
    this.rows = page.getByTestId('trial-row');
    this.empty = page.getByTestId('trial-list-empty');
    this.backToExperiment = page.getByTestId('back-to-experiment');
  }

  async goto(id: string, cellIndex: number): Promise<void> {
    await this.openRoute(`#/experiments/${encodeURIComponent(id)}/cells/${cellIndex}`);
    await this.view.waitFor();
  }

  /** The cell index in the address bar (#/experiments/ID/cells/N). */
  currentCell(): number | null {
    const match = /#\/experiments\/[^/?#]+\/cells\/(\d+)/.exec(this.page.url());
    return match?.[1] ? Number(match[1]) : null;
  }

  filter(key: TrialFilterKey): Locator {
    return this.page.locator(`[data-testid="trial-filter"][data-filter="${key}"]`);
  }

  /** The count a filter button shows, once the lab has answered. */
  async filterCount(key: TrialFilterKey): Promise<number> {
    const count = this.filter(key).getByTestId('trial-filter-count');
    await expect(count).toHaveText(/^[\d,]+$/);
    return Number(((await count.textContent()) ?? '').replaceAll(',', ''));
  }

  /** Shows one outcome (or all) and waits until the list shows it. */
  async showOnly(key: TrialFilterKey): Promise<void> {
    await this.filter(key).click();
    await expect(this.filter(key)).toHaveAttribute('aria-pressed', 'true');
    await this.expectSettled({ filter: key, page: 1 });
  }

  /** Waits for the list to stop loading (on this filter and 1-based page, when given): the range then says what it shows. */
  async expectSettled(on: { filter?: TrialFilterKey; page?: number } = {}): Promise<void> {
    if (on.filter !== undefined) await expect(this.view).toHaveAttribute('data-shown-filter', on.filter);
    if (on.page !== undefined) await expect(this.view).toHaveAttribute('data-shown-page', String(on.page));
    await expect(this.view).toHaveAttribute('aria-busy', 'false');
    await expect(this.range).toHaveText(/^(Trials [\d,]+–[\d,]+ of [\d,]+|No trials.*)$/);
  }

  /** What the range line says: "Trials 51–100 of 320" → { from: 51, to: 100, total: 320 }; "No trials" → zeros. */
  async rangeNumbers(): Promise<{ from: number; to: number; total: number }> {
    const text = (await this.range.textContent()) ?? '';
    if (/^No trials$/.test(text.trim())) return { from: 0, to: 0, total: 0 };
    const match = /Trials ([\d,]+)–([\d,]+) of ([\d,]+)/.exec(text);
    if (!match?.[1] || !match[2] || !match[3]) throw new Error(`Unreadable range "${text}"`);
    const n = (s: string) => Number(s.replaceAll(',', ''));
    return { from: n(match[1]), to: n(match[2]), total: n(match[3]) };
  }

  async rowOutcomes(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-outcome') ?? ''));
  }

  async openTrial(index: number): Promise<number> {
    const row = this.rows.nth(index);
    const trialId = Number(await row.getAttribute('data-trial-id'));
    await row.getByTestId('trial-link').click();
    return trialId;
  }
}
