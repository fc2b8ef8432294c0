// @vitest-environment node
/** One page's background lookups are capped per minute (issue 11); what the user asks for never is. */
import { describe, expect, it, vi } from 'vitest';
import { PageBudget, PAGE_ADDRESSES_PER_MINUTE } from '../../src/background/page-budget';
import { Lookup } from '../../src/core/intercom/lookup';
import { useSandbox } from './intercom-sandbox';

const env = useSandbox();
const searches = () => env.sandbox.requests.filter((r) => r.path === '/contacts/search').length;

describe('PageBudget', () => {
  it('lets a page spend its share each minute, refuses the rest with when to try again, and keeps pages apart', () => {
    let now = 0;
    const budget = new PageBudget(100, () => now);
    budget.charge('https://evil.test', 60);
    budget.charge('https://evil.test', 40);
    expect(() => budget.charge('https://evil.test', 1)).toThrow(expect.objectContaining({ info: expect.objectContaining({ code: 'rate_limited', retryAfter: 60 }) }));
    budget.charge('https://crm.example', 100);
    now = 45_000;
    expect(() => budget.charge('https://evil.test', 1)).toThrow(expect.objectContaining({ info: expect.objectContaining({ retryAfter: 15 }) }));
    now = 60_000;
    budget.charge('https://evil.test', 100);
  });

  it('lets someone page through ten lists of 1,000 people a minute', () => {
    expect(PAGE_ADDRESSES_PER_MINUTE).toBeGreaterThanOrEqual(10_000);
  });
});

describe('a page that keeps changing its addresses', () => {
  it('is charged only for addresses Intercom must be asked about, and stops costing searches at its budget', async () => {
    const lookup = new Lookup(env.client());
    const budget = new PageBudget(300);
    const charge = vi.fn((n: number) => budget.charge('https://evil.test', n));
    const page = (i: number) => Array.from({ length: 100 }, (_, k) => `rotating${i}-${k}@evil.test`);
    await lookup.lookup(page(0), 'background', charge);
    await lookup.lookup(page(0), 'background', charge); // cached: free
    expect(charge).toHaveBeenCalledTimes(1);
    await lookup.lookup(page(1), 'background', charge);
    await lookup.lookup(page(2), 'background', charge);
    const before = searches();
    await expect(lookup.lookup(page(3), 'background', charge)).rejects.toMatchObject({ info: { code: 'rate_limited' } });
    expect(searches()).toBe(before);
    // The user's own lookups are not charged.
    await lookup.lookup(page(4), 'user');
    expect(searches()).toBe(before + 1);
  });
});
