// @vitest-environment node
/**
 * Contract for the sandbox's segments and data-event listing (issue 14) against Intercom's 2.14 OpenAPI
 * description: `GET /segments` (segment_list), `GET /segments/{id}` (segment), `GET /contacts/{id}/segments`
 * (contact_segments), `GET /events` — the list as `data_event_list` (the description's own list schema; its
 * operation names the summary shape) and `summary=true` as the operation's `data_event_summary` — and
 * `GET /companies/{id}/contacts` (company_attached_contacts). Skips itself without ../shared, as the main contract does.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SPEC_PATH, contractClient, haveSpec, loadSpec } from '../sandbox/contract';
import type { OpenApiDoc } from '../sandbox/openapi-check';
import { seedHistory } from '../sandbox/seed-picture';
import { SEED_NOW } from '../sandbox/seed';
import { startSandbox, type Sandbox } from '../sandbox/server';

if (!haveSpec) console.warn(`[sandbox-picture-contract] SKIPPED: no OpenAPI description at ${SPEC_PATH}.`);

let doc: OpenApiDoc;
let sandbox: Sandbox;
const { call, conforms } = contractClient(() => doc, () => sandbox);
const NOW = SEED_NOW + 600;
const olivia = () => sandbox.state.contacts.find((c) => c.email === 'olivia.bennett@northwind-analytics.com' && c.role === 'user')!;

(haveSpec ? describe : describe.skip)('segments and data events match the 2.14 description', () => {
  beforeAll(async () => {
    doc = loadSpec();
    sandbox = await startSandbox({ clock: () => NOW * 1000 });
  });
  afterAll(() => sandbox?.close());
  beforeEach(() => {
    sandbox.reset();
    seedHistory(sandbox.state, NOW);
  });

  it('GET /segments, /segments/{id} and /contacts/{id}/segments', async () => {
    const list = await conforms('/segments', 'get', '/segments?include_count=true');
    const segments = list.segments as Array<{ id: string; count: number; name: string }>;
    expect(segments.length).toBe(sandbox.state.segments.length);
    expect(segments.find((s) => s.name === 'Northwind Analytics team')?.count).toBe(sandbox.state.contacts.filter((c) => c.role === 'user' && c.email?.endsWith('@northwind-analytics.com')).length);
    await conforms('/segments/{segment_id}', 'get', `/segments/${segments[0]!.id}`);
    expect((await call('GET', '/segments/nope')).status).toBe(404);
    const mine = await conforms('/contacts/{contact_id}/segments', 'get', `/contacts/${olivia().id}/segments`);
    expect((mine.data as Array<{ name: string }>).map((s) => s.name)).toContain('VIP customers');
    expect((await call('GET', '/contacts/000000000000000000000000/segments')).status).toBe(404);
  });

  it('GET /events lists a contact’s events newest first, paged by pages.next, and summarises them', async () => {
    const first = await conforms('/events', 'get', `/events?type=user&intercom_user_id=${olivia().id}&per_page=3`, { schema: 'data_event_list' });
    const events = first.events as Array<{ event_name: string; created_at: number }>;
    expect(events).toHaveLength(3);
    const times = events.map((e) => e.created_at);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const next = new URL((first.pages as { next: string }).next);
    const second = await conforms('/events', 'get', `/events?${next.searchParams}`, { schema: 'data_event_list' });
    expect((second.events as unknown[]).length).toBe(3);
    const summary = await conforms('/events', 'get', `/events?type=user&intercom_user_id=${olivia().id}&summary=true`);
    expect(summary.type).toBe('event.summary');
    expect((await call('GET', `/events?intercom_user_id=${olivia().id}`)).status).toBe(400);
    expect((await call('GET', '/events?type=user&intercom_user_id=000000000000000000000000')).status).toBe(404);
  });

  it('GET /companies/{id}/contacts', async () => {
    const company = sandbox.state.companies.find((c) => c.company_id === 'acct-1001')!;
    await conforms('/companies/{company_id}/contacts', 'get', `/companies/${company.id}/contacts?per_page=2`);
  });
});
