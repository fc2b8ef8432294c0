// @vitest-environment node
/** Fair share per colleague: calls are released in turns across subs, never in order of arrival alone. */
import { describe, expect, it } from 'vitest';
import { FairScheduler, QueueFull } from '../../src/server/fair';

/** A task the test finishes by hand, recording when it started. */
function rig(scheduler: FairScheduler) {
  const started: string[] = [];
  const finishers: Array<() => void> = [];
  const submit = (key: string, label: string) =>
    scheduler.run(key, () => {
      started.push(label);
      return new Promise<void>((resolve) => finishers.push(resolve));
    });
  /** Finishes the oldest running task and lets the scheduler react. */
  const finishOne = async () => {
    finishers.shift()!();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { started, submit, finishOne };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('FairScheduler', () => {
  it('a burst of 100 from one sub does not delay another sub’s single call past its fair turn', async () => {
    const s = new FairScheduler({ maxInFlight: 4, maxQueuedPerKey: 200 });
    const { started, submit, finishOne } = rig(s);
    const burst = Array.from({ length: 100 }, (_, i) => submit('ana', `ana-${i}`));
    await settle();
    const bo = submit('bo', 'bo');
    await settle();
    expect(started).toEqual(['ana-0', 'ana-1', 'ana-2', 'ana-3']);
    expect(s.waiting('ana')).toBe(96);
    // The first slot that frees up goes to bo, not to ana's 5th call.
    await finishOne();
    expect(started.at(-1)).toBe('bo');
    expect(started.indexOf('bo')).toBe(4);
    while (started.length < 101) await finishOne();
    while (s.inFlight) await finishOne();
    await Promise.all([...burst, bo]);
  });

  it('takes turns across several busy subs', async () => {
    const s = new FairScheduler({ maxInFlight: 1, maxQueuedPerKey: 50 });
    const { started, submit, finishOne } = rig(s);
    const all = [
      ...Array.from({ length: 3 }, (_, i) => submit('ana', `ana-${i}`)),
      ...Array.from({ length: 3 }, (_, i) => submit('bo', `bo-${i}`)),
      ...Array.from({ length: 3 }, (_, i) => submit('cy', `cy-${i}`)),
    ];
    await settle();
    while (started.length < 9) await finishOne();
    await finishOne();
    await Promise.all(all);
    expect(started).toEqual(['ana-0', 'bo-0', 'cy-0', 'ana-1', 'bo-1', 'cy-1', 'ana-2', 'bo-2', 'cy-2']);
  });

  it('refuses a sub’s call past its queue cap at once, without touching the others', async () => {
    const s = new FairScheduler({ maxInFlight: 1, maxQueuedPerKey: 2, retryAfterSeconds: 3 });
    const { started, submit, finishOne } = rig(s);
    const ok = [submit('ana', 'a0'), submit('ana', 'a1'), submit('ana', 'a2')];
    await expect(submit('ana', 'a3')).rejects.toEqual(new QueueFull(3));
    await expect(submit('ana', 'a3')).rejects.toMatchObject({ retryAfterSeconds: 3 });
    const bo = submit('bo', 'b0');
    while (started.length < 4) await finishOne();
    await finishOne();
    await Promise.all([...ok, bo]);
    expect(started).toEqual(['a0', 'b0', 'a1', 'a2']);
  });

  it('a failing task frees its slot', async () => {
    const s = new FairScheduler({ maxInFlight: 1 });
    await expect(s.run('ana', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await s.run('bo', async () => 'next')).toBe('next');
    expect(s.inFlight).toBe(0);
  });
});
