import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell';

/** The Designer: the team form, a spec's JSON in a code editor, what the lab thinks of it, and the create buttons. */
export class DesignerPage extends AppShell {
  readonly view: Locator;
  readonly navLink: Locator;
  /** The editor's editable content (CodeMirror's `.cm-content`). */
  readonly spec: Locator;
  readonly editor: Locator;
  readonly origin: Locator;
  readonly check: Locator;
  readonly valid: Locator;
  readonly cells: Locator;
  readonly trials: Locator;
  readonly calls: Locator;
  readonly messages: Locator;
  readonly cellRows: Locator;
  readonly warnings: Locator;
  readonly estimate: Locator;
  readonly issues: Locator;
  readonly syntaxError: Locator;
  readonly help: Locator;
  readonly keysHelp: Locator;
  readonly fieldHelp: Locator;
  readonly runButton: Locator;
  readonly createButton: Locator;
  readonly recommendButton: Locator;
  readonly teamForm: Locator;
  readonly teamEntries: Locator;
  readonly structure: Locator;
  readonly teamLabel: Locator;
  readonly addTeam: Locator;
  readonly updateTeam: Locator;
  readonly teamStatus: Locator;

  constructor(page: Page) {
    super(page);
    this.view = page.getByTestId('designer-view');
    this.navLink = page.getByTestId('nav-designer');
    this.editor = page.getByTestId('designer-editor');
    this.spec = page.getByTestId('designer-spec');
    this.origin = page.getByTestId('designer-origin');
    this.check = page.getByTestId('designer-check');
    this.valid = page.getByTestId('designer-valid');
    this.cells = page.getByTestId('designer-cells');
    this.trials = page.getByTestId('designer-trials');
    this.calls = page.getByTestId('designer-calls');
    this.messages = page.getByTestId('designer-messages');
    this.cellRows = page.getByTestId('designer-cell-row');
    this.warnings = page.getByTestId('designer-warning');
    this.estimate = page.getByTestId('designer-estimate');
    this.issues = page.getByTestId('designer-issue');
    this.syntaxError = page.getByTestId('designer-syntax-error');
    this.help = page.getByTestId('designer-help');
    this.keysHelp = page.getByTestId('designer-keys');
    this.fieldHelp = page.getByTestId('designer-field-help');
    this.runButton = page.getByTestId('designer-run');
    this.createButton = page.getByTestId('designer-create');
    this.recommendButton = page.getByTestId('designer-recommend');
    this.teamForm = page.getByTestId('team-form');
    this.teamEntries = page.getByTestId('team-list-entry');
    this.structure = page.getByTestId('team-structure');
    this.teamLabel = page.getByTestId('team-label');
    this.addTeam = page.getByTestId('team-add');
    this.updateTeam = page.getByTestId('team-update');
    this.teamStatus = page.getByTestId('team-status');
  }

  /** Opens the Designer from the header. */
  async open(): Promise<void> {
    await this.navLink.click();
    await this.view.waitFor();
    await this.spec.waitFor();
  }

  /** The editor's text, line by line as CodeMirror draws it (enough for the short specs of these tests). */
  async specText(): Promise<string> {
    const lines = await this.spec.locator('.cm-line').allTextContents();
    return lines.join('\n');
  }

  /** Replaces the whole text, as a paste would: select all in the editor, insert. */
  async setSpec(text: string): Promise<void> {
    await this.spec.click();
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.insertText(text);
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

  /** The diagnostics drawn in the text: the underlined spans' text. */
  underlined(severity: 'error' | 'warning'): Locator {
    return this.spec.locator(`.cm-lintRange-${severity}`);
  }

  /** An input of the team form by the field's name in the registry (sizes, rounds, …). */
  param(name: string): Locator {
    return this.teamForm.locator(`#team-param-${name}`);
  }

  cellRow(index: number): { label: Locator; size: Locator; calls: Locator; messages: Locator; rounds: Locator } {
    const row = this.cellRows.nth(index);
    return {
      label: row.getByTestId('designer-cell-label'),
      size: row.getByTestId('designer-cell-size'),
      calls: row.getByTestId('designer-cell-calls'),
      messages: row.getByTestId('designer-cell-messages'),
      rounds: row.getByTestId('designer-cell-rounds'),
    };
  }
}
