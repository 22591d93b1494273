import { describe, expect, it } from 'vitest';
import { SlotQueue } from '../../../electron/core/scheduler/slot-queue';
import { backoffDelayMs, DEFAULT_RETRY } from '../../../electron/core/scheduler/retry-policy';
import { normalizeHostUrl } from '../../../electron/core/backends/ollama/host';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('slot queue', () => {
  it('never hands out more slots than it has, and serves waiters first come first served', async () => {
    const queue = new SlotQueue(2);
    const order: number[] = [];
    const releases: Array<() => void> = [];
    for (let i = 0; i < 5; i++) void queue.acquire().then((release) => { order.push(i); releases.push(release); });
    await tick();
    expect(order).toEqual([0, 1]);
    expect(queue.stats()).toMatchObject({ busy: 2, waiting: 3 });
    releases.shift()!();
    await tick();
    expect(order).toEqual([0, 1, 2]);
    releases.shift()!();
    releases.shift()!();
    await tick();
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(queue.stats().peakBusy).toBe(2);
  });

  it('drops an aborted waiter without taking a slot', async () => {
    const queue = new SlotQueue(1);
    const release = await queue.acquire();
    const controller = new AbortController();
    const waiting = queue.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(queue.stats()).toMatchObject({ busy: 1, waiting: 0 });
    release();
    expect(queue.stats().busy).toBe(0);
  });

  it('holds waiters in place while held, and releasing twice frees one slot only', async () => {
    const queue = new SlotQueue(1);
    queue.hold();
    let got = false;
    void queue.acquire().then((release) => { got = true; release(); release(); });
    await tick();
    expect(got).toBe(false);
    queue.unhold();
    await tick();
    expect(got).toBe(true);
    expect(queue.stats().busy).toBe(0);
  });
});

describe('retry backoff', () => {
  it('grows exponentially up to the cap, with jitter in the upper half', () => {
    expect(backoffDelayMs(DEFAULT_RETRY, 1, 0)).toBe(250);
    expect(backoffDelayMs(DEFAULT_RETRY, 1, 0.999)).toBeCloseTo(500, 0);
    expect(backoffDelayMs(DEFAULT_RETRY, 3, 0)).toBe(1000);
    expect(backoffDelayMs(DEFAULT_RETRY, 20, 0.5)).toBeLessThanOrEqual(DEFAULT_RETRY.maxDelayMs);
  });
});

describe('Ollama host URLs', () => {
  it('reads OLLAMA_HOST the way the Ollama CLI does', () => {
    expect(normalizeHostUrl('127.0.0.1')).toBe('http://127.0.0.1:11434');
    expect(normalizeHostUrl('0.0.0.0:11500')).toBe('http://127.0.0.1:11500');
    expect(normalizeHostUrl('http://gpu-box:11434/')).toBe('http://gpu-box:11434');
    expect(normalizeHostUrl('https://ollama.example')).toBe('https://ollama.example');
  });
});
