import type { Locator, Page } from '@playwright/test';

/** What every screen has: the header and the error banners. */
export class AppShell {
  readonly page: Page;
  readonly header: Locator;
  readonly errorBanners: Locator;

  constructor(page: Page) {
    this.page = page;
    this.header = page.getByTestId('app-header');
    this.errorBanners = page.getByTestId('error-banner');
  }

  errorMessage(index = 0): Locator {
    return this.errorBanners.nth(index).getByTestId('error-message');
  }

  async dismissError(index = 0): Promise<void> {
    await this.errorBanners.nth(index).getByTestId('error-dismiss').click();
  }

  async goHome(): Promise<void> {
    await this.page.getByTestId('nav-experiments').click();
  }
}
