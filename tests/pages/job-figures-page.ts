import type { Locator, Page } from '@playwright/test';

/** An experiment's coding-job figures: small multiples per figure, their legend, numbers and notes, and pooling with other experiments. */
export class JobFiguresPage {
  readonly page: Page;
  readonly section: Locator;
  readonly figures: Locator;
  readonly notes: Locator;
  readonly pool: Locator;
  readonly poolDraw: Locator;
  readonly poolAlone: Locator;
  readonly pooledBanner: Locator;

  constructor(page: Page) {
    this.page = page;
    this.section = page.getByTestId('jobs-section');
    this.figures = page.getByTestId('job-figure');
    this.notes = page.getByTestId('job-figure-note');
    this.pool = page.getByTestId('job-pool');
    this.poolDraw = page.getByTestId('job-pool-draw');
    this.poolAlone = page.getByTestId('job-pool-alone');
    this.pooledBanner = page.getByTestId('job-pooled');
  }

  figure(id: string): Locator {
    return this.page.locator(`[data-testid="job-figure"][data-figure="${id}"]`);
  }

  panels(id: string): Locator {
    return this.figure(id).getByTestId('job-panel');
  }

  legend(id: string): Locator {
    return this.figure(id).getByTestId('job-figure-legend');
  }

  legendEntries(id: string): Locator {
    return this.figure(id).getByTestId('job-legend-entry');
  }

  lineAxis(id: string): Locator {
    return this.figure(id).getByTestId('job-line-axis');
  }

  rows(id: string): Locator {
    return this.figure(id).getByTestId('job-figure-row');
  }

  async openNumbers(id: string): Promise<void> {
    const details = this.figure(id).getByTestId('job-figure-numbers');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  }

  async openPool(): Promise<void> {
    if ((await this.pool.getAttribute('open')) === null) await this.pool.locator('summary').click();
  }

  poolChoice(id: string): Locator {
    return this.page.locator(`[data-testid="job-pool-choice"][data-id="${id}"]`);
  }
}
