import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell';

/** One trial: its header, the space-time diagram, the call panel and the events. */
export class TrialPage extends AppShell {
  readonly view: Locator;
  readonly title: Locator;
  readonly outcome: Locator;
  readonly cellLabel: Locator;
  readonly itemPrompt: Locator;
  readonly expected: Locator;
  readonly finalAnswer: Locator;
  readonly backToTrials: Locator;
  readonly diagram: Locator;
  readonly diagramScroll: Locator;
  readonly svg: Locator;
  readonly lanes: Locator;
  readonly bars: Locator;
  readonly arrows: Locator;
  readonly toggleArrows: Locator;
  readonly barriers: Locator;
  readonly markers: Locator;
  readonly legend: Locator;
  readonly decision: Locator;
  readonly decisionLabel: Locator;
  readonly events: Locator;
  readonly panel: Locator;
  readonly panelTitle: Locator;
  readonly panelClose: Locator;
  readonly promptMessages: Locator;
  readonly reply: Locator;

  constructor(page: Page) {
    super(page);
    this.view = page.getByTestId('trial-view');
    this.title = page.getByTestId('trial-title');
    this.outcome = page.getByTestId('trial-outcome');
    this.cellLabel = page.getByTestId('trial-cell-label');
    this.itemPrompt = page.getByTestId('trial-item-prompt');
    this.expected = page.getByTestId('trial-expected');
    this.finalAnswer = page.getByTestId('trial-final-answer');
    this.backToTrials = page.getByTestId('back-to-trials');
    this.diagram = page.getByTestId('space-time');
    this.diagramScroll = page.getByTestId('space-time-scroll');
    this.svg = page.getByTestId('space-time-svg');
    this.lanes = this.svg.getByTestId('lane');
    this.bars = this.svg.getByTestId('call-bar');
    this.arrows = this.svg.getByTestId('message-arrow');
    this.toggleArrows = page.getByTestId('toggle-arrows');
    this.barriers = this.svg.getByTestId('barrier');
    this.markers = this.svg.getByTestId('event-marker');
    this.legend = page.getByTestId('space-time-legend');
    this.decision = page.getByTestId('trial-decision');
    this.decisionLabel = page.getByTestId('decision-label');
    this.events = page.getByTestId('trial-event');
    this.panel = page.getByTestId('call-panel');
    this.panelTitle = page.getByTestId('call-panel-title');
    this.panelClose = page.getByTestId('call-panel-close');
    this.promptMessages = this.panel.getByTestId('call-prompt-message');
    this.reply = this.panel.getByTestId('call-reply');
  }

  async goto(id: string, trialId: number): Promise<void> {
    await this.openRoute(`#/experiments/${encodeURIComponent(id)}/trials/${trialId}`);
    await this.view.waitFor();
  }

  /** The trial id in the address bar (#/experiments/ID/trials/N). */
  currentTrial(): number | null {
    const match = /#\/experiments\/[^/?#]+\/trials\/(\d+)/.exec(this.page.url());
    return match?.[1] ? Number(match[1]) : null;
  }

  bar(seq: number): Locator {
    return this.svg.locator(`[data-testid="call-bar"][data-seq="${seq}"]`);
  }

  /** Opens a call's panel by clicking its bar, and waits for its text. */
  async openCall(seq: number): Promise<void> {
    await this.bar(seq).click();
    await this.expectPanelFor(seq);
  }

  async expectPanelFor(seq: number): Promise<void> {
    await expect(this.panel).toHaveAttribute('data-seq', String(seq));
    await expect(this.panel.getByTestId('call-text-loading')).toHaveCount(0);
  }

  /** The focused element's call seq, or null when focus is not on a call bar. */
  async focusedSeq(): Promise<number | null> {
    const focused = this.svg.locator('[data-testid="call-bar"]:focus');
    if ((await focused.count()) === 0) return null;
    return Number(await focused.getAttribute('data-seq'));
  }

  /** Tabs forward from the back link until a call bar has the focus, as a keyboard user gets into the diagram. */
  async tabIntoDiagram(maxPresses = 20): Promise<number> {
    await this.backToTrials.focus();
    for (let i = 0; i < maxPresses; i++) {
      await this.page.keyboard.press('Tab');
      const seq = await this.focusedSeq();
      if (seq !== null) return seq;
    }
    throw new Error(`No call bar took the focus after ${maxPresses} Tab presses`);
  }
}
