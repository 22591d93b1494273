import type { Locator, Page } from '@playwright/test';

/** An experiment's analysis beyond the summary: outcome columns, paired differences, a picked pair, theory over the measurements. */
export class ResultsAnalysis {
  readonly page: Page;
  readonly intervalCaption: Locator;
  readonly summaryCaption: Locator;
  readonly failureFlags: Locator;
  readonly differencesSection: Locator;
  readonly forestChart: Locator;
  readonly forestNote: Locator;
  readonly differencesCaption: Locator;
  readonly differenceRows: Locator;
  readonly comparisonNotes: Locator;
  readonly pairCell: Locator;
  readonly pairBaseline: Locator;
  readonly pairCompare: Locator;
  readonly pairWords: Locator;
  readonly pairProblem: Locator;
  readonly theorySection: Locator;
  readonly theoryFigures: Locator;
  readonly theoryNotes: Locator;

  constructor(page: Page) {
    this.page = page;
    this.intervalCaption = page.getByTestId('interval-caption');
    this.summaryCaption = page.getByTestId('summary-caption');
    this.failureFlags = page.getByTestId('failure-flag');
    this.differencesSection = page.getByTestId('differences-section');
    this.forestChart = page.getByTestId('forest-chart');
    this.forestNote = page.getByTestId('forest-note');
    this.differencesCaption = page.getByTestId('differences-caption');
    this.differenceRows = page.getByTestId('difference-row');
    this.comparisonNotes = page.getByTestId('comparison-notes');
    this.pairCell = page.getByTestId('pair-cell');
    this.pairBaseline = page.getByTestId('pair-baseline');
    this.pairCompare = page.getByTestId('pair-compare');
    this.pairWords = page.getByTestId('pair-words');
    this.pairProblem = page.getByTestId('pair-problem');
    this.theorySection = page.getByTestId('theory-section');
    this.theoryFigures = page.getByTestId('theory-figure');
    this.theoryNotes = page.getByTestId('theory-note');
  }

  /** The radio that sets what each team is measured against. */
  mode(mode: 'vs-single' | 'vs-smaller'): Locator {
    return this.page.getByTestId(`difference-mode-${mode}`);
  }

  /** The numbers table's row for a cell's comparison ('vs-single', 'vs-smaller') or its cost-matched baseline. */
  differenceRow(cellIndex: number, kind: 'vs-single' | 'vs-smaller' | 'cost-matched'): Locator {
    return this.page.locator(`[data-testid="difference-row"][data-cell-index="${cellIndex}"][data-kind="${kind}"]`);
  }

  theoryFigure(kind: 'condorcet' | 'amdahl' | 'usl'): Locator {
    return this.page.locator(`[data-testid="theory-figure"][data-kind="${kind}"]`);
  }

  /** A summary-table cell of the row of `cellIndex`, by its test id (summary-no-answer, summary-failed, …). */
  summaryCell(cellIndex: number, testid: string): Locator {
    return this.page.locator(`[data-testid="summary-row"][data-cell-index="${cellIndex}"] [data-testid="${testid}"]`);
  }
}
