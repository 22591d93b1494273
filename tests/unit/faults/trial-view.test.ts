/**
 * Every injected fault reaches the trial view: the lab stores the fault
 * events with the trial, and the space-time diagram marks each one as a
 * fault on its agent's lane (the team's gutter for the network's loss rate),
 * with crashed calls drawn as crashed and lost messages drawn nowhere.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLab } from '../../../electron/core/create-lab';
import { layoutSpaceTime } from '../../../renderer/src/charts/space-time';

const root = join(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'quorum-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the trial view of a faulty trial', () => {
  it('marks every injected fault, on the faulty agent\'s lane', async () => {
    const handle = createLab({ databasePath: join(dir, 'faults.sqlite'), appRoot: root, transport: 'http' });
    try {
      const spec = {
        name: 'every fault',
        tasks: { suite: 'arithmetic', count: 2, seed: 4 },
        agents: { model: 'sim:default', timeoutSeconds: 30 },
        teams: [{ structure: 'debate', sizes: [6], rounds: 1 }],
        faults: { byzantine: 1, mode: 'colluding', crash: 1, stragglers: 1, delay: { distribution: 'fixed', meanMs: 2000 }, drop: 0.3 },
      };
      const { id } = await handle.lab.createExperiment({ spec, start: true });
      await handle.lab.waitFor(id);
      const page = await handle.lab.listTrials({ id, cellIndex: 0, offset: 0, limit: 10 });
      expect(page.trials).toHaveLength(2);
      let lost = 0;
      for (const summary of page.trials) {
        const trial = await handle.lab.getTrial({ id, trialId: summary.trialId });
        const kinds = trial.events.map((e) => e.kind);
        for (const kind of ['fault_byzantine', 'fault_crash', 'fault_straggler', 'fault_delay', 'fault_drop_rate']) expect(kinds).toContain(kind);
        const layout = layoutSpaceTime(trial, { width: 1200 });
        const faults = trial.events.filter((e) => e.kind.startsWith('fault_'));
        const marked = layout.markers.filter((m) => m.kind.startsWith('fault_'));
        expect(marked).toHaveLength(faults.length);
        for (const marker of marked) {
          expect(marker.tone).toBe('fault');
          const event = faults.find((e) => e.seq === marker.seq)!;
          expect(marker.agentIndex).toBe(event.agentIndex);
          if (event.agentIndex !== null) expect(marker.x).toBeLessThan(layout.lanes[event.agentIndex]!.axisX);
        }
        const crashed = trial.events.find((e) => e.kind === 'fault_crash')!.agentIndex;
        expect(layout.bars.filter((b) => b.agentIndex === crashed).map((b) => b.status)).toEqual(['crashed', 'crashed']);
        // A lost message has no arrow to the agent that lost it.
        for (const drop of trial.events.filter((e) => e.kind === 'fault_drop')) {
          lost++;
          const seq = Number(/^message (\d+)/.exec(drop.detail)![1]);
          expect(layout.arrows.some((a) => a.key === `m${seq}>${drop.agentIndex}`)).toBe(false);
        }
      }
      expect(lost).toBeGreaterThan(0);
    } finally {
      await handle.close();
    }
  }, 60_000);
});
