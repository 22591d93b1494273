import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell';

/** The Designer: a spec's JSON, what the lab thinks of it, and the create buttons. */
export class DesignerPage extends AppShell {
  readonly view: Locator;
  readonly navLink: Locator;
  readonly spec: Locator;
  readonly origin: Locator;
  readonly check: Locator;
  readonly valid: Locator;
  readonly cells: Locator;
  readonly trials: Locator;
  readonly estimate: Locator;
  readonly issues: Locator;
  readonly syntaxError: Locator;
  readonly help: Locator;
  readonly runButton: Locator;
  readonly createButton: Locator;

  constructor(page: Page) {
    super(page);
    this.view = page.getByTestId('designer-view');
    this.navLink = page.getByTestId('nav-designer');
    this.spec = page.getByTestId('designer-spec');
    this.origin = page.getByTestId('designer-origin');
    this.check = page.getByTestId('designer-check');
    this.valid = page.getByTestId('designer-valid');
    this.cells = page.getByTestId('designer-cells');
    this.trials = page.getByTestId('designer-trials');
    this.estimate = page.getByTestId('designer-estimate');
    this.issues = page.getByTestId('designer-issue');
    this.syntaxError = page.getByTestId('designer-syntax-error');
    this.help = page.getByTestId('designer-help');
    this.runButton = page.getByTestId('designer-run');
    this.createButton = page.getByTestId('designer-create');
  }

  /** Opens the Designer from the header. */
  async open(): Promise<void> {
    await this.navLink.click();
    await this.view.waitFor();
  }

  async specText(): Promise<string> {
    return this.spec.inputValue();
  }

  async setSpec(text: string): Promise<void> {
    await this.spec.fill(text);
  }

  /** Replaces the first `find` in the spec's text; fails if it is not there. */
  async replaceInSpec(find: string, replacement: string): Promise<void> {
    const text = await this.specText();
    expect(text, `the spec contains ${JSON.stringify(find)}`).toContain(find);
    await this.setSpec(text.replace(find, replacement));
  }

  /** Waits for the check of the current text to finish in `state` (valid, invalid, syntax). */
  async expectCheck(state: 'valid' | 'invalid' | 'syntax'): Promise<void> {
    await expect(this.check).toHaveAttribute('data-pending', 'false');
    await expect(this.check).toHaveAttribute('data-state', state);
  }
}
