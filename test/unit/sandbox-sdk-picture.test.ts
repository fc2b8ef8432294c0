// @vitest-environment node
/**
 * Fidelity for the card's fuller picture: intercom-client 7 itself lists segments (and one), a contact's
 * segments, a contact's data events and their summary, and a company's contacts against the sandbox.
 */
import { IntercomClient, IntercomError } from 'intercom-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedHistory } from '../sandbox/seed-picture';
import { SANDBOX_TOKEN, SEED_NOW } from '../sandbox/seed';
import { startSandbox, type Sandbox } from '../sandbox/server';

let sandbox: Sandbox;
let client: IntercomClient;
const NOW = SEED_NOW + 120;

beforeAll(async () => {
  sandbox = await startSandbox({ clock: () => NOW * 1000 });
  client = new IntercomClient({ token: SANDBOX_TOKEN, baseUrl: sandbox.url, maxRetries: 0 });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.reset();
  seedHistory(sandbox.state, NOW);
});
const olivia = () => sandbox.state.contacts.find((c) => c.email === 'olivia.bennett@northwind-analytics.com' && c.role === 'user')!;

describe('segments, events and a company’s contacts through the SDK', () => {
  it('segments.list (with counts), segments.find, contacts.listAttachedSegments', async () => {
    const list = await client.segments.list({ include_count: true });
    expect(list.segments?.map((s) => s.name)).toEqual(sandbox.state.segments.map((s) => s.name));
    expect(list.segments?.every((s) => typeof s.count === 'number')).toBe(true);
    const one = await client.segments.find({ segment_id: list.segments![0]!.id! });
    expect(one).toMatchObject({ type: 'segment', name: list.segments![0]!.name });
    const mine = await client.contacts.listAttachedSegments({ contact_id: olivia().id });
    expect(mine.data?.map((s) => s.name)).toContain('VIP customers');
    const missing = await client.segments.find({ segment_id: 'nope' }).then(() => null, (e: unknown) => e);
    expect(missing).toBeInstanceOf(IntercomError);
    expect((missing as IntercomError).statusCode).toBe(404);
  });

  it('events.list: a contact’s events, and their summary', async () => {
    const listed = (await client.events.list({ type: 'user', intercom_user_id: olivia().id, per_page: 2 })) as unknown as {
      events: Array<{ event_name: string }>;
      pages: { next?: string };
    };
    expect(listed.events).toHaveLength(2);
    expect(listed.pages.next).toContain('before=');
    const summary = await client.events.list({ type: 'user', intercom_user_id: olivia().id, summary: true });
    expect(summary.type).toBe('event.summary');
    expect(summary.events?.find((e) => e?.name === 'exported-report')).toMatchObject({ count: 2 });
  });

  it('companies.listAttachedContacts', async () => {
    const company = sandbox.state.companies.find((c) => c.company_id === 'acct-1001')!;
    const people = await client.companies.listAttachedContacts({ company_id: company.id });
    expect(people.data?.map((c) => c.id).sort()).toEqual(sandbox.state.contacts.filter((c) => c.company_ids.includes(company.id)).map((c) => c.id).sort());
  });
});
