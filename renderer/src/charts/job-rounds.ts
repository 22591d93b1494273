/**
 * Lays a coding-job run out as a space-time view of its rounds: one lane
 * per agent, time running to the right, each round a band closed by its
 * barrier, each turn a bar from its start to the agent's reply (with a
 * barrier, the wait from the reply to the barrier dotted after it), and
 * under each bar a glyph per kind of action the turn took, failures marked.
 * The run's final tests and its end sit above the lanes. Without a barrier
 * (async) there are no bands: turns follow each other per agent. Pure: a
 * reading of the events in, coordinates out; the component only draws them.
 */
import type { JobRunReading, RunTurn, TurnTally } from '../lib/job-run';
import { finalTestsWords, turnWords } from '../lib/job-run-text';
import { agentName, formatLogicalMs } from '../lib/trial-text';
import { niceStep } from './space-time';

export const LABEL_WIDTH = 92;
export const RIGHT_MARGIN = 36;
export const HEADER_HEIGHT = 46;
export const LANE_HEIGHT = 50;
export const AXIS_HEIGHT = 36;
export const BAR_HEIGHT = 14;
const BAR_OFFSET = 8;
const GLYPH_OFFSET = 32;
/** A typical round (or async turn) gets at least this many pixels, so its glyphs fit; a long run scrolls sideways. */
export const MIN_UNIT_WIDTH = 84;
const MAX_WIDTH = 30_000;
const MIN_BAR_WIDTH = 3;
/** Room left after each bar, so a straggler's turns in consecutive rounds read as separate bars, split by the barrier. */
const BAR_GAP = 2;
const GLYPH_SIZE = 9;
const GLYPH_GAP = 3;
const DIGIT_WIDTH = 6.5;
/** A wait at the barrier shorter than this many pixels is not drawn. */
const MIN_WAIT_PX = 4;

export type GlyphKind =
  | 'edit'
  | 'lock-denied'
  | 'claim'
  | 'claim-blocked'
  | 'claim-refused'
  | 'assign'
  | 'steal'
  | 'complete'
  | 'complete-refused'
  | 'tests'
  | 'tests-failed';

/** A refused, blocked or failed action: drawn with a cross over it, beside its colour. */
export const FAILED_GLYPHS: ReadonlySet<GlyphKind> = new Set(['lock-denied', 'claim-blocked', 'claim-refused', 'complete-refused', 'tests-failed']);

export const GLYPH_WORDS: Record<GlyphKind, { one: string; many: string }> = {
  edit: { one: 'edit', many: 'edits' },
  'lock-denied': { one: 'lock refused', many: 'locks refused' },
  claim: { one: 'claim', many: 'claims' },
  'claim-blocked': { one: 'blocked claim', many: 'blocked claims' },
  'claim-refused': { one: 'refused claim', many: 'refused claims' },
  assign: { one: 'assignment', many: 'assignments' },
  steal: { one: 'subtask stolen', many: 'subtasks stolen' },
  complete: { one: 'completion', many: 'completions' },
  'complete-refused': { one: 'refused completion', many: 'refused completions' },
  tests: { one: 'test run passed', many: 'test runs passed' },
  'tests-failed': { one: 'test run failed', many: 'test runs failed' },
};

/** The tally of a turn as glyphs, in the order they are drawn. */
export function glyphCounts(tally: TurnTally): Array<{ kind: GlyphKind; count: number }> {
  const counts: Array<{ kind: GlyphKind; count: number }> = [
    { kind: 'edit', count: tally.edits },
    { kind: 'lock-denied', count: tally.locksDenied },
    { kind: 'claim', count: tally.claims },
    { kind: 'claim-blocked', count: tally.claimsBlocked },
    { kind: 'claim-refused', count: tally.claimsRefused },
    { kind: 'assign', count: tally.assigns },
    { kind: 'steal', count: tally.steals },
    { kind: 'complete', count: tally.completions },
    { kind: 'complete-refused', count: tally.completionsRefused },
    { kind: 'tests', count: tally.testRuns - tally.testFailures },
    { kind: 'tests-failed', count: tally.testFailures },
  ];
  return counts.filter((c) => c.count > 0);
}

export interface Lane {
  agent: number;
  y: number;
  label: string;
}

export interface Band {
  round: number;
  x: number;
  width: number;
  /** The round's number above the band, or null where bands are too narrow to label each. */
  label: string | null;
  description: string;
}

export interface BarrierLine {
  round: number;
  x: number;
  description: string;
}

export interface Glyph {
  kind: GlyphKind;
  count: number;
  /** Centre of the mark. */
  x: number;
  y: number;
  /** Where its count is written, when more than one. */
  countX: number;
}

export interface TurnBar {
  key: string;
  agent: number;
  round: number | null;
  x: number;
  y: number;
  width: number;
  height: number;
  replied: boolean;
  replyMissing: boolean;
  /** With a barrier: the wait from the reply to the round's end, or null when there is none to see. */
  wait: { x1: number; x2: number } | null;
  glyphs: Glyph[];
  description: string;
}

export interface RunMark {
  kind: 'final-tests' | 'end';
  x: number;
  /** Where its label's baseline sits, on a row of its own above the lanes (the final tests often come right after the end). */
  labelY: number;
  passed: boolean | null;
  label: string;
  description: string;
}

export interface Tick {
  ms: number;
  x: number;
  label: string;
}

export interface JobRoundsLayout {
  width: number;
  height: number;
  plotLeft: number;
  plotRight: number;
  plotTop: number;
  plotBottom: number;
  pxPerMs: number;
  lanes: Lane[];
  bands: Band[];
  barriers: BarrierLine[];
  turns: TurnBar[];
  marks: RunMark[];
  ticks: Tick[];
}

function median(values: readonly number[]): number {
  const sorted = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function layoutJobRounds(run: JobRunReading, options: { width?: number; pxPerMs?: number } = {}): JobRoundsLayout {
  const endMs = Math.max(run.endMs, 1);
  const available = Math.max(240, (options.width ?? 800) - LABEL_WIDTH - RIGHT_MARGIN);
  const unit = run.execution === 'rounds' ? median(run.rounds.map((r) => r.endMs - r.startMs)) : median(run.turns.map((t) => t.endMs - t.startMs));
  const fit = Math.max(available / endMs, unit > 0 ? MIN_UNIT_WIDTH / unit : 0);
  const pxPerMs = options.pxPerMs ?? Math.min(fit, MAX_WIDTH / endMs);
  const plotLeft = LABEL_WIDTH;
  const plotRight = plotLeft + endMs * pxPerMs;
  const plotTop = HEADER_HEIGHT;
  const plotBottom = plotTop + run.agents * LANE_HEIGHT;
  const xOf = (ms: number): number => plotLeft + ms * pxPerMs;

  const lanes: Lane[] = Array.from({ length: run.agents }, (_, agent) => ({ agent, y: plotTop + agent * LANE_HEIGHT, label: agentName(agent) }));

  // Label every k-th round so labels about 22 px wide never touch.
  const narrowest = Math.min(...run.rounds.map((r) => (r.endMs - r.startMs) * pxPerMs), Number.POSITIVE_INFINITY);
  const every = Number.isFinite(narrowest) ? Math.max(1, Math.ceil(22 / Math.max(narrowest, 1))) : 1;
  const bands: Band[] = run.rounds.map((r, index) => ({
    round: r.round,
    x: xOf(r.startMs),
    width: Math.max(1, (r.endMs - r.startMs) * pxPerMs),
    label: index % every === 0 ? String(r.round) : null,
    description: `Round ${r.round}: ${formatLogicalMs(r.startMs)} to ${formatLogicalMs(r.endMs)} (${formatLogicalMs(r.endMs - r.startMs)})`,
  }));
  const barriers: BarrierLine[] = run.rounds.map((r) => ({ round: r.round, x: xOf(r.endMs), description: `Barrier closing round ${r.round} at ${formatLogicalMs(r.endMs)}` }));
  const roundEnd = new Map(run.rounds.map((r) => [r.round, r.endMs] as const));

  const turns: TurnBar[] = run.turns.map((turn: RunTurn) => {
    const lane = lanes[turn.agent]!;
    const x = xOf(turn.startMs);
    const width = Math.max(MIN_BAR_WIDTH, (turn.endMs - turn.startMs) * pxPerMs - BAR_GAP);
    const closes = run.execution === 'rounds' && turn.round !== null ? roundEnd.get(turn.round) : undefined;
    const waitEnd = closes === undefined ? null : xOf(closes);
    const wait = waitEnd !== null && waitEnd - (x + width) >= MIN_WAIT_PX ? { x1: x + width, x2: waitEnd } : null;
    let glyphX = x + GLYPH_SIZE / 2;
    const glyphs = glyphCounts(turn.tally).map(({ kind, count }) => {
      const glyph: Glyph = { kind, count, x: glyphX, y: lane.y + GLYPH_OFFSET, countX: glyphX + GLYPH_SIZE / 2 + 1 };
      glyphX += GLYPH_SIZE + GLYPH_GAP + (count > 1 ? String(count).length * DIGIT_WIDTH + 1 : 0);
      return glyph;
    });
    return {
      key: turn.key,
      agent: turn.agent,
      round: turn.round,
      x,
      y: lane.y + BAR_OFFSET,
      width,
      height: BAR_HEIGHT,
      replied: turn.replied,
      replyMissing: turn.replyMissing,
      wait,
      glyphs,
      description: turnWords(turn, run.execution),
    };
  });

  const marks: RunMark[] = [];
  if (run.finalTests) {
    marks.push({ kind: 'final-tests', x: xOf(run.finalTests.atMs), labelY: 0, passed: run.finalTests.passed, label: run.finalTests.passed ? 'final tests ✓' : 'final tests ✗', description: finalTestsWords(run.finalTests) });
  }
  if (run.end) marks.push({ kind: 'end', x: xOf(run.end.atMs), labelY: 0, passed: null, label: 'end', description: `Run ended at ${formatLogicalMs(run.end.atMs)}${run.end.detail ? `: ${run.end.detail}` : ''}` });
  // Labels run leftward from their rule: the rightmost gets the top row, so no label crosses another mark's rule.
  const byX = [...marks].sort((a, b) => a.x - b.x);
  byX.forEach((mark, index) => (mark.labelY = plotTop - 18 - 14 * index));

  const step = niceStep(endMs, pxPerMs, 90);
  const ticks: Tick[] = [];
  for (let ms = 0; ms <= endMs + 1e-6; ms += step) ticks.push({ ms, x: xOf(ms), label: formatLogicalMs(ms) });

  return {
    width: plotRight + RIGHT_MARGIN,
    height: plotBottom + AXIS_HEIGHT,
    plotLeft,
    plotRight,
    plotTop,
    plotBottom,
    pxPerMs,
    lanes,
    bands,
    barriers,
    turns,
    marks,
    ticks,
  };
}

export type TurnMove = 'left' | 'right' | 'up' | 'down' | 'first' | 'last';

/** The turn a key moves to: along the agent's turns, or to the nearest turn in time of the agent above or below. */
export function neighbourTurn(turns: readonly Pick<TurnBar, 'key' | 'agent' | 'x' | 'width'>[], key: string, move: TurnMove): string {
  const current = turns.find((t) => t.key === key);
  if (!current) return turns[0]?.key ?? key;
  const own = turns.filter((t) => t.agent === current.agent);
  const at = own.indexOf(current);
  switch (move) {
    case 'left':
      return own[Math.max(0, at - 1)]?.key ?? key;
    case 'right':
      return own[Math.min(own.length - 1, at + 1)]?.key ?? key;
    case 'first':
      return own[0]?.key ?? key;
    case 'last':
      return own[own.length - 1]?.key ?? key;
    case 'up':
    case 'down': {
      const agents = [...new Set(turns.map((t) => t.agent))].sort((a, b) => a - b);
      const next = agents[agents.indexOf(current.agent) + (move === 'down' ? 1 : -1)];
      if (next === undefined) return key;
      const middle = current.x + current.width / 2;
      const candidates = turns.filter((t) => t.agent === next);
      const nearest = candidates.reduce<(typeof candidates)[number] | undefined>(
        (best, t) => (best === undefined || Math.abs(t.x + t.width / 2 - middle) < Math.abs(best.x + best.width / 2 - middle) ? t : best),
        undefined,
      );
      return nearest?.key ?? key;
    }
  }
}
