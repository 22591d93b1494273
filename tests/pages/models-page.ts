import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell';

/** The Models screen: hosts, installed and loaded models, pulls and calibration. */
export class ModelsPage extends AppShell {
  readonly view: Locator;
  readonly navLink: Locator;
  readonly hostLines: Locator;
  readonly explainer: Locator;
  readonly addHostUrl: Locator;
  readonly addHostSubmit: Locator;
  readonly hostDown: Locator;
  readonly installedTable: Locator;
  readonly installedRows: Locator;
  readonly loadedRows: Locator;
  readonly pullName: Locator;
  readonly pullSubmit: Locator;
  readonly pullRows: Locator;
  readonly calibrationProgress: Locator;
  readonly calibrationProfile: Locator;
  readonly calibrationPoints: Locator;
  readonly savedCalibrations: Locator;
  readonly confirmDialog: Locator;

  constructor(page: Page) {
    super(page);
    this.view = page.getByTestId('models-view');
    this.navLink = page.getByTestId('nav-models');
    this.hostLines = page.getByTestId('host-line');
    this.explainer = page.getByTestId('slots-explainer');
    this.addHostUrl = page.getByTestId('add-host-url');
    this.addHostSubmit = page.getByTestId('add-host-submit');
    this.hostDown = page.getByTestId('host-down');
    this.installedTable = page.getByTestId('installed-models');
    this.installedRows = page.getByTestId('installed-model');
    this.loadedRows = page.getByTestId('loaded-model');
    this.pullName = page.getByTestId('pull-name');
    this.pullSubmit = page.getByTestId('pull-submit');
    this.pullRows = page.getByTestId('pull-row');
    this.calibrationProgress = page.getByTestId('calibration-progress');
    this.calibrationProfile = page.getByTestId('calibration-profile');
    this.calibrationPoints = this.calibrationProfile.getByTestId('calibration-point');
    this.savedCalibrations = page.getByTestId('saved-calibration');
    this.confirmDialog = page.getByTestId('confirm-dialog');
  }

  async goto(): Promise<void> {
    await this.openRoute('#/models');
    await this.view.waitFor();
  }

  /** Opens the screen from the header, as a user would. */
  async open(): Promise<void> {
    await this.navLink.click();
    await this.view.waitFor();
  }

  host(url: string): Locator {
    return this.page.locator(`[data-testid="host-line"][data-host-url="${url}"]`);
  }

  installed(name: string): Locator {
    return this.page.locator(`[data-testid="installed-model"][data-model="${name}"]`);
  }

  loaded(name: string): Locator {
    return this.page.locator(`[data-testid="loaded-model"][data-model="${name}"]`);
  }

  /** The progress row of the pull of `model`, as typed in the pull field. */
  pullRow(model: string): Locator {
    return this.page.locator(`[data-testid="pull-row"][data-model="${model}"]`);
  }

  async pull(name: string): Promise<void> {
    await this.pullName.fill(name);
    await this.pullSubmit.click();
  }

  async cancelPull(model: string): Promise<void> {
    await this.pullRow(model).getByTestId('pull-cancel').click();
  }

  async deleteModel(name: string, confirm: boolean): Promise<void> {
    await this.installed(name).getByTestId('model-delete').click();
    await expect(this.confirmDialog).toBeVisible();
    await this.confirmDialog.getByTestId(confirm ? 'confirm-accept' : 'confirm-dismiss').click();
    await expect(this.confirmDialog).toBeHidden();
  }

  async calibrate(name: string): Promise<void> {
    await this.installed(name).getByTestId('model-calibrate').click();
  }

  async addHost(url: string): Promise<void> {
    await this.addHostUrl.fill(url);
    await this.addHostSubmit.click();
  }
}
