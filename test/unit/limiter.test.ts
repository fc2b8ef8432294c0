// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/core/intercom/limiter';

const headers = (remaining: number, reset: number, limit = 100) =>
  new Headers({ 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': String(remaining), 'X-RateLimit-Reset': String(reset) });

/** A limiter on a fake clock: sleeping advances the clock and is recorded. */
function fakeClock(start = 1_000_000) {
  const clock = { now: start, waits: [] as number[] };
  const limiter = new RateLimiter(4, async (ms) => {
    clock.waits.push(ms);
    clock.now += ms;
  }, () => clock.now);
  return { clock, limiter };
}

describe('RateLimiter', () => {
  it('sends at once while the window has budget, and waits for the reset once it is spent', async () => {
    const { clock, limiter } = fakeClock();
    await limiter.run(async () => limiter.observe(headers(50, 1_005)));
    await limiter.run(async () => limiter.observe(headers(0, 1_005)));
    expect(clock.waits).toEqual([]);
    await limiter.run(async () => limiter.observe(headers(99, 1_015)));
    expect(clock.waits).toEqual([5_000]);
  });

  it('paces user requests over the rest of the window once only the reserve is left', async () => {
    const { clock, limiter } = fakeClock();
    limiter.observe(headers(4, 1_010)); // 4 left of 100, 10 s to go
    await limiter.run(async () => undefined);
    expect(clock.waits).toEqual([2_000]); // 10 s shared by the 4 left (+1)
  });

  it('keeps the reserve for the user: background work waits for the next window', async () => {
    const { clock, limiter } = fakeClock();
    limiter.observe(headers(8, 1_006)); // 8 left of 100: within the 10% reserve
    await limiter.run(async () => undefined, 'background');
    expect(clock.now).toBeGreaterThanOrEqual(1_006_000);
  });

  it('after a 429 waits the Retry-After seconds, not the whole window', async () => {
    const { clock, limiter } = fakeClock(0);
    limiter.observe(headers(50, 10)); // the window would reset in 10 s…
    limiter.exhausted(3); // …but Intercom asked for 3
    await limiter.run(async () => undefined);
    expect(clock.waits).toEqual([3_000]);
  });

  it('serves queued user requests before queued background ones', async () => {
    const limiter = new RateLimiter(1, async () => undefined);
    const order: string[] = [];
    let open!: () => void;
    const first = limiter.run(() => new Promise<void>((r) => (open = r)), 'background');
    await new Promise((r) => setTimeout(r, 0));
    const rest = [
      limiter.run(async () => void order.push('bg1'), 'background'),
      limiter.run(async () => void order.push('bg2'), 'background'),
      limiter.run(async () => void order.push('user'), 'user'),
    ];
    open();
    await Promise.all([first, ...rest]);
    expect(order).toEqual(['user', 'bg1', 'bg2']);
  });

  it('keeps at most N requests in flight', async () => {
    const limiter = new RateLimiter(2, async () => undefined);
    let active = 0;
    let peak = 0;
    let done = false;
    const gates: Array<() => void> = [];
    const task = () =>
      limiter.run(async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise<void>((r) => gates.push(r));
        active--;
      });
    const all = Promise.all([task(), task(), task(), task(), task()]).then(() => (done = true));
    while (!done) {
      await new Promise((r) => setTimeout(r, 0));
      gates.shift()?.();
    }
    await all;
    expect(peak).toBe(2);
  });
});
