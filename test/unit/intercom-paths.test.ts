// @vitest-environment node
/** Hostile ids never change which Intercom path a request goes to (issue 11): every path builder, against the sandbox. */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { IdSchema } from '../../src/protocol/actions';
import * as companies from '../../src/core/intercom/companies';
import * as contacts from '../../src/core/intercom/contacts';
import * as conversations from '../../src/core/intercom/conversations';
import { collect } from '../../src/core/intercom/paginate';
import * as tags from '../../src/core/intercom/tags';
import * as tickets from '../../src/core/intercom/tickets';
import { useSandbox } from './intercom-sandbox';

const env = useSandbox();
const HOSTILE = ['..', '.', '%2e%2e', '%2E.', '../admins', 'a/../../admins', '?per_page=1', '#x', 'me/..', '..%2f'];
const tag = { id: '..', name: 'x' };
const company = { id: '..', type: 'company' } as unknown as Parameters<typeof companies.detachContact>[2];

/** Each builder with the id it takes, and the path prefix its requests must stay under. */
const BUILDERS: Array<[string, (id: string) => Promise<unknown>, RegExp]> = [
  ['getContact', (id) => contacts.getContact(env.client(), id), /^\/contacts\/[^/]+$/],
  ['updateContact', (id) => contacts.updateContact(env.client(), id, { name: 'x' }), /^\/contacts\/[^/]+$/],
  ['convertLeadToUser', (id) => contacts.convertLeadToUser(env.client(), id), /^\/contacts\/(convert|[^/]+)$/],
  ['deleteContact', (id) => contacts.deleteContact(env.client(), id), /^\/contacts\/[^/]+$/],
  ['contactTags', (id) => contacts.contactTags(env.client(), id), /^\/contacts\/[^/]+\/tags$/],
  ['tagContact', (id) => contacts.tagContact(env.client(), id, 'x'), /^\/contacts\/[^/]+\/tags$/],
  ['untagContact', (id) => contacts.untagContact(env.client(), 'c1', { ...tag, id }), /^\/contacts\/c1\/tags\/[^/]+$/],
  ['contactNotes', (id) => collect(contacts.contactNotes(env.client(), id)), /^\/contacts\/[^/]+\/notes$/],
  ['addNote', (id) => contacts.addNote(env.client(), id, 'x', '1'), /^\/contacts\/[^/]+\/notes$/],
  ['getCompany', (id) => companies.getCompany(env.client(), id), /^\/companies\/[^/]+$/],
  ['contactCompanies', (id) => companies.contactCompanies(env.client(), id), /^\/contacts\/[^/]+\/companies$/],
  ['attachContact', (id) => companies.attachContact(env.client(), id, 'x'), /^\/contacts\/[^/]+\/companies$/],
  ['detachContact', (id) => companies.detachContact(env.client(), 'c1', { ...company, id } as typeof company), /^\/contacts\/c1\/companies\/[^/]+$/],
  ['getConversation', (id) => conversations.getConversation(env.client(), id), /^\/conversations\/[^/]+$/],
  ['close', (id) => conversations.close(env.client(), id, '1'), /^\/conversations\/[^/]+(\/parts)?$/],
  ['snooze', (id) => conversations.snooze(env.client(), id, '1', 2_000_000_000), /^\/conversations\/[^/]+(\/parts)?$/],
  ['getTicketType', (id) => tickets.getTicketType(env.client(), id), /^\/ticket_types\/[^/]+$/],
  ['getTicket', (id) => tickets.getTicket(env.client(), id), /^\/tickets\/[^/]+$/],
  ['tagConversation', (id) => tags.tagConversation(env.client(), id, 'x', '1'), /^\/conversations\/[^/]+(\/tags)?$/],
  ['untagConversation', (id) => tags.untagConversation(env.client(), 'c1', { ...tag, id }, '1'), /^\/conversations\/c1(\/tags\/[^/]+)?$/],
];

describe('path builders with hostile ids', () => {
  for (const [name, build, allowed] of BUILDERS) {
    it(`${name} stays on its own path`, async () => {
      for (const id of HOSTILE) {
        env.sandbox.requests.length = 0;
        await build(id).catch(() => undefined);
        for (const r of env.sandbox.requests) expect(r.path, `${name}(${JSON.stringify(id)})`).toMatch(allowed);
        // Ids that would resolve to another path are refused before anything is sent (`%2e%2e` is encoded, so harmless).
        if (/^\.{1,2}$/.test(id)) expect(env.sandbox.requests, `${name}(${JSON.stringify(id)})`).toEqual([]);
      }
    });
  }
});

describe('IdSchema', () => {
  it('refuses ids that are only dots, and keeps real Intercom ids', () => {
    for (const bad of ['.', '..', '...', '', 'a/b', '%2e%2e', 'x'.repeat(65)]) expect(v.safeParse(IdSchema, bad).success, bad).toBe(false);
    for (const good of ['6329bd9ffe4e5a2e5b6c1f2a', '123', 'a.b', 'v1:abc-def', '.x']) expect(v.safeParse(IdSchema, good).success, good).toBe(true);
  });
});
