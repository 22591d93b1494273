/**
 * What a sim agent does with each intent, and that each behavioural knob
 * moves what a user would see: an answer kept or changed, a draft flagged, a
 * candidate picked, a split named, parts combined.
 */
import { describe, expect, it } from 'vitest';
import type { SimModelSpec } from '../../../shared/domain/sim-spec';
import { SimBackend } from '../../../electron/core/backends/sim';
import { partValue } from '../../../electron/core/backends/sim/parts';
import type { CallRequest, CallRoute } from '../../../electron/core/backends/types';
import type { Intent } from '../../../electron/core/engine/intents';
import { statedConfidence } from '../../../electron/core/engine/prompts';
import { arithmeticSuite } from '../../../electron/core/tasks/arithmetic';
import type { TaskItem } from '../../../electron/core/tasks/types';
import { deriveSeed } from '../../../electron/core/util/random';

const sim = new SimBackend();
const never = new AbortController().signal;
const items = arithmeticSuite.generate({ count: 600, seed: 21, difficulty: 3 });

/** Route with one own model "sim:m": sim:default's draws with `knobs` changed. */
function own(knobs: Partial<SimModelSpec>): CallRoute {
  return { sim: { m: { preset: 'default', sameModelAs: 'sim:default', ...knobs } } };
}

function request(intent: Intent, agentIndex: number, route: CallRoute | undefined, overrides: Partial<CallRequest> = {}): CallRequest {
  return {
    model: route ? 'sim:m' : 'sim:default',
    messages: [{ role: 'user', content: intent.item.prompt }],
    temperature: 0.7,
    maxTokens: 512,
    seed: deriveSeed(9, intent.item.index, agentIndex, intent.kind),
    intent,
    agentIndex,
    ...(route ? { route } : {}),
    ...overrides,
  };
}

async function answer(intent: Intent, agentIndex = 0, route?: CallRoute, overrides: Partial<CallRequest> = {}): Promise<string | null> {
  return arithmeticSuite.extract((await sim.call(request(intent, agentIndex, route, overrides), never)).text);
}

/** A wrong answer for the item: its first distractor. */
const wrongOf = (item: TaskItem): string => item.distractors[0]!;
const rate = (hits: boolean[]): number => hits.filter(Boolean).length / hits.length;

describe('solve with a stated confidence', () => {
  it('gives the same answer as without, and states a confidence that is calibrated and tells right from wrong', async () => {
    const stated: Array<{ confidence: number; right: boolean }> = [];
    for (const item of items) {
      for (let agent = 0; agent < 3; agent++) {
        const plain = await sim.call(request({ kind: 'solve', item }, agent, undefined), never);
        const asked = await sim.call(request({ kind: 'solve', item, statesConfidence: true }, agent, undefined), never);
        expect(arithmeticSuite.extract(asked.text)).toBe(arithmeticSuite.extract(plain.text));
        const confidence = statedConfidence(asked.text);
        if (confidence === null) continue;
        stated.push({ confidence, right: arithmeticSuite.grade(item, arithmeticSuite.extract(asked.text)) });
      }
    }
    expect(stated.length).toBeGreaterThan(0.97 * items.length * 3);
    const meanConfidence = stated.reduce((s, x) => s + x.confidence, 0) / stated.length;
    expect(Math.abs(meanConfidence - rate(stated.map((x) => x.right)))).toBeLessThan(0.03);
    const sure = stated.filter((x) => x.confidence >= 0.8);
    const unsure = stated.filter((x) => x.confidence <= 0.5);
    expect(rate(sure.map((x) => x.right))).toBeGreaterThan(rate(unsure.map((x) => x.right)) + 0.3);
  });
});

describe('revise', () => {
  it('keeps its answer when every peer agrees with it, even a wrong one', async () => {
    const kept: boolean[] = [];
    for (const item of items) {
      const wrong = wrongOf(item);
      const peers = [1, 2].map((agentIndex) => ({ agentIndex, answer: wrong }));
      kept.push((await answer({ kind: 'revise', item, own: wrong, peers }, 0, own({ spotWrongPeer: 1, conformity: 1, stubbornness: 0 }))) === wrong);
    }
    // Only a garbled reply (1.5% of sim:default's) loses it.
    expect(rate(kept)).toBeGreaterThan(0.96);
  });

  /** How often an agent with a wrong answer, facing two peers with another wrong one, ends on the peers' answer. */
  async function followsWrongPeers(knobs: Partial<SimModelSpec>): Promise<number> {
    const hits: boolean[] = [];
    for (const item of items) {
      const [mine, theirs] = [item.distractors[1]!, item.distractors[0]!];
      const peers = [1, 2].map((agentIndex) => ({ agentIndex, answer: theirs }));
      hits.push((await answer({ kind: 'revise', item, own: mine, peers }, 0, own(knobs))) === theirs);
    }
    return rate(hits);
  }

  it('conforms more with higher conformity, and not at all when fully stubborn', async () => {
    const low = await followsWrongPeers({ conformity: 0, stubbornness: 0, spotWrongPeer: 0 });
    const high = await followsWrongPeers({ conformity: 1, stubbornness: 0, spotWrongPeer: 0 });
    expect(high).toBeGreaterThan(low + 0.2);
    expect(await followsWrongPeers({ conformity: 1, stubbornness: 1, spotWrongPeer: 0 })).toBe(0);
  });

  it('is moved more when unsure: agents of a weaker model follow their peers more often', async () => {
    const sureModel = await followsWrongPeers({ conformity: 1, spotWrongPeer: 0, skill: 3 });
    const unsureModel = await followsWrongPeers({ conformity: 1, spotWrongPeer: 0, skill: -2 });
    expect(unsureModel).toBeGreaterThan(sureModel + 0.2);
  });

  it('leaves a wrong answer for a right peer more often the better it spots wrong answers', async () => {
    const correction = async (spotWrongPeer: number): Promise<number> => {
      const hits: boolean[] = [];
      for (const item of items) {
        const peers = [{ agentIndex: 1, answer: item.answer }];
        hits.push((await answer({ kind: 'revise', item, own: wrongOf(item), peers }, 0, own({ spotWrongPeer, conformity: 1, stubbornness: 1 }))) === item.answer);
      }
      return rate(hits);
    };
    expect(await correction(0)).toBe(0);
    expect(await correction(1)).toBeGreaterThan(0.9);
  });
});

describe('critique, judge and aggregate', () => {
  it('flags a wrong draft as often as it spots wrong answers, and endorses a right one when checking well', async () => {
    const flags = async (target: (item: TaskItem) => string, spotWrongPeer: number): Promise<number> => {
      const hits: boolean[] = [];
      for (const item of items) hits.push((await answer({ kind: 'critique', item, target: target(item) }, 0, own({ spotWrongPeer }))) !== target(item));
      return rate(hits);
    };
    // A garbled reply (1.5%) reads as a flag here: it repeats no answer.
    expect(await flags(wrongOf, 0)).toBeLessThan(0.04);
    expect(await flags(wrongOf, 1)).toBeGreaterThan(0.8);
    expect(await flags((item) => item.answer, 1)).toBeLessThan(0.04);
    // A critic that never catches its own slips raises false alarms about as often as it would have been wrong.
    expect(await flags((item) => item.answer, 0)).toBeGreaterThan(0.15);
  });

  it('judges right as often as judgeAccuracy says, else by how many candidates agree', async () => {
    const picksRight = async (judgeAccuracy: number): Promise<number> => {
      const hits: boolean[] = [];
      for (const item of items) {
        const candidates = [item.answer, wrongOf(item), wrongOf(item), wrongOf(item)].map((answer, agentIndex) => ({ agentIndex, answer }));
        hits.push((await answer({ kind: 'judge', item, candidates }, 4, own({ judgeAccuracy }))) === item.answer);
      }
      return rate(hits);
    };
    expect(await picksRight(1)).toBeGreaterThan(0.97);
    const blind = await picksRight(0);
    expect(blind).toBeGreaterThan(0.15);
    expect(blind).toBeLessThan(0.35);
  });

  it('aggregates with its own solution among the proposals, so it can be right when every proposal is wrong', async () => {
    const hits: boolean[] = [];
    for (const item of items) {
      const candidates = [0, 1, 2].map((agentIndex) => ({ agentIndex, answer: wrongOf(item) }));
      hits.push((await answer({ kind: 'aggregate', item, candidates }, 3, own({ judgeAccuracy: 1 }))) === item.answer);
    }
    expect(rate(hits)).toBeGreaterThan(0.55);
  });
});

describe('decompose, solve a part, synthesize', () => {
  const partLines = (text: string): number => text.split('\n').filter((line) => /^Part \d+: /.test(line)).length;

  it('names every part of a sound split and fewer in an unsound one, as often as decomposeQuality says', async () => {
    const sound = async (decomposeQuality: number): Promise<number> => {
      const hits: boolean[] = [];
      for (const item of items.slice(0, 300)) hits.push(partLines((await sim.call(request({ kind: 'decompose', item, parts: 3 }, 0, own({ decomposeQuality })), never)).text) === 3);
      return rate(hits);
    };
    expect(await sound(0)).toBe(0);
    const usual = await sound(0.8);
    expect(usual).toBeGreaterThan(0.72);
    expect(usual).toBeLessThan(0.88);
  });

  it('solves a part more often than the whole item, and the whole item when handed all of it', async () => {
    const partHits: boolean[] = [];
    const wholeHits: boolean[] = [];
    for (const item of items) {
      partHits.push((await answer({ kind: 'solve_part', item, part: 1, of: 3, soundSplit: true })) === partValue({ item }, 1));
      wholeHits.push((await answer({ kind: 'solve_part', item, part: 1, of: 3, soundSplit: false })) === item.answer);
    }
    expect(rate(partHits)).toBeGreaterThan(rate(wholeHits) + 0.1);
  });

  it('combines right parts into the right answer as often as combineSkill says, and repairs a wrong part only when it spots it', async () => {
    const combined = async (knobs: Partial<SimModelSpec>, wrongPart: boolean): Promise<number> => {
      const hits: boolean[] = [];
      for (const item of items) {
        const parts = [0, 1, 2].map((part) => ({ part, correct: null, answer: part === 2 && wrongPart ? String(Number(partValue({ item }, part)) + 1) : partValue({ item }, part) }));
        hits.push((await answer({ kind: 'synthesize', item, parts, of: parts.length, soundSplit: true }, 0, own(knobs))) === item.answer);
      }
      return rate(hits);
    };
    expect(await combined({ combineSkill: 1 }, false)).toBeGreaterThan(0.97);
    expect(await combined({ combineSkill: 0 }, false)).toBe(0);
    expect(await combined({ combineSkill: 1, spotWrongPeer: 0 }, true)).toBe(0);
    expect(await combined({ combineSkill: 1, spotWrongPeer: 1 }, true)).toBeGreaterThan(0.7);
  });
});

describe('every intent', () => {
  const item = items[5]!;
  const peers = [{ agentIndex: 1, answer: wrongOf(item) }];
  const intents: Intent[] = [
    { kind: 'solve', item },
    { kind: 'revise', item, own: item.answer, peers },
    { kind: 'refine', item, own: item.answer, critiques: peers },
    { kind: 'critique', item, target: item.answer },
    { kind: 'judge', item, candidates: peers },
    { kind: 'aggregate', item, candidates: peers },
    { kind: 'decompose', item, parts: 2 },
    { kind: 'solve_part', item, part: 0, of: 2, soundSplit: true },
    { kind: 'synthesize', item, parts: [{ part: 0, correct: null, answer: '5' }], of: 1, soundSplit: true },
  ];

  it.each(intents.map((intent) => [intent.kind, intent] as const))('%s: the same request gives the same reply, and at temperature 0 every agent of a model gives the same one', async (_kind, intent) => {
    const first = await sim.call(request(intent, 0, undefined), never);
    expect(await sim.call(request(intent, 0, undefined), never)).toEqual(first);
    const greedy = await Promise.all([0, 1, 2].map((agent) => sim.call(request(intent, agent, undefined, { temperature: 0 }), never)));
    expect(new Set(greedy.map((r) => r.text)).size).toBe(1);
  });

  it('writes replies that carry an answer the extractor reads, for every intent that answers the item', async () => {
    let readable = 0;
    let total = 0;
    for (const it of items.slice(0, 100)) {
      for (const intent of intents.filter((i) => i.kind !== 'decompose')) {
        total++;
        if (arithmeticSuite.extract((await sim.call(request({ ...intent, item: it }, 0, undefined), never)).text) !== null) readable++;
      }
    }
    expect(readable / total).toBeGreaterThan(0.97);
  });
});
