import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { callLab, expect, test } from './fixtures';
import { makeTempDir, startLabServer, type LabServer } from './lab-server';
import { ExperimentsPage } from '../../pages/experiments-page';

/**
 * Crash recovery: a lab killed mid-run leaves its experiment "running"; once
 * its lease goes stale (15 s) the next lab lists it as interrupted, and the
 * start screen offers to resume it.
 */
test('offers to resume an experiment interrupted by a crash', async ({ page, request }) => {
  test.slow();
  const dir = makeTempDir();
  const databasePath = join(dir, 'lab.db');
  let server: LabServer | null = await startLabServer({ databasePath });
  try {
    const spec = {
      name: 'Crashed sweep',
      tasks: { suite: 'arithmetic', count: 25_000 },
      agents: { model: 'sim:default' },
      teams: [{ structure: 'single' }, { structure: 'vote', sizes: [3] }],
      concurrency: 1,
    };
    const { id } = await callLab(request, 'createExperiment', { spec, start: true }, server.url);
    await expect
      .poll(async () => (await callLab(request, 'getProgress', { id }, server?.url)).done, { timeout: 15_000 })
      .toBeGreaterThan(0);

    await server.crash();
    server = await startLabServer({ databasePath });
    const url = server.url;
    await expect
      .poll(async () => (await callLab(request, 'listExperiments', {}, url)).find((row) => row.id === id)?.status, {
        timeout: 40_000,
        intervals: [1000],
      })
      .toBe('interrupted');

    const experiments = new ExperimentsPage(page);
    await page.goto(url);
    await expect(experiments.interruptedBanner).toBeVisible();
    await expect(experiments.interruptedBanner).toContainText('1 experiment was interrupted');
    await expect(experiments.experimentRow(id).getByTestId('status-badge')).toHaveAttribute('data-status', 'interrupted');

    await experiments.resumeInterrupted();
    await expect(experiments.interruptedBanner).toBeHidden();
    await expect(experiments.experimentRow(id).getByTestId('status-badge')).toHaveAttribute('data-status', 'running');
    await expect(experiments.errorBanners).toHaveCount(0);

    await callLab(request, 'cancelExperiment', { id }, url);
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
