import { expect, type Locator, type Page } from '@playwright/test';
import type { ExperimentStatus } from '../../shared/domain/results';
import { AppShell } from './app-shell';

/** One experiment: header, progress, run controls, chart and summary table. */
export class ExperimentPage extends AppShell {
  readonly view: Locator;
  readonly name: Locator;
  readonly status: Locator;
  readonly notFound: Locator;
  readonly progressCount: Locator;
  readonly progressBar: Locator;
  readonly progressRate: Locator;
  readonly progressEta: Locator;
  readonly progressFailed: Locator;
  readonly startButton: Locator;
  readonly pauseButton: Locator;
  readonly resumeButton: Locator;
  readonly cancelButton: Locator;
  readonly retryFailedButton: Locator;
  readonly confirmDialog: Locator;
  readonly chart: Locator;
  readonly chartCanvas: Locator;
  readonly method: Locator;
  readonly summaryTable: Locator;
  readonly summaryRows: Locator;
  readonly resultsSection: Locator;
  readonly costFrontierChart: Locator;
  readonly costFrontierCaption: Locator;
  readonly latencyChart: Locator;
  readonly latencyCaption: Locator;

  constructor(page: Page) {
    super(page);
    this.view = page.getByTestId('experiment-view');
    this.name = page.getByTestId('experiment-name');
    this.status = page.getByTestId('experiment-status');
    this.notFound = page.getByTestId('experiment-not-found');
    this.progressCount = page.getByTestId('progress-count');
    this.progressBar = page.getByTestId('progress-bar');
    this.progressRate = page.getByTestId('progress-rate');
    this.progressEta = page.getByTestId('progress-eta');
    this.progressFailed = page.getByTestId('progress-failed');
    this.startButton = page.getByTestId('control-start');
    this.pauseButton = page.getByTestId('control-pause');
    this.resumeButton = page.getByTestId('control-resume');
    this.cancelButton = page.getByTestId('control-cancel');
    this.retryFailedButton = page.getByTestId('control-retry-failed');
    this.confirmDialog = page.getByTestId('confirm-dialog');
    this.chart = page.getByTestId('accuracy-chart');
    this.chartCanvas = this.chart.locator('canvas');
    this.method = page.getByTestId('results-method');
    this.summaryTable = page.getByTestId('summary-table');
    this.summaryRows = page.getByTestId('summary-row');
    this.resultsSection = page.getByTestId('results-section');
    this.costFrontierChart = page.getByTestId('cost-frontier-chart');
    this.costFrontierCaption = page.getByTestId('cost-frontier-caption');
    this.latencyChart = page.getByTestId('latency-chart');
    this.latencyCaption = page.getByTestId('latency-caption');
  }

  async goto(id: string): Promise<void> {
    await this.openRoute(`#/experiments/${encodeURIComponent(id)}`);
    await this.view.waitFor();
  }

  /** The id in the address bar (#/experiments/ID). */
  currentId(): string | null {
    const match = /#\/experiments\/([^/?#]+)/.exec(this.page.url());
    return match?.[1] ? decodeURIComponent(match[1]) : null;
  }

  async expectStatus(status: ExperimentStatus, timeout?: number): Promise<void> {
    await expect(this.status).toHaveAttribute('data-status', status, timeout === undefined ? {} : { timeout });
  }

  /** Trials finished (done or failed) out of the total, read from "finished / total". */
  async progress(): Promise<{ finished: number; total: number }> {
    const text = (await this.progressCount.textContent()) ?? '';
    const match = /([\d,]+)\s*\/\s*([\d,]+)/.exec(text);
    if (!match?.[1] || !match[2]) throw new Error(`Unreadable progress "${text}"`);
    return { finished: Number(match[1].replaceAll(',', '')), total: Number(match[2].replaceAll(',', '')) };
  }

  async cancel(confirm: boolean): Promise<void> {
    await this.cancelButton.click();
    await expect(this.confirmDialog).toBeVisible();
    await this.confirmDialog.getByTestId(confirm ? 'confirm-accept' : 'confirm-dismiss').click();
    await expect(this.confirmDialog).toBeHidden();
  }

  summaryRow(index: number): Locator {
    return this.summaryRows.nth(index);
  }

  /** The row of the cell with this index (its position in the grid, not in the table). */
  summaryRowOfCell(cellIndex: number): Locator {
    return this.page.locator(`[data-testid="summary-row"][data-cell-index="${cellIndex}"]`);
  }

  /** Follows a cell's trial count to its list of trials. */
  async openCellTrials(cellIndex: number): Promise<void> {
    await this.summaryRowOfCell(cellIndex).getByTestId('summary-trials-link').click();
  }

  summaryAccuracy(index: number): Locator {
    return this.summaryRow(index).getByTestId('summary-accuracy');
  }
}
