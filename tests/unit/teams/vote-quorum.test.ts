/**
 * A quorum vote stops at the k-th agreeing answer and cancels the rest; the
 * cancelled calls still belong to the trial's record (their tokens were spent,
 * and the trial view shows them cut at the moment the vote ended).
 */
import { describe, expect, it } from 'vitest';
import { cellOf, expectConsistentTimeline, expectRegistryCounts, itemsOf, runOn } from './engine-helpers';

describe('quorum vote', () => {
  it('records every voter, cuts the stragglers at the quorum, and decides on the agreed answer', async () => {
    const cell = cellOf({ structure: 'vote', sizes: [5], aggregate: 'quorum', quorum: 2 });
    let cancelled = 0;
    for (const item of itemsOf(8)) {
      const outcome = await runOn(cell, item);
      expectRegistryCounts(cell, outcome);
      expectConsistentTimeline(outcome);
      const reached = outcome.events.find((e) => e.kind === 'quorum_reached');
      if (!reached) continue;
      const stragglers = outcome.calls.filter((c) => c.status === 'cancelled');
      cancelled += stragglers.length;
      for (const call of stragglers) {
        expect(call.logicalEndMs).toBe(reached.atMs);
        expect(call.doneReason).toBe('cancelled');
      }
      // Every answer that counted came in by the quorum's moment.
      const answered = outcome.calls.filter((c) => c.status === 'ok');
      for (const call of answered) expect(call.logicalEndMs).toBeLessThanOrEqual(reached.atMs);
      expect(outcome.answers.filter((a) => a.extracted === outcome.finalAnswer).length).toBeGreaterThanOrEqual(2);
    }
    expect(cancelled).toBeGreaterThan(0);
  });
});
