import type { Locator, Page } from '@playwright/test';

/** A coding-job run's rounds in the trial view: lanes, round bands and barriers, turns with their marks, the run's closing marks. */
export class JobRoundsPage {
  readonly page: Page;
  readonly section: Locator;
  readonly drawing: Locator;
  readonly summary: Locator;
  readonly legend: Locator;
  readonly lanes: Locator;
  readonly bands: Locator;
  readonly barriers: Locator;
  readonly turns: Locator;
  readonly glyphs: Locator;
  readonly runMarks: Locator;
  readonly details: Locator;
  readonly detailActions: Locator;
  readonly detailsClose: Locator;
  readonly words: Locator;

  constructor(page: Page) {
    this.page = page;
    this.section = page.getByTestId('job-rounds-section');
    this.drawing = page.getByTestId('job-rounds');
    this.summary = page.getByTestId('job-rounds-summary');
    this.legend = page.getByTestId('job-rounds-legend');
    this.lanes = this.drawing.getByTestId('job-lane');
    this.bands = this.drawing.getByTestId('job-round-band');
    this.barriers = this.drawing.getByTestId('job-barrier');
    this.turns = this.drawing.getByTestId('job-turn');
    this.glyphs = this.drawing.getByTestId('job-glyph');
    this.runMarks = this.drawing.getByTestId('job-run-mark');
    this.details = page.getByTestId('job-turn-details');
    this.detailActions = this.details.getByTestId('job-turn-action');
    this.detailsClose = page.getByTestId('job-turn-close');
    this.words = page.getByTestId('job-rounds-words');
  }

  turn(key: string): Locator {
    return this.drawing.locator(`[data-testid="job-turn"][data-key="${key}"]`);
  }

  /** The sum of the counts of every mark of one kind. */
  async glyphTotal(kind: string): Promise<number> {
    const counts = await this.drawing.locator(`[data-testid="job-glyph"][data-kind="${kind}"]`).evaluateAll((nodes) => nodes.map((n) => Number(n.getAttribute('data-count'))));
    return counts.reduce((sum, c) => sum + c, 0);
  }
}
