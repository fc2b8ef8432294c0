// @vitest-environment node
/**
 * A page that floods the worker (issue 11): its reports are stored at most every REPORT_INTERVAL_MS (the
 * newest one wins), and what one tab keeps in storage.session is capped, so a dozen hostile tabs cannot fill
 * the quota every tab shares.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../src/content/entry.ts?script&iife', () => ({ default: 'src/content/entry.js' }));
vi.mock('../../src/content/in-page-entry.ts?script&iife', () => ({ default: 'src/content/in-page-entry.js' }));
const { capReport, MAX_STORED_BYTES, REPORT_INTERVAL_MS, TabScans } = await import('../../src/background/scan');

let session: Record<string, unknown>;
let writes: number;
let now: number;

beforeEach(() => {
  vi.useFakeTimers();
  session = {};
  writes = 0;
  now = 1_000_000;
  (globalThis as unknown as { chrome: unknown }).chrome = {
    runtime: { id: 'ext', sendMessage: vi.fn(async () => undefined) },
    storage: {
      session: {
        get: vi.fn(async (k: string) => (k in session ? { [k]: session[k] } : {})),
        set: vi.fn(async (items: Record<string, unknown>) => {
          writes++;
          Object.assign(session, structuredClone(items));
        }),
        remove: vi.fn(async (k: string) => void delete session[k]),
      },
    },
  };
});
afterEach(() => vi.useRealTimers());

const emailsOf = (n: number, tag = 'a') => Array.from({ length: n }, (_, i) => `${tag}${i}@example.com`);

describe('a flood of reports from one tab', () => {
  it('is stored at most once per interval, and the newest report is the one kept', async () => {
    const scans = new TabScans(() => now);
    for (let i = 0; i < 50; i++) await scans.report(3, 'https://evil.test', emailsOf(i + 1), i + 1);
    expect(writes).toBe(1);
    now += REPORT_INTERVAL_MS;
    await vi.advanceTimersByTimeAsync(REPORT_INTERVAL_MS);
    expect(writes).toBe(2);
    expect(session['scan:3']).toMatchObject({ status: 'ok', total: 50, emails: emailsOf(50) });
    // Other tabs are not held back by this one.
    await scans.report(4, 'https://crm.example', ['ana@example.com'], 1);
    expect(writes).toBe(3);
  });

  it('drops a report waiting for its turn when the tab navigates, and the new page reports at once', async () => {
    const scans = new TabScans(() => now);
    await scans.report(3, 'https://a.test', emailsOf(1), 1);
    await scans.report(3, 'https://a.test', emailsOf(2), 2);
    await scans.navigated(3);
    await vi.advanceTimersByTimeAsync(REPORT_INTERVAL_MS * 2);
    expect(session['scan:3']).toEqual({ status: 'pending' });
    await scans.report(3, 'https://b.test', ['new@example.com'], 1);
    expect(session['scan:3']).toMatchObject({ origin: 'https://b.test', emails: ['new@example.com'] });
  });
});

describe('what one tab may store', () => {
  const big = (n: number) => Array.from({ length: n }, (_, i) => `${'x'.repeat(60)}${i}@${'d'.repeat(180)}.com`);

  it('keeps a full list of 1,000 ordinary addresses with their names whole', () => {
    const emails = Array.from({ length: 1000 }, (_, i) => `firstname.lastname${i}@customer-company.example.com`);
    const names = Object.fromEntries(emails.map((e, i) => [e, `Firstname Lastname ${i}`]));
    const state = { status: 'ok' as const, origin: 'https://a.test', emails, total: 1000, names };
    expect(capReport(state)).toBe(state);
  });

  it('drops names first, then shortens the list, keeping the page’s real total', () => {
    const emails = big(1000);
    const names = Object.fromEntries(emails.map((e) => [e, 'N'.repeat(128)]));
    const capped = capReport({ status: 'ok', origin: 'https://evil.test', emails, total: 5000, names });
    expect(new TextEncoder().encode(JSON.stringify(capped)).length).toBeLessThanOrEqual(MAX_STORED_BYTES);
    expect(capped.names).toEqual({});
    expect(capped.total).toBe(5000);
    expect(capped.emails.length).toBeGreaterThan(300);
    expect(capped.emails.length).toBeLessThan(1000);
    expect(capped.emails).toEqual(emails.slice(0, capped.emails.length));
  });

  it('stores the capped report, so twelve hostile tabs stay far under the session quota', async () => {
    const scans = new TabScans(() => now);
    const emails = big(1000);
    const names = Object.fromEntries(emails.map((e) => [e, 'N'.repeat(128)]));
    for (let tab = 1; tab <= 12; tab++) await scans.report(tab, 'https://evil.test', emails, 1000, names);
    const bytes = new TextEncoder().encode(JSON.stringify(session)).length;
    expect(bytes).toBeLessThanOrEqual(12 * MAX_STORED_BYTES);
    expect(bytes).toBeLessThan((10 * 1024 * 1024) / 5);
  });
});
