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

  /**
   * Opens a screen by its route ('#/models'). The fixtures' baseURL is the
   * lab's tokened URL (http://127.0.0.1:P/?token=…) and a hash-only address
   * keeps that query, so the page gets its token the way a user's tab does.
   */
  protected async openRoute(route: `#/${string}`): Promise<void> {
    await this.page.goto(route);
  }

  async goHome(): Promise<void> {
    await this.page.getByTestId('nav-experiments').click();
  }
}
