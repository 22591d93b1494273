/**
 * Generated tables about teams: how a vote grows with its size (and what
 * Condorcet predicts), debate against a vote of the same agents, and a mixed
 * team against copies of one model.
 */
import { compareItemwise, predictMajority } from '../../analysis/condorcet';
import { EASY_HARD_MIX, experiment, gradedRows, outcomes } from './doc-experiments';
import { markdownTable } from './doc-markdown';
import { fixed2, mean, pairedDifference, points, prefixMajorityRight, type Graded } from './doc-stats';

const VOTE_ITEMS = 200;
const LARGEST_VOTE = 31;
const SIZES = [1, 3, 5, 7, 9, 11, 13, 15, 21, 25, 31];

const voteCurve = (rows: readonly Graded[][], n: number): number => mean(rows.map((row) => (prefixMajorityRight(row, n) ? 1 : 0)));

/**
 * One vote of 31 agents per item; the vote of n is its first n agents, which
 * is exactly what a vote cell of size n draws (a call's seed comes from its
 * agent's index, not from the team's size).
 */
async function votes(input: Omit<Parameters<typeof experiment>[0], 'items' | 'teams'>): Promise<Graded[][]> {
  const [run] = await experiment({ ...input, items: VOTE_ITEMS, teams: [{ structure: 'vote', sizes: [LARGEST_VOTE] }] });
  return gradedRows(run!);
}

export interface VoteTables {
  saturation: string;
  condorcet: string;
}

export async function voteTables(): Promise<VoteTables> {
  const own = { independent: { preset: 'default' as const, blindSpotSd: 0, sameModelAs: 'sim:default' } };
  const columns = [
    { header: '`sim:default`, difficulty 3', rows: await votes({ difficulty: 3 }) },
    { header: '`sim:default`, τ = 0', rows: await votes({ difficulty: 3, models: ['sim:independent'], own }) },
    { header: '`sim:default`, difficulty 6', rows: await votes({ difficulty: 6 }) },
    { header: `\`sim:default\`, ${EASY_HARD_MIX.mixture.map((c) => `${Math.round(c.share * 100)}% at hardness ${c.mean}`).join(' + ')}`, rows: await votes({ difficulty: 3, hardness: EASY_HARD_MIX }) },
  ];
  const saturationRows = SIZES.map((n) => [String(n), ...columns.map((c) => fixed2(voteCurve(c.rows, n)))]);
  const saturation = `${markdownTable([{ header: 'agents n', numeric: true }, ...columns.map((c) => ({ header: c.header, numeric: true }))], saturationRows)}\n\n*Strict majority of n (no majority counts as wrong), ${VOTE_ITEMS} items per column, temperature 0.7. The mixture is \`"hardness": ${JSON.stringify(EASY_HARD_MIX)}\` (difficulty 3).*`;

  // Per-item counts from a second, independent set of 31 answers per item (another experiment seed).
  const counts = (await votes({ difficulty: 3, seed: 6 })).map((row) => ({ correct: row.filter((a) => a.correct).length, answers: row.length }));
  const measuredRows = columns[0]!.rows;
  const condorcetRows = [1, 3, 5, 9, 15, 21, 31].map((n) => {
    const prediction = predictMajority(counts, n);
    const measured = measuredRows.map((row) => prefixMajorityRight(row, n));
    const itemLevel = compareItemwise(measured, prediction.perItem);
    const independent = compareItemwise(measured, prediction.independent);
    return [String(n), fixed2(itemLevel.measured), `${fixed2(prediction.itemLevel)} (${points(itemLevel.difference)} ± ${(itemLevel.halfWidth * 100).toFixed(1)})`, fixed2(prediction.plugIn), `${fixed2(prediction.independent)} (${points(independent.difference)} ± ${(independent.halfWidth * 100).toFixed(1)})`];
  });
  const headers = ['agents n', 'measured', 'item-level (hypergeometric)', 'plug-in binomial', 'independent binomial'];
  const condorcet = `${markdownTable(headers.map((header, i) => ({ header, numeric: i < 2 })), condorcetRows)}\n\n*\`sim:default\` at difficulty 3: the measured column of the vote table above; predictions from another ${LARGEST_VOTE} answers on each of the same ${VOTE_ITEMS} items. In brackets: measured − predicted in points, with its 95% item-clustered half-width.*`;
  return { saturation, condorcet };
}

const DEBATE_ITEMS = 300;
const DEBATE_SIZE = 5;
const DEBATE_ROUNDS = 2;

/** sim:default with one revising knob changed, drawing as sim:default: its first answers are the same. */
const DEBATE_ROWS: ReadonlyArray<{ id: string; label: string; knobs: Record<string, number> }> = [
  { id: 'default', label: 'debate, default knobs', knobs: {} },
  { id: 'independent', label: 'debate, conformity κ = 0', knobs: { conformity: 0 } },
  { id: 'conformist', label: 'debate, conformity κ = 1', knobs: { conformity: 1 } },
  { id: 'checker', label: 'debate, spotWrongPeer v = 0.3', knobs: { spotWrongPeer: 0.3 } },
];

/**
 * A debate's final plurality against the plurality of the same agents' first
 * answers: every row's agents draw as sim:default, so all of them start from
 * exactly the answers the vote counts, and only how they revise differs.
 */
export async function debateTable(): Promise<string> {
  const own = Object.fromEntries(DEBATE_ROWS.filter((r) => r.id !== 'default').map((r) => [r.id, { preset: 'default' as const, sameModelAs: 'sim:default', ...r.knobs }]));
  const agents = (id: string) => [{ model: `sim:${id}`, count: DEBATE_SIZE }];
  const teams = [
    { structure: 'vote', label: 'vote', aggregate: 'plurality', agents: agents('default') },
    ...DEBATE_ROWS.map((r) => ({ structure: 'debate', label: r.id, rounds: DEBATE_ROUNDS, agents: agents(r.id) })),
  ];
  const [voteRun, ...debateRuns] = await experiment({ difficulty: 3, items: DEBATE_ITEMS, own, teams });
  const vote = outcomes(voteRun!);
  const rows = [
    [`vote: plurality of the same ${DEBATE_SIZE} first answers`, fixed2(mean(vote)), ''],
    ...DEBATE_ROWS.map((r, i) => {
      const debate = outcomes(debateRuns[i]!);
      const difference = pairedDifference(debate, vote);
      return [r.label, fixed2(mean(debate)), `${points(difference.mean)} ± ${(difference.halfWidth * 100).toFixed(1)}`];
    }),
  ];
  const headers = ['team', 'accuracy', 'debate − vote (points)'];
  return `${markdownTable(headers.map((header, i) => ({ header, numeric: i > 0 })), rows)}\n\n*${DEBATE_SIZE} agents of \`sim:default\` (or of an own model with one knob changed and \`"sameModelAs": "sim:default"\`), ${DEBATE_ROUNDS} revision rounds, full topology, plurality at the end; ${DEBATE_ITEMS} items at difficulty 3, temperature 0.7. Debate − vote with its paired 95% half-width.*`;
}

const MIXED_ITEMS = 250;

/** Three copies of one model against three different models of the same ability, and a mix of abilities. */
export async function mixedTable(): Promise<string> {
  const three = (models: string[]): Array<{ model: string }> => models.map((model) => ({ model }));
  const entries = [
    { label: '3 × `sim:default`', agents: three(['sim:default', 'sim:default', 'sim:default']) },
    { label: '`sim:default` + 2 own models with the same knobs', agents: three(['sim:default', 'sim:second', 'sim:third']) },
    { label: '3 × `sim:strong`', agents: three(['sim:strong', 'sim:strong', 'sim:strong']) },
    { label: '`sim:weak` + `sim:default` + `sim:strong`', agents: three(['sim:weak', 'sim:default', 'sim:strong']) },
  ];
  const teams = entries.flatMap((e) => [
    { structure: 'vote', label: `${e.label} vote`, aggregate: 'plurality', agents: e.agents },
    { structure: 'debate', label: `${e.label} debate`, agents: e.agents, rounds: 2 },
  ]);
  const runs = await experiment({ difficulty: 3, items: MIXED_ITEMS, own: { second: { preset: 'default' }, third: { preset: 'default' } }, teams });
  const rows = entries.map((e, i) => {
    const vote = outcomes(runs[2 * i]!);
    const firstAgent = runs[2 * i]!.trials.map((t) => (t.outcome.answers.find((a) => a.agentIndex === 0)?.correct ? 1 : 0));
    return [e.label, fixed2(mean(firstAgent)), fixed2(mean(vote)), fixed2(mean(outcomes(runs[2 * i + 1]!)))];
  });
  const headers = ['team of 3', 'its first agent alone', 'plurality vote', 'debate (2 rounds)'];
  return `${markdownTable(headers.map((header, i) => ({ header, numeric: i > 0 })), rows)}\n\n*${MIXED_ITEMS} items at difficulty 3, temperature 0.7; the debate's final vote is a plurality too, so the two columns compare.*`;
}
