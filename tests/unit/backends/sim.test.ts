import { describe, expect, it } from 'vitest';
import { SIM_PRESETS } from '../../../shared/domain/sim-spec';
import { SIM_PROFILES, SimBackend } from '../../../electron/core/backends/sim';
import { BackendError, type CallRequest, type CallResult } from '../../../electron/core/backends/types';
import { arithmeticSuite } from '../../../electron/core/tasks/arithmetic';
import type { TaskItem } from '../../../electron/core/tasks/types';
import { deriveSeed } from '../../../electron/core/util/random';

const sim = new SimBackend();
const never = new AbortController().signal;

function request(model: string, item: TaskItem, agentIndex: number, overrides: Partial<CallRequest> = {}): CallRequest {
  return {
    model,
    messages: [{ role: 'user', content: item.prompt }],
    temperature: 0.7,
    maxTokens: 512,
    seed: deriveSeed(42, item.index, agentIndex),
    intent: { kind: 'solve', item },
    agentIndex,
    ...overrides,
  };
}

/** The extracted answers of `agents` independent calls per item, as a trial would grade them. */
async function answersPerItem(model: string | string[], items: TaskItem[], agents: number): Promise<Array<Array<string | null>>> {
  const models = Array.isArray(model) ? model : Array.from({ length: agents }, () => model);
  const rows: Array<Array<string | null>> = [];
  for (const item of items) {
    const row: Array<string | null> = [];
    for (let a = 0; a < agents; a++) row.push(arithmeticSuite.extract((await sim.call(request(models[a]!, item, a), never)).text));
    rows.push(row);
  }
  return rows;
}

function accuracy(items: TaskItem[], rows: Array<Array<string | null>>, agent = 0): number {
  return items.filter((item, i) => arithmeticSuite.grade(item, rows[i]![agent]!)).length / items.length;
}

/** Strict majority of the first k answers; no majority counts as wrong. */
function majorityAccuracy(items: TaskItem[], rows: Array<Array<string | null>>, k: number): number {
  return items.filter((item, i) => rows[i]!.slice(0, k).filter((a) => arithmeticSuite.grade(item, a)).length * 2 > k).length / items.length;
}

/** Of the pairs of agents 0 and 1 that are both wrong with an answer, the share giving the same one. */
function sameWrongRate(items: TaskItem[], rows: Array<Array<string | null>>): number {
  let both = 0;
  let same = 0;
  items.forEach((item, i) => {
    const [a, b] = rows[i]!;
    if (a && b && !arithmeticSuite.grade(item, a) && !arithmeticSuite.grade(item, b)) {
      both++;
      if (a === b) same++;
    }
  });
  return same / both;
}

const items3 = arithmeticSuite.generate({ count: 2000, seed: 7, difficulty: 3 });

describe('sim backend accuracy', () => {
  const bands: Record<string, [number, number]> = {
    'sim:weak': [0.44, 0.56],
    'sim:fast': [0.51, 0.63],
    'sim:default': [0.64, 0.76],
    'sim:strong': [0.84, 0.94],
  };
  it.each(Object.entries(bands))('%s at difficulty 3 lies in its band', async (model, [low, high]) => {
    const measured = accuracy(items3, await answersPerItem(model, items3, 1));
    expect(measured).toBeGreaterThanOrEqual(low);
    expect(measured).toBeLessThanOrEqual(high);
  });

  it('falls as difficulty rises', async () => {
    const at = async (difficulty: number): Promise<number> => {
      const items = arithmeticSuite.generate({ count: 600, seed: 3, difficulty });
      return accuracy(items, await answersPerItem('sim:default', items, 1));
    };
    const [easy, middle, hard] = [await at(1), await at(3), await at(6)];
    expect(easy).toBeGreaterThan(middle + 0.08);
    expect(middle).toBeGreaterThan(hard + 0.15);
    expect(hard).toBeLessThan(0.5);
  });
});

describe('sim backend error correlation', () => {
  it('makes two agents wrong together more often than independence predicts, with the same wrong answer about errorAgreement of the time', async () => {
    const rows = await answersPerItem('sim:default', items3, 2);
    const wrong = (i: number, a: number): boolean => !arithmeticSuite.grade(items3[i]!, rows[i]![a]!);
    const both = items3.filter((_, i) => wrong(i, 0) && wrong(i, 1)).length / items3.length;
    const e0 = items3.filter((_, i) => wrong(i, 0)).length / items3.length;
    const e1 = items3.filter((_, i) => wrong(i, 1)).length / items3.length;
    expect(both).toBeGreaterThan(1.3 * e0 * e1);
    // A trailing-off garble gives a stray number, so the measure sits a little below the knob.
    expect(sameWrongRate(items3, rows)).toBeGreaterThan(SIM_PROFILES.default.errorAgreement - 0.08);
    expect(sameWrongRate(items3, rows)).toBeLessThan(SIM_PROFILES.default.errorAgreement + 0.05);
  });

  it('makes a team of one model share wrong answers more than a team of two models', async () => {
    const sameModel = sameWrongRate(items3, await answersPerItem('sim:fast', items3, 2));
    const mixed = sameWrongRate(items3, await answersPerItem(['sim:fast', 'sim:weak'], items3, 2));
    expect(sameModel).toBeGreaterThan(mixed + 0.1);
    // Different models coincide only by the chance agreement of the item's wrong answers.
    expect(mixed).toBeLessThan(0.38);
  });

  it('lets a majority vote help on middling items with diminishing returns, and hurt on hard ones', async () => {
    const middle = items3.slice(0, 800);
    const rows = await answersPerItem('sim:default', middle, 15);
    const [one, three, nine, fifteen] = [accuracy(middle, rows), majorityAccuracy(middle, rows, 3), majorityAccuracy(middle, rows, 9), majorityAccuracy(middle, rows, 15)];
    expect(nine).toBeGreaterThan(one + 0.06);
    expect(three).toBeGreaterThan(one);
    // Saturation: the six voters from 9 to 15 add less than the two from 1 to 3 … 9.
    expect(fifteen - nine).toBeLessThan((nine - one) / 3);
    // Independent voters at this accuracy would reach about 0.88 with nine votes.
    expect(nine).toBeLessThan(0.85);

    const hard = arithmeticSuite.generate({ count: 600, seed: 5, difficulty: 6 });
    const hardRows = await answersPerItem('sim:default', hard, 9);
    expect(majorityAccuracy(hard, hardRows, 9)).toBeLessThan(accuracy(hard, hardRows));
  });
});

describe('sim backend replies', () => {
  const [item] = arithmeticSuite.generate({ count: 1, seed: 1, difficulty: 4 });

  it('is deterministic: the same request gives the same result, another seed another', async () => {
    const first = await sim.call(request('sim:default', item!, 0), never);
    expect(await sim.call(request('sim:default', item!, 0), never)).toEqual(first);
    const texts = new Set<string>();
    for (let seed = 0; seed < 20; seed++) texts.add((await sim.call(request('sim:default', item!, 0, { seed }), never)).text);
    expect(texts.size).toBeGreaterThan(15);
  });

  it('writes working and then the answer in varied styles that the extractor reads', async () => {
    const items = arithmeticSuite.generate({ count: 300, seed: 2, difficulty: 2 });
    const shapes = new Set<string>();
    let readable = 0;
    for (const it of items) {
      const result = await sim.call(request('sim:strong', it, 0), never);
      const lastLine = result.text.split('\n').at(-1)!;
      shapes.add(lastLine.replace(/[−-]?[\d,]+/g, 'N'));
      expect(result.text.split(/[.!?]\s/).length).toBeGreaterThan(1);
      if (arithmeticSuite.extract(result.text) !== null) readable++;
    }
    expect(shapes.size).toBeGreaterThanOrEqual(6);
    expect(readable / items.length).toBeGreaterThan(0.97);
  });

  it('counts tokens from the text and times them at the profile rates', async () => {
    const result = await sim.call(request('sim:default', item!, 0), never);
    expect(result.tokensIn).toBe(Math.ceil(item!.prompt.length / 4));
    expect(result.tokensOut).toBeGreaterThan(result.text.length / 6);
    expect(result.tokensOut).toBeLessThan(result.text.length / 2.5);
    expect(result).toMatchObject({ queueMs: 0, loadMs: 0, host: 'sim', simulated: true, doneReason: 'stop' });
    const msPerToken = async (model: string): Promise<number> => {
      let ms = 0;
      let tokens = 0;
      for (let agent = 0; agent < 50; agent++) {
        const r = await sim.call(request(model, item!, agent), never);
        ms += r.genMs;
        tokens += r.tokensOut;
      }
      return ms / tokens;
    };
    expect(await msPerToken('sim:default')).toBeCloseTo(1000 / SIM_PROFILES.default.genTokensPerSecond, -1);
    expect(await msPerToken('sim:strong')).toBeGreaterThan(2 * (await msPerToken('sim:fast')));
  });

  it('cuts a reply at maxTokens and says so', async () => {
    const full = await sim.call(request('sim:default', item!, 0), never);
    const cut = await sim.call(request('sim:default', item!, 0, { maxTokens: 5 }), never);
    expect(cut.doneReason).toBe('length');
    expect(cut.tokensOut).toBe(5);
    expect(cut.text.length).toBeLessThan(full.text.length);
  });

  it('guesses a plausible number without an intent, still deterministically', async () => {
    const blind = { ...request('sim:default', item!, 0), intent: undefined };
    const result = await sim.call(blind, never);
    expect(arithmeticSuite.extract(result.text)).toMatch(/^-?\d+$/);
    expect(await sim.call(blind, never)).toEqual(result);
  });
});

describe('sim backend models and cancellation', () => {
  const [item] = arithmeticSuite.generate({ count: 1, seed: 1, difficulty: 3 });

  it('has exactly the presets the spec offers', () => {
    expect(Object.keys(SIM_PROFILES).sort()).toEqual([...SIM_PRESETS].sort());
  });

  it('accepts its profiles and names them when a model is unknown', async () => {
    for (const name of Object.keys(SIM_PROFILES)) await expect(sim.check(`sim:${name}`)).resolves.toBeUndefined();
    const error = await sim.check('sim:genius').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({ code: 'unknown_model' });
    expect((error as BackendError).message).toMatch(/"sim:genius".*"sim:default".*"sim:strong"/);
    await expect(sim.call(request('sim:genius', item!, 0), never)).rejects.toMatchObject({ code: 'unknown_model' });
  });

  it('rejects at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(sim.call(request('sim:default', item!, 0), controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('waits the drawn latency in real time, scaled', async () => {
    const drawn: CallResult = await sim.call(request('sim:strong', item!, 0), never);
    const expectedMs = (drawn.promptMs + drawn.genMs) * 0.02;
    const realTime = new SimBackend({ realTime: true, timeScale: 0.02 });
    const started = performance.now();
    const result = await realTime.call(request('sim:strong', item!, 0), never);
    expect(result).toEqual(drawn);
    expect(performance.now() - started).toBeGreaterThanOrEqual(expectedMs - 5);
  });

  it('stops waiting and rejects with an AbortError when cancelled in real time', async () => {
    const realTime = new SimBackend({ realTime: true });
    const controller = new AbortController();
    const started = performance.now();
    const pending = realTime.call(request('sim:strong', item!, 0), controller.signal);
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
