import type { Locator, Page } from '@playwright/test';
import { AppShell } from './app-shell';

/** The start screen: example cards and the list of experiments. */
export class ExperimentsPage extends AppShell {
  readonly view: Locator;
  readonly examples: Locator;
  readonly experimentRows: Locator;
  readonly interruptedBanner: Locator;

  constructor(page: Page) {
    super(page);
    this.view = page.getByTestId('experiments-view');
    this.examples = page.getByTestId('example-card');
    this.experimentRows = page.getByTestId('experiment-row');
    this.interruptedBanner = page.getByTestId('interrupted-banner');
  }

  async goto(): Promise<void> {
    await this.openRoute('#/');
    await this.view.waitFor();
  }

  exampleCard(id: string): Locator {
    return this.page.locator(`[data-testid="example-card"][data-example-id="${id}"]`);
  }

  /** Clicks "Run" on an example; the app then opens the new experiment. */
  async runExample(id: string): Promise<void> {
    await this.exampleCard(id).getByTestId('example-run').click();
  }

  experimentRow(id: string): Locator {
    return this.page.locator(`[data-testid="experiment-row"][data-experiment-id="${id}"]`);
  }

  async openExperiment(id: string): Promise<void> {
    await this.experimentRow(id).getByTestId('experiment-link').click();
  }

  async resumeInterrupted(): Promise<void> {
    await this.interruptedBanner.getByTestId('interrupted-resume').click();
  }
}
