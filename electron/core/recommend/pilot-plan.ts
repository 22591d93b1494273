/**
 * Which cells a pilot runs and on how many items, within a tenth of the full
 * sweep's calls (docs/recommend.md, "The pilot").
 *
 * - The single agent of every model: the baseline of the first question.
 * - One vote per kind of voter (model, temperature, persona), the largest
 *   the grid has: its voters answer independently, so its n answers per item
 *   are what Condorcet predicts every vote size from (the pool).
 * - Every other family (debates, leader–worker, …, votes under rules or
 *   faults Condorcet does not cover) at its smallest and largest size: the
 *   anchors its prediction between sizes rests on. A family of one cell is
 *   its own anchor.
 *
 * Items are the unit of evidence, so the pilot meets each item once and
 * spends the budget on as many items as fit. The richest design is taken
 * when it leaves PREFERRED_PILOT_ITEMS; otherwise a cheaper one that does
 * (the largest anchors moved to their family's middle size, then also the
 * pools to the median vote); otherwise the richest that leaves MIN_PILOT_ITEMS.
 */
import { summarizeGrid } from '../../../shared/domain/grid';
import { PILOT_MAX_FRACTION } from '../../../shared/domain/recommend';
import type { ExperimentSpec } from '../../../shared/domain/spec';
import { LabFailure } from '../lab-errors';
import type { PilotCellRole } from '../store/recommendation-records';
import { canPool, type Candidate, type CandidateGrid, type Family } from './candidates';

/** Fewer pilot items than this and no prediction is worth making. */
export const MIN_PILOT_ITEMS = 20;
/** A design is only chosen over a cheaper one when it still leaves this many items. */
export const PREFERRED_PILOT_ITEMS = 60;

export interface PilotCellPlan {
  candidate: Candidate;
  role: PilotCellRole;
}

export interface PilotPlan {
  cells: PilotCellPlan[];
  items: number;
  /** Calls the pilot is expected to make (registry formulas; a quorum vote counted at its most). */
  plannedCalls: number;
  fullSweepCalls: number;
  plannedFraction: number;
  /** The design in words, stored with the pilot. */
  design: string;
}

interface Design {
  cells: PilotCellPlan[];
  callsPerItem: number;
}

/** Largest vote of each kind of voter whose answers can feed Condorcet, at most `cap(sizes)` agents. */
export function pools(grid: CandidateGrid, cap: (sizes: number[]) => number): Candidate[] {
  const byVoters = new Map<string, Candidate[]>();
  for (const family of grid.families) {
    if (family.voterKey === null) continue;
    for (const member of family.members.filter(canPool)) byVoters.set(family.voterKey, [...(byVoters.get(family.voterKey) ?? []), member]);
  }
  return [...byVoters.values()].map((members) => {
    const sizes = [...new Set(members.map((m) => m.cell.size))].sort((a, b) => a - b);
    const limit = cap(sizes);
    const eligible = members.filter((m) => m.cell.size <= limit);
    // The largest; among equals, a plain vote over one with a judge (no extra call).
    return eligible.sort((a, b) => b.cell.size - a.cell.size || a.calls - b.calls)[0] ?? members[0]!;
  });
}

/** A family predicted from a pool needs no anchors; the rest need their anchors measured. */
function needsAnchors(family: Family, pooled: ReadonlySet<string>): boolean {
  if (family.structure === 'single') return false;
  return !(family.condorcetRule !== null && family.voterKey !== null && pooled.has(family.voterKey));
}

function anchorsOf(family: Family, upper: 'largest' | 'middle'): Candidate[] {
  const members = family.members;
  if (members.length <= 2) return members;
  const high = upper === 'largest' ? members[members.length - 1]! : members[Math.floor((members.length - 1) / 2)]!;
  return [members[0]!, high];
}

function design(grid: CandidateGrid, upper: 'largest' | 'middle', poolCap: (sizes: number[]) => number): Design {
  const chosen = new Map<number, PilotCellPlan>();
  const add = (candidate: Candidate, role: PilotCellRole) => {
    if (!chosen.has(candidate.candidateIndex)) chosen.set(candidate.candidateIndex, { candidate, role });
  };
  for (const candidate of grid.candidates) if (candidate.cell.structure === 'single') add(candidate, 'single');
  const poolCells = pools(grid, poolCap);
  for (const pool of poolCells) add(pool, 'pool');
  const pooled = new Set(poolCells.map((p) => grid.families.find((f) => f.members.includes(p))!.voterKey!));
  for (const family of grid.families) if (needsAnchors(family, pooled)) for (const anchor of anchorsOf(family, upper)) add(anchor, 'anchor');
  const cells = [...chosen.values()].sort((a, b) => a.candidate.candidateIndex - b.candidate.candidateIndex);
  return { cells, callsPerItem: cells.reduce((sum, c) => sum + c.candidate.calls, 0) };
}

function words(plan: Omit<PilotPlan, 'design'>): string {
  const described = plan.cells.map(({ candidate, role }) => {
    const what = `${candidate.cell.label} (${candidate.cell.size} agent${candidate.cell.size === 1 ? '' : 's'})`;
    if (role === 'pool') return `${what}, whose voters' answers feed Condorcet for every vote of these agents`;
    if (role === 'anchor') return `${what} as an anchor of its family`;
    return what;
  });
  const pct = (plan.plannedFraction * 100).toFixed(1);
  return `${described.join('; ')}; on ${plan.items} items, once each: about ${Math.round(plan.plannedCalls)} calls, ${pct}% of the full sweep's ${Math.round(plan.fullSweepCalls)}.`;
}

/**
 * The pilot for `spec` (whose tasks.count is known: a file's rows counted).
 * Throws a LabFailure the user can act on when no pilot fits.
 */
export function planPilot(spec: ExperimentSpec, grid: CandidateGrid): PilotPlan {
  const gridCells = grid.candidates.filter((c) => !c.added).length;
  if (gridCells < 2) {
    throw new LabFailure(
      'invalid_spec',
      `The candidate grid has one cell (${grid.candidates[0]?.cell.label ?? 'none'}); a recommendation chooses between candidates. Add sizes (e.g. "sizes": [1, 3, 5, 9]) or more team structures.`,
    );
  }
  const summary = summarizeGrid(spec);
  const items = summary.items;
  const budget = PILOT_MAX_FRACTION * summary.calls;
  const maxItems = Math.floor(items / 2);
  const whole = (sizes: number[]) => sizes[sizes.length - 1]!;
  const median = (sizes: number[]) => sizes[Math.floor((sizes.length - 1) / 2)]!;
  const designs = [design(grid, 'largest', whole), design(grid, 'middle', whole), design(grid, 'middle', median)];
  const itemsFor = (d: Design) => Math.min(maxItems, Math.floor(budget / d.callsPerItem));
  const chosen = designs.find((d) => itemsFor(d) >= PREFERRED_PILOT_ITEMS) ?? designs.find((d) => itemsFor(d) >= MIN_PILOT_ITEMS);
  if (!chosen) {
    const cheapest = designs[designs.length - 1]!;
    const needed = Math.ceil((MIN_PILOT_ITEMS * cheapest.callsPerItem) / (PILOT_MAX_FRACTION * (summary.calls / Math.max(1, items))));
    throw new LabFailure(
      'invalid_spec',
      `The full sweep (${items} items × ${spec.repetitions} repetition(s), ${Math.round(summary.calls)} calls) is too small for a pilot of at least ${MIN_PILOT_ITEMS} items within ${PILOT_MAX_FRACTION * 100}% of its calls: the pilot's cells take ${cheapest.callsPerItem} calls per item. Raise tasks.count to at least ${Math.max(needed, 2 * MIN_PILOT_ITEMS)} (or the repetitions).`,
    );
  }
  const pilotItems = itemsFor(chosen);
  const plannedCalls = pilotItems * chosen.callsPerItem;
  const plan = { cells: chosen.cells, items: pilotItems, plannedCalls, fullSweepCalls: summary.calls, plannedFraction: plannedCalls / summary.calls };
  return { ...plan, design: words(plan) };
}
