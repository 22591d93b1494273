import { ExperimentsPage } from '../../pages/experiments-page';
import { expect, test } from './fixtures';

/**
 * The renderer and the bridge's access token in a real browser: the page
 * takes the token from the URL `lab serve` printed, hides it from the address
 * bar, keeps it for reloads in the same tab, and tells a tab without it which
 * URL to open.
 */
test('takes the token out of the address bar and keeps it for a reload', async ({ experimentsPage, labServer, page }) => {
  await experimentsPage.goto();
  await expect(experimentsPage.exampleCard('quickstart')).toBeVisible();
  await expect(page).toHaveURL(`${labServer.origin}/#/`);

  await page.reload();
  await expect(experimentsPage.exampleCard('quickstart')).toBeVisible();
  await expect(experimentsPage.errorBanners).toHaveCount(0);
});

test('a tab without the token says which URL to open', async ({ browser, labServer }) => {
  // A context of its own: no sessionStorage from other tests' tabs.
  const context = await browser.newContext();
  try {
    const experiments = new ExperimentsPage(await context.newPage());
    await experiments.page.goto(`${labServer.origin}/`);
    await expect(experiments.errorBanners.first()).toHaveAttribute('data-code', 'unauthorized');
    await expect(experiments.errorMessage(0)).toHaveText(
      'This page has no valid access token for the lab. Open the URL that `npm run lab -- serve` printed (it ends in ?token=…).',
    );
  } finally {
    await context.close();
  }
});
