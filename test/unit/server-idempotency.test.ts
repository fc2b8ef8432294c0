// @vitest-environment node
/** The endpoint's window of request ids: bounded, timed, and keyed to one request's input. */
import { describe, expect, it } from 'vitest';
import { IdempotencyWindow, KeyMismatch } from '../../src/server/idempotency';

describe('IdempotencyWindow', () => {
  it('answers a repeat with the first attempt’s promise, and runs again only after the window', async () => {
    let now = 0;
    const window = new IdempotencyWindow<number>(10, 1000, () => now);
    let runs = 0;
    const run = async () => ++runs;
    const first = window.remember('k', 'in', run);
    const again = window.remember('k', 'in', run);
    expect(again).toEqual({ repeat: true, answer: first.answer });
    expect(await again.answer).toBe(1);
    now = 1000;
    expect(await window.remember('k', 'in', run).answer).toBe(2);
  });

  it('keeps at most maxKeys, dropping the oldest', async () => {
    const window = new IdempotencyWindow<string>(3);
    for (const k of ['a', 'b', 'c', 'd']) window.remember(k, '', async () => k);
    expect(window.size).toBe(3);
    expect(window.remember('a', '', async () => 'again').repeat).toBe(false);
    expect(window.remember('d', '', async () => 'again').repeat).toBe(true);
  });

  it('refuses the same key for another input, and forgets a key on request', async () => {
    const window = new IdempotencyWindow<string>();
    const first = window.remember('k', 'one', async () => 'x');
    expect(() => window.remember('k', 'two', async () => 'y')).toThrow(KeyMismatch);
    window.forget('k', first.answer);
    expect(window.remember('k', 'two', async () => 'y').repeat).toBe(false);
  });
});
