/** The space-time layout is pure: a trial in, coordinates out, so what the diagram draws is checked here without a browser. */
import { describe, expect, it } from 'vitest';
import {
  GUTTER_WIDTH,
  HEADER_HEIGHT,
  MAX_LANE_WIDTH,
  MIN_BAR_HEIGHT,
  MIN_LANE_WIDTH,
  PLOT_GAP,
  RIGHT_MARGIN,
  arrowOpacity,
  layoutSpaceTime,
  markerTone,
  neighbourBar,
  niceStep,
  touchesCall,
  truncate,
  type SpaceTimeInput,
} from '../../../renderer/src/charts/space-time';
import type { TrialCall, TrialMessage } from '../../../shared/domain/trials';

function call(partial: Partial<TrialCall> & Pick<TrialCall, 'seq' | 'agentIndex' | 'startMs' | 'endMs'>): TrialCall {
  return {
    role: 'debater',
    intent: 'solve',
    round: 0,
    status: 'ok',
    error: null,
    model: 'sim:default',
    tokensIn: 100,
    tokensOut: 40,
    reads: [],
    waitsFor: [],
    answer: '42',
    correct: true,
    ...partial,
  };
}

function message(partial: Partial<TrialMessage> & Pick<TrialMessage, 'seq' | 'kind'>): TrialMessage {
  return { fromAgent: null, toAgents: null, round: null, atMs: null, tokens: 10, callSeq: null, preview: 'text', ...partial };
}

/** A debate of three agents over two rounds: answers, a barrier at 1.2 s, revisions after reading the others, a decision at 2 s. */
function debate(): SpaceTimeInput {
  const round0 = [
    call({ seq: 0, agentIndex: 0, startMs: 0, endMs: 1000, answer: '41', correct: false }),
    call({ seq: 1, agentIndex: 1, startMs: 0, endMs: 800 }),
    call({ seq: 2, agentIndex: 2, startMs: 0, endMs: 1200 }),
  ];
  const round1 = [0, 1, 2].map((agent) =>
    call({
      seq: 3 + agent,
      agentIndex: agent,
      intent: 'revise',
      round: 1,
      startMs: 1200,
      endMs: agent === 2 ? 1200 : 2000,
      status: agent === 2 ? 'cancelled' : 'ok',
      answer: agent === 2 ? null : '42',
      correct: agent === 2 ? null : true,
      reads: [0, 1, 2].filter((other) => other !== agent),
      waitsFor: [0, 1, 2],
    }),
  );
  const peers = round0.map((c, i) =>
    message({ seq: 10 + i, kind: 'peer_answer', fromAgent: c.agentIndex, toAgents: [0, 1, 2].filter((a) => a !== c.agentIndex), round: 0, atMs: c.endMs, callSeq: c.seq }),
  );
  return {
    cell: { agents: [0, 1, 2].map((index) => ({ index, role: 'debater', model: 'sim:default' })) },
    trial: { finalAnswer: '42', outcome: 'correct' },
    calls: [...round0, ...round1],
    messages: [message({ seq: 0, kind: 'system' }), message({ seq: 1, kind: 'prompt' }), ...peers, message({ seq: 20, kind: 'decision', atMs: 2000, preview: 'answer 42' })],
    events: [
      { seq: 0, kind: 'crash', atMs: 1500, agentIndex: 2, round: 1, detail: 'agent 2 crashed' },
      { seq: 1, kind: 'tie_break', atMs: 2000, agentIndex: null, round: 1, detail: '41 / 42 tied' },
    ],
    decision: 'answer 42 (plurality)',
  };
}

describe('space-time layout', () => {
  it('gives every agent a lane, left to right, never narrower than the minimum', () => {
    const layout = layoutSpaceTime(debate(), { width: 700 });
    expect(layout.lanes.map((l) => l.agentIndex)).toEqual([0, 1, 2]);
    expect(layout.lanes.map((l) => l.label)).toEqual(['Agent 0', 'Agent 1', 'Agent 2']);
    const [a, b, c] = layout.lanes;
    expect(a!.x).toBe(GUTTER_WIDTH);
    expect(b!.x).toBe(a!.x + a!.width);
    expect(c!.x).toBe(b!.x + b!.width);
    expect(a!.width).toBeGreaterThanOrEqual(MIN_LANE_WIDTH);
    expect(layout.width).toBe(GUTTER_WIDTH + 3 * a!.width + RIGHT_MARGIN);
  });

  it('widens lanes to fill the space up to a maximum, and lets a big team overflow (to scroll) instead of squeezing', () => {
    expect(layoutSpaceTime(debate(), { width: 5000 }).lanes[0]!.width).toBe(MAX_LANE_WIDTH);
    const big = debate();
    big.cell = { agents: Array.from({ length: 64 }, (_, index) => ({ index, role: 'debater', model: 'sim:default' })) };
    const layout = layoutSpaceTime(big, { width: 1200 });
    expect(layout.lanes).toHaveLength(64);
    expect(layout.lanes.every((lane) => lane.width === MIN_LANE_WIDTH)).toBe(true);
    expect(layout.width).toBe(GUTTER_WIDTH + 64 * MIN_LANE_WIDTH + RIGHT_MARGIN);
  });

  it('draws one bar per call at its logical start, as tall as it lasted, in its agent\'s lane', () => {
    const layout = layoutSpaceTime(debate(), { width: 900, pxPerMs: 0.2 });
    expect(layout.bars).toHaveLength(6);
    const top = HEADER_HEIGHT + PLOT_GAP;
    expect(layout.plotTop).toBe(top);
    const first = layout.bars.find((b) => b.seq === 0)!;
    expect(first.y).toBe(top);
    expect(first.height).toBeCloseTo(200);
    const lane = layout.lanes[0]!;
    expect(first.x + first.width / 2).toBe(lane.axisX);
    const revision = layout.bars.find((b) => b.seq === 4)!;
    expect(revision.y).toBeCloseTo(top + 1200 * 0.2);
    expect(revision.x + revision.width / 2).toBe(layout.lanes[1]!.axisX);
    // Ordered by lane, then time: what the keyboard walks through.
    expect(layout.bars.map((b) => b.seq)).toEqual([0, 3, 1, 4, 2, 5]);
    expect(layout.plotBottom).toBeCloseTo(top + 2000 * 0.2);
  });

  it('labels a bar with its answer and a ✓/✗ mark, or with its status when it did not finish', () => {
    const layout = layoutSpaceTime(debate(), { width: 900, pxPerMs: 0.2 });
    const bySeq = new Map(layout.bars.map((b) => [b.seq, b]));
    expect(bySeq.get(0)).toMatchObject({ headline: '41 ✗', tone: 'wrong', status: 'ok', subline: '#0 solve' });
    expect(bySeq.get(3)).toMatchObject({ headline: '42 ✓', tone: 'correct', subline: '#3 revise' });
    // A call cancelled at once still gets a visible, clickable bar, labelled by its status.
    expect(bySeq.get(5)).toMatchObject({ headline: 'cancelled', status: 'cancelled', tone: 'none', height: MIN_BAR_HEIGHT, subline: null });
    expect(bySeq.get(5)!.description).toContain('cancelled');
  });

  it('draws each message as an arrow from the sender when sent to each receiver when its reading call began', () => {
    const layout = layoutSpaceTime(debate(), { width: 900, pxPerMs: 0.2 });
    const messages = layout.arrows.filter((a) => a.via === 'message');
    // Three senders, two receivers each; orchestrator messages (system, prompt, decision) draw nothing.
    expect(messages).toHaveLength(6);
    const top = layout.plotTop;
    const oneToTwo = messages.find((a) => a.fromAgent === 1 && a.toAgent === 2)!;
    expect(oneToTwo.y1).toBeCloseTo(top + 800 * 0.2);
    expect(oneToTwo.y2).toBeCloseTo(top + 1200 * 0.2);
    expect(oneToTwo.toCallSeq).toBe(5);
    expect(oneToTwo.fromCallSeq).toBe(1);
    // Selecting call 5 picks out the arrows into it (from agents 0 and 1); call 2's go out to agents 0 and 1.
    expect(messages.filter((a) => touchesCall(a, 5)).map((a) => a.fromAgent).sort()).toEqual([0, 1]);
    expect(messages.filter((a) => touchesCall(a, 2)).map((a) => a.toAgent).sort()).toEqual([0, 1]);
    expect(messages.some((a) => touchesCall(a, null))).toBe(false);
    // It leaves from the sender's bar edge and stops at the receiver's, pointing the right way.
    expect(oneToTwo.x1).toBe(layout.lanes[1]!.axisX + layout.barWidth / 2);
    expect(oneToTwo.x2).toBeLessThan(layout.lanes[2]!.axisX);
    const twoToZero = messages.find((a) => a.fromAgent === 2 && a.toAgent === 0)!;
    expect(twoToZero.x1).toBeLessThan(layout.lanes[2]!.axisX);
    expect(twoToZero.x2).toBeGreaterThan(layout.lanes[0]!.axisX);
    // Every read in this debate travelled as a message, so no extra read arrows.
    expect(layout.arrows.filter((a) => a.via === 'read')).toHaveLength(0);
  });

  it('draws a dashed read arrow where a call read another agent\'s call without a message (a judge)', () => {
    const input: SpaceTimeInput = {
      cell: { agents: [0, 1, 2].map((index) => ({ index, role: index === 2 ? 'judge' : 'voter', model: 'sim:default' })) },
      trial: { finalAnswer: '7', outcome: 'wrong' },
      calls: [
        call({ seq: 0, agentIndex: 0, startMs: 0, endMs: 500 }),
        call({ seq: 1, agentIndex: 1, startMs: 0, endMs: 700 }),
        call({ seq: 2, agentIndex: 2, intent: 'judge', round: 1, startMs: 700, endMs: 1100, reads: [0, 1], waitsFor: [0, 1] }),
      ],
      messages: [],
      events: [],
      decision: null,
    };
    const layout = layoutSpaceTime(input, { width: 800, pxPerMs: 0.5 });
    const reads = layout.arrows.filter((a) => a.via === 'read');
    expect(reads.map((a) => [a.fromAgent, a.toAgent])).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(reads[0]!.y1).toBeCloseTo(layout.plotTop + 250);
    expect(reads[0]!.y2).toBeCloseTo(layout.plotTop + 350);
    // With no decision message, the decision sits at the last call's end.
    expect(layout.decision.atMs).toBe(1100);
    expect(layout.decision.label).toBe('Decision at 1.1 s: 7 ✗');
  });

  it('draws a barrier where a new round\'s calls were held back by other agents, and none for the first round', () => {
    const layout = layoutSpaceTime(debate(), { width: 900, pxPerMs: 0.2 });
    expect(layout.barriers).toHaveLength(1);
    expect(layout.barriers[0]).toMatchObject({ round: 1, atMs: 1200, label: 'round 1', x1: GUTTER_WIDTH, x2: layout.plotRight });
    expect(layout.barriers[0]!.y).toBeCloseTo(layout.plotTop + 240);
    // Agents 0 and 1 waited for agent 2 (call 2, the slowest); agent 2's own call held nobody back.
    expect(layout.barriers[0]!.description).toBe('Round 1 begins at 1.2 s: 2 of its calls wait for 3 calls of other agents to end');
  });

  it('draws no barrier for asynchronous turns, which start when their own agent is free', () => {
    const async = debate();
    const ends = new Map(async.calls.filter((c) => c.round === 0).map((c) => [c.agentIndex, c.endMs]));
    async.calls = async.calls.map((c) => (c.round === 1 ? { ...c, startMs: ends.get(c.agentIndex)!, endMs: ends.get(c.agentIndex)! + 700, reads: [c.agentIndex], waitsFor: [] } : c));
    expect(layoutSpaceTime(async).barriers).toEqual([]);
  });

  it('draws a barrier before a judge that read every vote, though it waited for none without reading it', () => {
    const input: SpaceTimeInput = {
      cell: { agents: [0, 1, 2].map((index) => ({ index, role: 'voter', model: 'sim:default' })) },
      trial: { finalAnswer: '7', outcome: 'correct' },
      calls: [call({ seq: 0, agentIndex: 0, startMs: 0, endMs: 500 }), call({ seq: 1, agentIndex: 1, startMs: 0, endMs: 700 }), call({ seq: 2, agentIndex: 2, round: 1, startMs: 700, endMs: 900, reads: [0, 1] })],
      messages: [],
      events: [],
      decision: null,
    };
    expect(layoutSpaceTime(input).barriers.map((b) => [b.round, b.atMs])).toEqual([[1, 700]]);
  });

  it('marks events on their agent\'s lane (or the team column), faults apart from other events', () => {
    const layout = layoutSpaceTime(debate(), { width: 900, pxPerMs: 0.2 });
    const [crash, tie] = layout.markers;
    expect(crash).toMatchObject({ kind: 'crash', tone: 'fault', agentIndex: 2 });
    expect(crash!.x).toBeLessThan(layout.lanes[2]!.axisX);
    expect(crash!.x).toBeGreaterThan(layout.lanes[2]!.x);
    expect(crash!.y).toBeCloseTo(layout.plotTop + 300);
    expect(crash!.description).toContain('agent 2 crashed');
    expect(tie).toMatchObject({ kind: 'tie_break', tone: 'info', agentIndex: null, x: GUTTER_WIDTH / 2 });
    expect(markerTone('part_lost')).toBe('fault');
    expect(markerTone('quorum_reached')).toBe('info');
  });

  it('puts the decision at the bottom, at the time it was made, with the team\'s answer', () => {
    const layout = layoutSpaceTime(debate(), { width: 900, pxPerMs: 0.2 });
    expect(layout.decision.y).toBeCloseTo(layout.plotTop + 400);
    expect(layout.decision.labelY).toBeGreaterThan(layout.plotBottom);
    expect(layout.decision.label).toBe('Decision at 2 s: 42 ✓');
    expect(layout.height).toBeGreaterThan(layout.decision.labelY);
  });

  it('scales time so a short run still gets a readable height and a long one stays bounded', () => {
    const short = layoutSpaceTime(debate());
    expect(short.plotBottom - short.plotTop).toBeGreaterThanOrEqual(320);
    const long = debate();
    long.calls = long.calls.map((c) => ({ ...c, startMs: c.startMs * 100, endMs: c.endMs * 100 }));
    long.messages = long.messages.map((m) => ({ ...m, atMs: m.atMs === null ? null : m.atMs * 100 }));
    long.events = long.events.map((e) => ({ ...e, atMs: e.atMs * 100 }));
    const tall = layoutSpaceTime(long);
    expect(tall.plotBottom - tall.plotTop).toBeLessThanOrEqual(1600);
  });

  it('puts time ticks at round steps from zero, labelled in ms or s', () => {
    const layout = layoutSpaceTime(debate(), { width: 900, pxPerMs: 0.2 });
    expect(layout.ticks[0]).toMatchObject({ ms: 0, label: '0 ms', y: layout.plotTop });
    const steps = layout.ticks.slice(1).map((t, i) => t.ms - layout.ticks[i]!.ms);
    expect(new Set(steps).size).toBe(1);
    expect(layout.ticks.at(-1)!.ms).toBeLessThanOrEqual(2000);
    expect(layout.ticks.map((t) => t.label)).toContain('1 s');
    expect(niceStep(2000, 0.2, 64)).toBe(500);
    expect(niceStep(60_000, 0.02, 64)).toBe(5000);
  });

  it('handles a trial with no calls at all', () => {
    const empty: SpaceTimeInput = { cell: { agents: [{ index: 0, role: 'solver', model: 'sim:default' }] }, trial: { finalAnswer: null, outcome: 'failed' }, calls: [], messages: [], events: [], decision: null };
    const layout = layoutSpaceTime(empty, { width: 600 });
    expect(layout.lanes).toHaveLength(1);
    expect(layout.bars).toEqual([]);
    expect(layout.decision.label).toContain('no answer');
    expect(Number.isFinite(layout.height)).toBe(true);
  });

  it('draws arrows fainter as they multiply, never invisible', () => {
    expect(arrowOpacity(12)).toBe(1);
    expect(arrowOpacity(240)).toBeCloseTo(0.5);
    expect(arrowOpacity(4032)).toBeCloseTo(0.12, 2);
    expect(arrowOpacity(100_000)).toBe(0.12);
  });

  it('cuts long labels with an ellipsis', () => {
    expect(truncate('a'.repeat(30), 10)).toBe(`${'a'.repeat(9)}…`);
    expect(truncate('two\nlines', 20)).toBe('two lines');
  });
});

describe('keyboard moves between bars', () => {
  const bars = layoutSpaceTime(debate(), { width: 900 }).bars;

  it('goes down and up its own lane and stops at the ends', () => {
    expect(neighbourBar(bars, 0, 'down')).toBe(3);
    expect(neighbourBar(bars, 3, 'down')).toBe(3);
    expect(neighbourBar(bars, 3, 'up')).toBe(0);
    expect(neighbourBar(bars, 0, 'up')).toBe(0);
  });

  it('goes left and right to the neighbouring lane\'s call nearest in time', () => {
    expect(neighbourBar(bars, 0, 'right')).toBe(1);
    expect(neighbourBar(bars, 3, 'right')).toBe(4);
    expect(neighbourBar(bars, 4, 'left')).toBe(3);
    expect(neighbourBar(bars, 0, 'left')).toBe(0);
    expect(neighbourBar(bars, 5, 'right')).toBe(5);
  });

  it('jumps to the first and last call', () => {
    expect(neighbourBar(bars, 4, 'first')).toBe(0);
    expect(neighbourBar(bars, 0, 'last')).toBe(5);
  });
});
