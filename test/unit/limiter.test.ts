// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/background/intercom/limiter';

const headers = (remaining: number, reset: number) =>
  new Headers({ 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': String(remaining), 'X-RateLimit-Reset': String(reset) });

describe('RateLimiter', () => {
  it('sends at once while the window has budget, and waits for the reset once it is spent', async () => {
    let now = 1_000_000;
    const waits: number[] = [];
    const limiter = new RateLimiter(4, async (ms) => {
      waits.push(ms);
      now += ms;
    }, () => now);
    await limiter.run(async () => limiter.observe(headers(1, 1_005)));
    expect(waits).toEqual([]);
    await limiter.run(async () => limiter.observe(headers(0, 1_005)));
    expect(waits).toEqual([]);
    await limiter.run(async () => limiter.observe(headers(99, 1_015)));
    expect(waits).toEqual([5_000]);
  });

  it('after a 429 waits the Retry-After seconds', async () => {
    let now = 0;
    const waits: number[] = [];
    const limiter = new RateLimiter(4, async (ms) => {
      waits.push(ms);
      now += ms;
    }, () => now);
    limiter.observe(headers(50, 10)); // the window would reset in 10 s…
    limiter.exhausted(3); // …but Intercom asked for 3
    await limiter.run(async () => undefined);
    expect(waits).toEqual([3_000]);
  });

  it('keeps at most N requests in flight', async () => {
    const limiter = new RateLimiter(2, async () => undefined);
    let active = 0;
    let peak = 0;
    const gates: Array<() => void> = [];
    const task = () =>
      limiter.run(async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise<void>((r) => gates.push(r));
        active--;
      });
    const all = Promise.all([task(), task(), task(), task(), task()]);
    while (gates.length || active) {
      await new Promise((r) => setTimeout(r, 0));
      gates.shift()?.();
    }
    await all;
    expect(peak).toBe(2);
  });
});
