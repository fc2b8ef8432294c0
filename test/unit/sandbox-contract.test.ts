// @vitest-environment node
/**
 * Contract: the sandbox's answers conform to the response schemas of Intercom's own OpenAPI
 * description (2.14), read from ../shared/intercom/ next to the project. A fresh clone has no
 * ../shared, so the suite skips itself then, saying why.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, responseSchema, type OpenApiDoc } from '../sandbox/openapi-check';
import { DEMO_EMAILS, SANDBOX_TOKEN } from '../sandbox/seed';
import { startSandbox, type Sandbox } from '../sandbox/server';

const SPEC_PATH = path.resolve(__dirname, '../../../shared/intercom/api.intercom.io.2.14.yaml');
const haveSpec = fs.existsSync(SPEC_PATH);
if (!haveSpec) {
  console.warn(`[sandbox-contract] SKIPPED: Intercom's OpenAPI description is not at ${SPEC_PATH} (a fresh clone has no ../shared).`);
}

let doc: OpenApiDoc;
let sandbox: Sandbox;

async function call(method: string, url: string, body?: unknown, token = SANDBOX_TOKEN): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${sandbox.url}${url}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Intercom-Version': '2.14', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as unknown };
}

/** Calls the sandbox and checks the answer against the description's schema for that operation and status. */
async function conforms(specPath: string, method: string, url: string, opts: { body?: unknown; status?: number; token?: string } = {}) {
  const { status, json } = await call(method, url, opts.body, opts.token);
  expect(status, JSON.stringify(json).slice(0, 300)).toBe(opts.status ?? 200);
  expect(check(doc, responseSchema(doc, specPath, method, status), json)).toEqual([]);
  return json as Record<string, unknown>;
}

const contactId = (email: string) => sandbox.state.contacts.find((c) => c.email === email && c.role === 'user')?.id ?? '';

(haveSpec ? describe : describe.skip)('sandbox answers match the Intercom 2.14 OpenAPI response schemas', () => {
  beforeAll(async () => {
    doc = parse(fs.readFileSync(SPEC_PATH, 'utf8')) as OpenApiDoc;
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('the checker itself catches wrong types, missing required fields, bad enums and stray nulls', () => {
    const contact = doc.components.schemas.contact ?? {};
    expect(check(doc, contact, { type: 'contact', id: 'x', email: 'a@b.c' })).toEqual([]);
    expect(check(doc, contact, { id: 123 })).toEqual(['$.id: expected string, got 123']);
    expect(check(doc, contact, { email: null })[0]).toMatch(/not nullable/);
    expect(check(doc, contact, { location: { city: 7 } })).toEqual(['$.location.city: expected string, got 7']);
    expect(check(doc, doc.components.schemas.error ?? {}, { type: 'error.list', errors: [{ message: 'x' }] })).toEqual(['$.errors[0].code: required but missing']);
    expect(check(doc, doc.components.schemas.conversation ?? {}, { state: 'pending' })[0]).toMatch(/not one of/);
  });

  it('GET /me and GET /admins', async () => {
    const me = await conforms('/me', 'get', '/me');
    expect(me.app).toMatchObject({ type: 'app', id_code: 'sbx4demo' });
    await conforms('/admins', 'get', '/admins');
    await conforms('/admins', 'get', '/admins?display_avatar=true');
  });

  it('POST /contacts/search — every seeded contact', async () => {
    const all = await conforms('/contacts/search', 'post', '/contacts/search', {
      body: { query: { field: 'role', operator: 'IN', value: ['user', 'lead'] }, pagination: { per_page: 150 } },
    });
    expect(all.total_count).toBe(sandbox.state.contacts.length);
    await conforms('/contacts/search', 'post', '/contacts/search', {
      body: { query: { field: 'email', operator: 'IN', value: [...DEMO_EMAILS.known] }, pagination: { per_page: 5 } },
    });
  });

  it('GET, POST, PUT, DELETE /contacts', async () => {
    const id = contactId('mallory@brightline.io');
    await conforms('/contacts/{contact_id}', 'get', `/contacts/${id}`);
    const created = await conforms('/contacts', 'post', '/contacts', { body: { role: 'lead', email: 'contract@example.org', name: 'Contract Lead' } });
    await conforms('/contacts/{contact_id}', 'put', `/contacts/${String(created.id)}`, { body: { phone: '+1 555 0100', custom_attributes: { signup_source: 'website' } } });
    const deleted = await conforms('/contacts/{contact_id}', 'delete', `/contacts/${String(created.id)}`);
    expect(deleted).toMatchObject({ type: 'contact', id: created.id, deleted: true });
  });

  it("a contact's companies and tags", async () => {
    const id = contactId('lena.fischer@brightline.io');
    await conforms('/contacts/{contact_id}/companies', 'get', `/contacts/${id}/companies`);
    const tags = await conforms('/contacts/{contact_id}/tags', 'get', `/contacts/${id}/tags`);
    expect(tags.data).toHaveLength(2);
    await conforms('/contacts/{contact_id}/companies', 'get', '/contacts/nope/companies', { status: 404 });
  });

  it('companies: by id, filtered, listed', async () => {
    for (const company of sandbox.state.companies) await conforms('/companies/{company_id}', 'get', `/companies/${company.id}`);
    await conforms('/companies/{company_id}', 'get', '/companies/missing', { status: 404 });
    await conforms('/companies', 'get', '/companies?per_page=4&page=2');
    await conforms('/companies', 'get', '/companies?company_id=acct-1003');
    await conforms('/companies', 'get', '/companies?name=nobody', { status: 404 });
    await conforms('/companies/list', 'post', '/companies/list?per_page=50');
  });

  it('GET /tags and GET /ticket_types', async () => {
    await conforms('/tags', 'get', '/tags');
    await conforms('/ticket_types', 'get', '/ticket_types');
  });

  it('conversations: every seeded conversation, and search', async () => {
    for (const c of sandbox.state.conversations) await conforms('/conversations/{conversation_id}', 'get', `/conversations/${c.id}`);
    await conforms('/conversations/{conversation_id}', 'get', '/conversations/1', { status: 404 });
    const found = await conforms('/conversations/search', 'post', '/conversations/search', {
      body: { query: { field: 'state', operator: 'IN', value: ['open', 'closed', 'snoozed'] }, pagination: { per_page: 150 } },
    });
    expect(found.total_count).toBe(sandbox.state.conversations.length);
  });

  it('errors: 401 with a wrong token', async () => {
    await conforms('/admins', 'get', '/admins', { status: 401, token: 'wrong' });
    await conforms('/contacts/search', 'post', '/contacts/search', { status: 401, token: 'wrong', body: { query: { field: 'email', operator: '=', value: 'x' } } });
  });
});
