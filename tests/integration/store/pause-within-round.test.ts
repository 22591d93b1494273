/**
 * Pause takes effect within a round: a run of multi-round debates stops after
 * the calls already running, not after every trial in flight has finished
 * all its rounds. The trials it stopped stay planned, and resuming gives the
 * summary an undisturbed run gives.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SimBackend } from '../../../electron/core/backends/sim';
import { createLab, type LabHandle } from '../../../electron/core/create-lab';

const root = join(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'quorum-pause-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The real-time sim (about 100 ms a call), counting the calls it is asked to make. */
class CountingSim extends SimBackend {
  asked = 0;
  constructor() {
    super({ realTime: true, timeScale: 0.025 });
  }
  override call(...args: Parameters<SimBackend['call']>) {
    this.asked += 1;
    return super.call(...args);
  }
}

const lab = (name: string, sim = new CountingSim()): LabHandle => createLab({ databasePath: join(dir, name), appRoot: root, transport: 'http', backends: [sim] });

const spec = {
  name: 'long debates',
  tasks: { suite: 'arithmetic', count: 16, seed: 2 },
  agents: { model: 'sim:default' },
  teams: [{ structure: 'debate', sizes: [3], rounds: 4 }],
  concurrency: 4,
};

async function decisions(handle: LabHandle, id: string) {
  return (await handle.lab.getResults({ id })).cells.map(({ meanWallMs: _wall, ...cell }) => cell);
}

describe('pausing a run of debates', () => {
  it('stops within a round, keeps unfinished trials planned, and resumes to the undisturbed result', async () => {
    const clean = lab('clean.sqlite');
    const { id: cleanId } = await clean.lab.createExperiment({ spec, start: true });
    await clean.lab.waitFor(cleanId);
    const expected = await decisions(clean, cleanId);
    await clean.close();

    const sim = new CountingSim();
    const handle = lab('paused.sqlite', sim);
    try {
      const { id } = await handle.lab.createExperiment({ spec, start: true });
      // Let the first trials get into their later rounds.
      await new Promise((resolve) => setTimeout(resolve, 350));
      const askedBeforePause = sim.asked;
      const paused = await handle.lab.pauseExperiment({ id });
      expect(paused.status).toBe('paused');
      // Within a round: the calls already running finished, and no trial in flight made another call
      // (finishing them would have taken up to four more rounds each).
      expect(sim.asked).toBe(askedBeforePause);
      expect(paused.done).toBeLessThan(16);
      expect(paused.inFlight).toBe(0);
      const counts = handle.store.countTrials(id);
      expect(counts).toMatchObject({ running: 0, failed: 0 });
      expect(counts.planned).toBe(16 - counts.done);

      await handle.lab.resumeExperiment({ id });
      await handle.lab.waitFor(id);
      expect(await handle.lab.getProgress({ id })).toMatchObject({ status: 'completed', done: 16, failed: 0 });
      expect(await decisions(handle, id)).toEqual(expected);
    } finally {
      await handle.close();
    }
  }, 60_000);
});
