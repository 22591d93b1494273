import type { Locator, Page } from '@playwright/test';

/** An experiment's recommendation: the three answers, the charts, the ranked alternatives, and the verification. */
export class RecommendationPanel {
  readonly page: Page;
  readonly section: Locator;
  readonly panel: Locator;
  readonly waiting: Locator;
  readonly problem: Locator;
  readonly recommendedCell: Locator;
  readonly reason: Locator;
  readonly pilot: Locator;
  readonly answers: Locator;
  readonly predictionChart: Locator;
  readonly frontierChart: Locator;
  readonly candidateRows: Locator;
  readonly objective: Locator;
  readonly budget: Locator;
  readonly ask: Locator;
  readonly verifyButton: Locator;
  readonly verificationStatus: Locator;
  readonly verificationSummary: Locator;
  readonly verifiedRows: Locator;
  readonly verificationLink: Locator;

  constructor(page: Page) {
    this.page = page;
    this.section = page.getByTestId('recommendation-section');
    this.panel = page.getByTestId('recommendation-panel');
    this.waiting = page.getByTestId('recommendation-waiting');
    this.problem = page.getByTestId('recommendation-problem');
    this.recommendedCell = page.getByTestId('recommended-cell');
    this.reason = page.getByTestId('recommendation-reason');
    this.pilot = page.getByTestId('recommendation-pilot');
    this.answers = page.getByTestId('recommendation-answer');
    this.predictionChart = page.getByTestId('prediction-chart');
    this.frontierChart = page.getByTestId('recommendation-frontier-chart');
    this.candidateRows = page.getByTestId('candidate-row');
    this.objective = page.getByTestId('recommendation-objective');
    this.budget = page.getByTestId('recommendation-budget');
    this.ask = page.getByTestId('recommendation-ask');
    this.verifyButton = page.getByTestId('verify-button');
    this.verificationStatus = page.getByTestId('verification-status');
    this.verificationSummary = page.getByTestId('verification-summary');
    this.verifiedRows = page.getByTestId('verified-row');
    this.verificationLink = page.getByTestId('verification-experiment-link');
  }

  answer(question: 'team-or-single' | 'how-many' | 'which-structure'): Locator {
    return this.page.locator(`[data-testid="recommendation-answer"][data-question="${question}"]`);
  }
}
