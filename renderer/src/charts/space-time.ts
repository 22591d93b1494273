/**
 * Lays out one trial as a space-time diagram: agents as lanes (columns),
 * logical time running down the page, each call a bar in its agent's lane,
 * each message between agents an arrow from the sender's lane (when it was
 * sent) to each receiver's lane (when the receiving call began), round
 * barriers as horizontal lines, trial events as markers and the decision at
 * the bottom. Pure: TrialDetail in, coordinates out; the component only draws
 * them. Nothing here computes a statistic: every figure is placed as recorded.
 */
import type { CallStatus, TrialCall, TrialDetail, TrialEvent, TrialMessage } from '../../../shared/domain/trials';
import { agentName, CALL_STATUS_LABELS, formatLogicalMs } from '../lib/trial-text';

/** The parts of a trial the diagram draws. */
export type SpaceTimeInput = Pick<TrialDetail, 'calls' | 'messages' | 'events' | 'decision'> & {
  cell: { agents: ReadonlyArray<{ index: number; role: string; model: string }> };
  trial: Pick<TrialDetail['trial'], 'finalAnswer' | 'outcome'>;
};

export interface SpaceTimeOptions {
  /** Width the diagram may fill, px; lanes widen up to maxLaneWidth to use it. */
  width?: number;
  /** Lanes never get narrower than this; a big team scrolls sideways instead. */
  minLaneWidth?: number;
  maxLaneWidth?: number;
  /** Pixels per logical millisecond; by default the run fills between MIN_PLOT_HEIGHT and MAX_PLOT_HEIGHT. */
  pxPerMs?: number;
}

export interface Lane {
  agentIndex: number;
  /** Left edge and width of the lane's column. */
  x: number;
  width: number;
  /** The agent's time line, where its bars sit. */
  axisX: number;
  label: string;
  role: string;
  model: string;
  /** "role · model", cut to fit the lane's header. */
  meta: string;
}

export type AnswerTone = 'correct' | 'wrong' | 'none';

export interface Bar {
  seq: number;
  agentIndex: number;
  round: number;
  intent: string;
  status: CallStatus;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Where the bar's text labels start. */
  labelX: number;
  /** The clickable area: the bar and its labels. */
  hit: { x: number; y: number; width: number; height: number };
  /** First label line: the answer with a ✓/✗ mark, or the status of a call that did not finish. */
  headline: string;
  tone: AnswerTone;
  /** Second label line ("#3 revise"), or null when the bar is too short for two lines. */
  subline: string | null;
  /** What a tooltip and a screen reader say. */
  description: string;
}

export interface Arrow {
  /** Message seq, or for a `read` arrow the seq of the call whose output was read. */
  key: string;
  /** `message`: a recorded message between agents; `read`: a call read another agent's call with no message recorded. */
  via: 'message' | 'read';
  kind: string;
  fromAgent: number;
  toAgent: number;
  /** The call it came out of, when known. */
  fromCallSeq: number | null;
  /** The call the receiver read it in, when known. */
  toCallSeq: number | null;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  description: string;
}

export interface Barrier {
  round: number;
  atMs: number;
  y: number;
  x1: number;
  x2: number;
  label: string;
  description: string;
}

export type MarkerTone = 'fault' | 'info';

export interface Marker {
  seq: number;
  kind: string;
  tone: MarkerTone;
  agentIndex: number | null;
  atMs: number;
  x: number;
  y: number;
  description: string;
}

export interface Tick {
  ms: number;
  y: number;
  label: string;
}

export interface DecisionMark {
  atMs: number;
  y: number;
  /** Where the decision's label sits, below the last call. */
  labelY: number;
  answer: string | null;
  tone: AnswerTone;
  label: string;
}

export interface SpaceTimeLayout {
  width: number;
  height: number;
  /** y of logical time 0 and of the last drawn instant. */
  plotTop: number;
  plotBottom: number;
  /** The team column at the left, where events of no one agent are marked. */
  gutterWidth: number;
  /** Where lanes end and the barrier labels begin. */
  plotRight: number;
  pxPerMs: number;
  endMs: number;
  barWidth: number;
  lanes: Lane[];
  /** Ordered by lane, then by start time. */
  bars: Bar[];
  arrows: Arrow[];
  barriers: Barrier[];
  markers: Marker[];
  ticks: Tick[];
  decision: DecisionMark;
}

export const HEADER_HEIGHT = 52;
export const PLOT_GAP = 14;
export const GUTTER_WIDTH = 40;
export const RIGHT_MARGIN = 96;
export const FOOTER_HEIGHT = 64;
export const MIN_LANE_WIDTH = 112;
export const MAX_LANE_WIDTH = 260;
export const MIN_PLOT_HEIGHT = 320;
export const MAX_PLOT_HEIGHT = 1600;
/** Default density before clamping: 0.15 px per ms (a 2 s call is 300 px tall). */
const DEFAULT_DENSITY = 0.15;
/** A bar never shrinks below this, so a call cancelled at once can still be seen and clicked. */
export const MIN_BAR_HEIGHT = 6;
/** Below this height a bar gets one label line, not two. */
const TWO_LINES_HEIGHT = 30;
/** Roughly what one character of the 12 px label takes. */
const CHAR_WIDTH = 7;
const TICK_SPACING = 64;

const FAULT_KINDS = /crash|fault|byzantine|straggl|drop|lost|fail|timeout|error/i;

/** Injected faults (every kind the engine records starts with `fault_`) and failures are marked as faults; the rest as information. */
export function markerTone(kind: string): MarkerTone {
  return kind.startsWith('fault_') || FAULT_KINDS.test(kind) ? 'fault' : 'info';
}

/** `text` cut to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (max <= 1) return flat.length > 0 ? '…' : '';
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A tick step of 1, 2, 2.5 or 5 × 10^k ms that puts ticks about `spacingPx` apart. */
export function niceStep(endMs: number, pxPerMs: number, spacingPx = TICK_SPACING): number {
  const raw = Math.max(spacingPx / Math.max(pxPerMs, 1e-9), 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const factor of [1, 2, 2.5, 5, 10]) {
    if (factor * power >= raw) return factor * power;
  }
  return 10 * power;
}

function toneOf(call: TrialCall): AnswerTone {
  if (call.correct === null) return 'none';
  return call.correct ? 'correct' : 'wrong';
}

function mark(tone: AnswerTone): string {
  return tone === 'correct' ? ' ✓' : tone === 'wrong' ? ' ✗' : '';
}

function callHeadline(call: TrialCall): string {
  if (call.status !== 'ok') return CALL_STATUS_LABELS[call.status];
  return call.answer === null ? 'no answer' : `${call.answer}${mark(toneOf(call))}`;
}

function callDescription(call: TrialCall): string {
  const answer =
    call.status !== 'ok'
      ? `${CALL_STATUS_LABELS[call.status]}${call.error ? ` (${call.error})` : ''}`
      : call.answer === null
        ? 'no answer'
        : `answer ${call.answer}${call.correct === null ? '' : call.correct ? ', correct' : ', wrong'}`;
  return `Call ${call.seq}, ${agentName(call.agentIndex)}, ${call.intent}, round ${call.round}, ${formatLogicalMs(call.startMs)} to ${formatLogicalMs(call.endMs)}: ${answer}`;
}

/** The time the whole drawing must reach: the last call, message, event or the decision. */
function lastInstant(input: SpaceTimeInput, decisionMs: number | null): number {
  let end = decisionMs ?? 0;
  for (const call of input.calls) end = Math.max(end, call.endMs, call.startMs);
  for (const message of input.messages) if (message.atMs !== null) end = Math.max(end, message.atMs);
  for (const event of input.events) end = Math.max(end, event.atMs);
  return Number.isFinite(end) && end > 0 ? end : 1;
}

function decisionTime(input: SpaceTimeInput): number | null {
  const message = input.messages.find((m) => m.kind === 'decision');
  if (message?.atMs !== null && message?.atMs !== undefined) return message.atMs;
  if (input.calls.length === 0) return null;
  return Math.max(...input.calls.map((c) => c.endMs));
}

/** The receiving call: the first call of `agent` that read the sending call, else its first call that began at or after the message. */
function receivingCall(callsByAgent: Map<number, TrialCall[]>, agent: number, message: TrialMessage, atMs: number): TrialCall | null {
  const calls = callsByAgent.get(agent) ?? [];
  if (message.callSeq !== null) {
    const reader = calls.find((c) => c.reads.includes(message.callSeq ?? -1));
    if (reader) return reader;
  }
  return calls.find((c) => c.startMs >= atMs - 1e-6) ?? null;
}

export function layoutSpaceTime(input: SpaceTimeInput, options: SpaceTimeOptions = {}): SpaceTimeLayout {
  const laneCount = Math.max(
    1,
    input.cell.agents.length,
    ...input.calls.map((c) => c.agentIndex + 1),
    ...input.messages.flatMap((m) => [...(m.fromAgent === null ? [] : [m.fromAgent + 1]), ...(m.toAgents ?? []).map((a) => a + 1)]),
  );
  const minLane = options.minLaneWidth ?? MIN_LANE_WIDTH;
  const maxLane = Math.max(minLane, options.maxLaneWidth ?? MAX_LANE_WIDTH);
  const available = (options.width ?? 0) - GUTTER_WIDTH - RIGHT_MARGIN;
  const laneWidth = Math.min(maxLane, Math.max(minLane, Math.floor(available / laneCount)));
  const barWidth = Math.round(Math.min(22, Math.max(14, laneWidth * 0.12)));
  const axisOffset = Math.round(barWidth / 2 + 14);
  const plotRight = GUTTER_WIDTH + laneCount * laneWidth;
  const width = plotRight + RIGHT_MARGIN;

  const decisionMs = decisionTime(input);
  const endMs = lastInstant(input, decisionMs);
  const pxPerMs = options.pxPerMs ?? Math.min(MAX_PLOT_HEIGHT, Math.max(MIN_PLOT_HEIGHT, endMs * DEFAULT_DENSITY)) / endMs;
  const plotTop = HEADER_HEIGHT + PLOT_GAP;
  const yOf = (ms: number): number => plotTop + Math.max(0, ms) * pxPerMs;
  const plotBottom = yOf(endMs);
  const height = plotBottom + FOOTER_HEIGHT;

  const agentConfig = new Map(input.cell.agents.map((a) => [a.index, a]));
  const lanes: Lane[] = Array.from({ length: laneCount }, (_, agentIndex) => {
    const x = GUTTER_WIDTH + agentIndex * laneWidth;
    const config = agentConfig.get(agentIndex);
    const role = config?.role ?? '';
    const model = config?.model ?? '';
    const meta = truncate([role, model].filter((part) => part !== '').join(' · '), Math.floor((laneWidth - 12) / 6));
    return { agentIndex, x, width: laneWidth, axisX: x + axisOffset, label: agentName(agentIndex), role, model, meta };
  });
  const axisOf = (agent: number): number => lanes[agent]?.axisX ?? GUTTER_WIDTH / 2;

  const sorted = [...input.calls].sort((a, b) => a.agentIndex - b.agentIndex || a.startMs - b.startMs || a.seq - b.seq);
  const labelChars = Math.max(3, Math.floor((laneWidth - axisOffset - barWidth / 2 - 10) / CHAR_WIDTH));
  const bars: Bar[] = sorted.map((call) => {
    const y = yOf(call.startMs);
    const h = Math.max(MIN_BAR_HEIGHT, (Math.max(call.endMs, call.startMs) - call.startMs) * pxPerMs);
    const axisX = axisOf(call.agentIndex);
    const headline = truncate(callHeadline(call), labelChars);
    const labelX = axisX + barWidth / 2 + 6;
    return {
      seq: call.seq,
      agentIndex: call.agentIndex,
      round: call.round,
      intent: call.intent,
      status: call.status,
      x: axisX - barWidth / 2,
      y,
      width: barWidth,
      height: h,
      labelX,
      hit: { x: axisX - barWidth / 2 - 3, y, width: labelX - (axisX - barWidth / 2 - 3) + headline.length * CHAR_WIDTH, height: Math.max(h, 16) },
      headline,
      tone: call.status === 'ok' ? toneOf(call) : 'none',
      subline: h >= TWO_LINES_HEIGHT ? truncate(`#${call.seq} ${call.intent}`, labelChars + 2) : null,
      description: callDescription(call),
    };
  });

  const callsByAgent = new Map<number, TrialCall[]>();
  for (const call of [...input.calls].sort((a, b) => a.startMs - b.startMs || a.seq - b.seq)) {
    const list = callsByAgent.get(call.agentIndex) ?? [];
    list.push(call);
    callsByAgent.set(call.agentIndex, list);
  }
  const callBySeq = new Map(input.calls.map((c) => [c.seq, c]));

  const arrows: Arrow[] = [];
  const edge = (from: number, to: number): { x1: number; x2: number } => {
    const direction = axisOf(to) >= axisOf(from) ? 1 : -1;
    return { x1: axisOf(from) + (direction * barWidth) / 2, x2: axisOf(to) - direction * (barWidth / 2 + 2) };
  };
  const delivered = new Set<string>();
  for (const message of input.messages) {
    if (message.fromAgent === null || message.toAgents === null) continue;
    const sender = message.callSeq === null ? undefined : callBySeq.get(message.callSeq);
    const atMs = message.atMs ?? sender?.endMs ?? 0;
    for (const to of message.toAgents) {
      if (to === message.fromAgent || to < 0 || to >= laneCount) continue;
      const reader = receivingCall(callsByAgent, to, message, atMs);
      const y1 = yOf(atMs);
      const y2 = Math.max(y1, reader ? yOf(reader.startMs) : y1);
      if (message.callSeq !== null && reader) delivered.add(`${message.callSeq}>${reader.seq}`);
      arrows.push({
        key: `m${message.seq}>${to}`,
        via: 'message',
        kind: message.kind,
        fromAgent: message.fromAgent,
        toAgent: to,
        fromCallSeq: message.callSeq,
        toCallSeq: reader?.seq ?? null,
        ...edge(message.fromAgent, to),
        y1,
        y2,
        description: `Message ${message.seq} (${message.kind}) from ${agentName(message.fromAgent)} to ${agentName(to)} at ${formatLogicalMs(atMs)}${message.tokens === null ? '' : `, ${message.tokens} tokens`}${reader ? `, read by call ${reader.seq}` : ''}: ${truncate(message.preview, 160)}`,
      });
    }
  }
  // A call that read another agent's output with no message recorded for it (a judge reading the votes): a dashed arrow.
  for (const call of input.calls) {
    for (const readSeq of call.reads) {
      const source = callBySeq.get(readSeq);
      if (!source || source.agentIndex === call.agentIndex || delivered.has(`${readSeq}>${call.seq}`)) continue;
      arrows.push({
        key: `r${readSeq}>${call.seq}`,
        via: 'read',
        kind: 'read',
        fromAgent: source.agentIndex,
        toAgent: call.agentIndex,
        fromCallSeq: readSeq,
        toCallSeq: call.seq,
        ...edge(source.agentIndex, call.agentIndex),
        y1: yOf(source.endMs),
        y2: Math.max(yOf(source.endMs), yOf(call.startMs)),
        description: `Call ${call.seq} (${agentName(call.agentIndex)}) read the output of call ${readSeq} (${agentName(source.agentIndex)})`,
      });
    }
  }

  // A round's barrier: where its calls were held back until calls of *other* agents from earlier rounds ended (read or
  // only waited for). An asynchronous turn starts when its own agent is free, so it draws none.
  const barriers: Barrier[] = [];
  const rounds = [...new Set(input.calls.map((c) => c.round))].sort((a, b) => a - b);
  for (const round of rounds.slice(1)) {
    const held = input.calls.flatMap((c) => {
      if (c.round !== round) return [];
      const others = [...c.reads, ...c.waitsFor]
        .map((seq) => callBySeq.get(seq))
        .filter((d): d is TrialCall => d !== undefined && d.agentIndex !== c.agentIndex && d.round < c.round);
      return others.some((d) => Math.abs(d.endMs - c.startMs) < 1e-6) ? [{ call: c, others }] : [];
    });
    if (held.length === 0) continue;
    const atMs = Math.min(...held.map((h) => h.call.startMs));
    const released = held.filter((h) => Math.abs(h.call.startMs - atMs) < 1e-6);
    const waitedFor = new Set(released.flatMap((h) => h.others.map((d) => d.seq)));
    barriers.push({
      round,
      atMs,
      y: yOf(atMs),
      x1: GUTTER_WIDTH,
      x2: plotRight,
      label: `round ${round}`,
      description: `Round ${round} begins at ${formatLogicalMs(atMs)}: ${released.length === 1 ? 'its call waits' : `${released.length} of its calls wait`} for ${waitedFor.size} ${waitedFor.size === 1 ? 'call' : 'calls'} of other agents to end`,
    });
  }

  const markers: Marker[] = input.events.map((event: TrialEvent) => {
    const onLane = event.agentIndex !== null && event.agentIndex >= 0 && event.agentIndex < laneCount;
    const x = onLane && event.agentIndex !== null ? axisOf(event.agentIndex) - barWidth / 2 - 9 : GUTTER_WIDTH / 2;
    const who = onLane && event.agentIndex !== null ? `${agentName(event.agentIndex)}, ` : '';
    return {
      seq: event.seq,
      kind: event.kind,
      tone: markerTone(event.kind),
      agentIndex: onLane ? event.agentIndex : null,
      atMs: event.atMs,
      x,
      y: yOf(event.atMs),
      description: `${event.kind.replaceAll('_', ' ')} (${who}${event.round === null ? '' : `round ${event.round}, `}${formatLogicalMs(event.atMs)}): ${event.detail}`,
    };
  });

  const step = niceStep(endMs, pxPerMs);
  const ticks: Tick[] = [];
  for (let ms = 0; ms <= endMs + 1e-9; ms += step) ticks.push({ ms, y: yOf(ms), label: formatLogicalMs(ms) });

  const outcome = input.trial.outcome;
  const tone: AnswerTone = outcome === 'correct' ? 'correct' : outcome === 'wrong' ? 'wrong' : 'none';
  const answer = input.trial.finalAnswer;
  const decisionAt = decisionMs ?? endMs;
  const decision: DecisionMark = {
    atMs: decisionAt,
    y: yOf(decisionAt),
    labelY: plotBottom + 24,
    answer,
    tone,
    label: `Decision at ${formatLogicalMs(decisionAt)}: ${answer === null ? 'no answer' : `${truncate(answer, 40)}${mark(tone)}`}`,
  };

  return { width, height, plotTop, plotBottom, gutterWidth: GUTTER_WIDTH, plotRight, pxPerMs, endMs, barWidth, lanes, bars, arrows, barriers, markers, ticks, decision };
}

/** Past this many arrows a diagram starts with them hidden (all but the selected call's): they would hide the calls. */
export const ARROWS_SHOWN_UP_TO = 600;

/** How strongly arrows are drawn: fainter as they multiply, so crossings stay legible. */
export function arrowOpacity(count: number): number {
  if (count <= 60) return 1;
  return Math.max(0.12, Math.min(1, Math.sqrt(60 / count)));
}

/** Whether an arrow goes into or out of `seq`: those stay drawn, and stand out, while that call is selected. */
export function touchesCall(arrow: Pick<Arrow, 'fromCallSeq' | 'toCallSeq'>, seq: number | null): boolean {
  return seq !== null && (arrow.fromCallSeq === seq || arrow.toCallSeq === seq);
}

export type BarMove = 'up' | 'down' | 'left' | 'right' | 'first' | 'last';

/**
 * The bar a key press moves to from `seq`: up and down along the agent's own
 * lane, left and right to the nearest lane that has calls (to its call closest
 * in time), first and last over the whole diagram. Returns `seq` itself at an edge.
 */
export function neighbourBar(bars: readonly Bar[], seq: number, move: BarMove): number {
  const first = bars[0];
  const last = bars[bars.length - 1];
  if (!first || !last) return seq;
  if (move === 'first') return first.seq;
  if (move === 'last') return last.seq;
  const index = bars.findIndex((b) => b.seq === seq);
  const current = bars[index];
  if (!current) return first.seq;
  if (move === 'up' || move === 'down') {
    const next = bars[index + (move === 'down' ? 1 : -1)];
    return next && next.agentIndex === current.agentIndex ? next.seq : seq;
  }
  const lanes = [...new Set(bars.map((b) => b.agentIndex))].sort((a, b) => a - b);
  const lanePosition = lanes.indexOf(current.agentIndex);
  const targetLane = lanes[lanePosition + (move === 'right' ? 1 : -1)];
  if (targetLane === undefined) return seq;
  const middle = current.y + current.height / 2;
  let best: Bar | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const bar of bars) {
    if (bar.agentIndex !== targetLane) continue;
    const distance = middle < bar.y ? bar.y - middle : middle > bar.y + bar.height ? middle - bar.y - bar.height : 0;
    if (distance < bestDistance) {
      best = bar;
      bestDistance = distance;
    }
  }
  return best?.seq ?? seq;
}
