/**
 * The sim model's knobs as a spec sets them: models of an experiment's own
 * (reaching the backend on each call's route), the range of error agreement
 * and error correlation they reach, greedy determinism at temperature 0, and
 * a mixture of easy and hard items.
 */
import { describe, expect, it } from 'vitest';
import { formatIssues } from '../../../shared/contract/schema';
import type { SimModelSpec } from '../../../shared/domain/sim-spec';
import { parseExperimentSpec } from '../../../shared/domain/spec';
import { SimBackend } from '../../../electron/core/backends/sim';
import { pairStats, type Graded } from '../../../electron/core/backends/sim/doc-stats';
import type { CallRequest, CallRoute } from '../../../electron/core/backends/types';
import { callSettingsFor } from '../../../electron/core/engine/call-settings';
import { arithmeticSuite } from '../../../electron/core/tasks/arithmetic';
import type { TaskItem } from '../../../electron/core/tasks/types';
import { deriveSeed } from '../../../electron/core/util/random';

const sim = new SimBackend();
const never = new AbortController().signal;
const items = arithmeticSuite.generate({ count: 800, seed: 31, difficulty: 3 });

function request(model: string, item: TaskItem, agentIndex: number, route?: CallRoute, temperature = 0.7): CallRequest {
  return {
    model,
    messages: [{ role: 'user', content: item.prompt }],
    temperature,
    maxTokens: 512,
    seed: deriveSeed(77, item.index, agentIndex),
    intent: { kind: 'solve', item },
    agentIndex,
    ...(route ? { route } : {}),
  };
}

async function graded(model: string, agents: number, route?: CallRoute, temperature = 0.7, over = items): Promise<Graded[][]> {
  const rows: Graded[][] = [];
  for (const item of over) {
    const row: Graded[] = [];
    for (let a = 0; a < agents; a++) {
      const extracted = arithmeticSuite.extract((await sim.call(request(model, item, a, route, temperature), never)).text);
      row.push({ answer: extracted, correct: arithmeticSuite.grade(item, extracted) });
    }
    rows.push(row);
  }
  return rows;
}

const ownRoute = (knobs: Partial<SimModelSpec>): CallRoute => ({ sim: { m: { preset: 'default', sameModelAs: 'sim:default', ...knobs } } });
const accuracy = (rows: Graded[][]): number => rows.filter((r) => r[0]!.correct).length / rows.length;

function specOf(extra: Record<string, unknown>) {
  const parsed = parseExperimentSpec({ name: 'knobs', tasks: { suite: 'arithmetic', count: 10 }, agents: { model: 'sim:skeptic-7b' }, teams: [{ structure: 'single' }], ...extra });
  if (!parsed.ok) throw new Error(formatIssues(parsed.issues));
  return parsed.value;
}

describe('models of an experiment\'s own', () => {
  it('reach the backend on every call\'s route, and two experiments may give one name different knobs', async () => {
    const strongSpec = specOf({ sim: { models: { 'skeptic-7b': { preset: 'default', skill: 4 } } } });
    const weakSpec = specOf({ sim: { models: { 'skeptic-7b': { preset: 'weak', skill: -4 } } } });
    const strongRoute = callSettingsFor(strongSpec).route;
    const weakRoute = callSettingsFor(weakSpec).route;
    expect(strongRoute?.sim?.['skeptic-7b']).toMatchObject({ preset: 'default', skill: 4 });
    await expect(sim.check('sim:skeptic-7b', strongRoute)).resolves.toBeUndefined();
    const few = items.slice(0, 200);
    expect(accuracy(await graded('sim:skeptic-7b', 1, strongRoute, 0.7, few))).toBeGreaterThan(0.85);
    expect(accuracy(await graded('sim:skeptic-7b', 1, weakRoute, 0.7, few))).toBeLessThan(0.2);
  });

  it('are unknown outside their experiment, and the error names them with the presets', async () => {
    await expect(sim.check('sim:skeptic-7b')).rejects.toMatchObject({ code: 'unknown_model' });
    const route = callSettingsFor(specOf({ agents: { model: 'sim:default' }, sim: { models: { mine: {} } } })).route;
    await expect(sim.check('sim:other', route)).rejects.toThrow(/"sim:default".*"sim:mine"/);
  });

  it('keep a spec without own sim models free of a sim route', () => {
    expect(callSettingsFor(specOf({ agents: { model: 'sim:default' } })).route).toBeUndefined();
  });

  it('are models apart unless sameModelAs pairs them with another', async () => {
    const few = items.slice(0, 200);
    const base = (await graded('sim:default', 1, undefined, 0.7, few)).map((r) => r[0]!.answer);
    const twin = (await graded('sim:m', 1, ownRoute({ conformity: 0 }), 0.7, few)).map((r) => r[0]!.answer);
    const apart = (await graded('sim:m', 1, { sim: { m: { preset: 'default' } } }, 0.7, few)).map((r) => r[0]!.answer);
    expect(twin).toEqual(base);
    expect(apart.filter((a, i) => a !== base[i]).length).toBeGreaterThan(20);
  });
});

describe('error agreement and error correlation', () => {
  it('reaches from chance agreement to well past 0.6 for two wrong agents of one model', async () => {
    const agreement = async (errorAgreement: number): Promise<number> => pairStats(await graded('sim:m', 6, ownRoute({ errorAgreement }), 0.7, items.slice(0, 500))).wrongAgreement;
    const low = await agreement(0);
    const high = await agreement(0.9);
    expect(low).toBeLessThan(0.35);
    expect(high).toBeGreaterThan(0.8);
  });

  it('reaches pairwise error correlations from about 0 to above 0.5 with blindSpotSd and hardnessSlope', async () => {
    const correlation = async (knobs: Partial<SimModelSpec>): Promise<number> => pairStats(await graded('sim:m', 3, ownRoute(knobs))).errorCorrelation;
    expect(await correlation({ blindSpotSd: 0, hardnessSlope: 0 })).toBeLessThan(0.03);
    expect(await correlation({ blindSpotSd: 4 })).toBeGreaterThan(0.5);
  });
});

describe('temperature 0', () => {
  it('gives every agent of a deterministic model the same reply, so a vote gains nothing', async () => {
    const few = items.slice(0, 150);
    for (const item of few.slice(0, 20)) {
      const texts = await Promise.all([0, 1, 2, 3].map((a) => sim.call(request('sim:default', item, a, undefined, 0), never)));
      expect(new Set(texts.map((t) => t.text)).size).toBe(1);
    }
    const rows = await graded('sim:default', 5, undefined, 0, few);
    const majority = rows.filter((r) => r.filter((a) => a.correct).length > 2).length / rows.length;
    expect(majority).toBe(accuracy(rows));
  });

  it('still samples when the model is not deterministic, and from temperature 0.5 on whatever the setting', async () => {
    const few = items.slice(0, 150);
    const differs = (rows: Graded[][]): number => rows.filter((r) => new Set(r.map((a) => a.answer)).size > 1).length;
    expect(differs(await graded('sim:m', 3, ownRoute({ deterministicAtZeroTemperature: false }), 0, few))).toBeGreaterThan(20);
    const halfway = differs(await graded('sim:default', 3, undefined, 0.25, few));
    const full = differs(await graded('sim:default', 3, undefined, 0.5, few));
    expect(halfway).toBeGreaterThan(0);
    expect(halfway).toBeLessThan(full);
    expect(await graded('sim:default', 3, undefined, 0.5, few)).toEqual(await graded('sim:m', 3, ownRoute({ deterministicAtZeroTemperature: false }), 0.5, few));
  });
});

describe('a mixture of easy and hard items', () => {
  const mixture = { mixture: [{ share: 0.7, mean: 0.2 }, { share: 0.3, mean: 0.85 }] };

  it('changes only the items\' hardness, into two groups of the given shares, and leaves the default draw as it was', () => {
    const plain = arithmeticSuite.generate({ count: 1000, seed: 4, difficulty: 3 });
    const mixed = arithmeticSuite.generate({ count: 1000, seed: 4, difficulty: 3, hardness: mixture });
    expect(mixed.map(({ hardness: _h, ...rest }) => rest)).toEqual(plain.map(({ hardness: _h, ...rest }) => rest));
    const easyShare = mixed.filter((i) => i.hardness < 0.5).length / mixed.length;
    expect(easyShare).toBeGreaterThan(0.65);
    expect(easyShare).toBeLessThan(0.76);
    expect(mixed.filter((i) => i.hardness > 0.3 && i.hardness < 0.6).length).toBeLessThan(plain.filter((i) => i.hardness > 0.3 && i.hardness < 0.6).length / 2);
    // The first items of seed 1 at difficulty 3, as the generator drew them before mixtures existed.
    expect(arithmeticSuite.generate({ count: 3, seed: 1, difficulty: 3 }).map((i) => i.hardness)).toEqual([0.6969, 0.2072, 0.0939]);
  });

  it('is checked in the spec: shares must add up to 1', () => {
    const tasks = (hardness: unknown) => ({ name: 'x', tasks: { suite: 'arithmetic', count: 5, hardness }, agents: { model: 'sim:default' }, teams: [{ structure: 'single' }] });
    expect(parseExperimentSpec(tasks(mixture)).ok).toBe(true);
    const bad = parseExperimentSpec(tasks({ mixture: [{ share: 0.7, mean: 0.2 }, { share: 0.2, mean: 0.85 }] }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(formatIssues(bad.issues)).toBe('tasks.hardness.mixture: shares must add up to 1, got 0.9');
  });
});
