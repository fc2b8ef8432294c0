/**
 * Quick actions end to end, in Chromium against the sandbox: a known contact's card from the demo page, the
 * user's clicks and keys for each action, the exact request Intercom (the sandbox) received, and the card after.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../sandbox/pipeline';
import { configure, contactOf, openPanelFor, startWorld, stopWorld, type World } from './helpers';

let w: World;
beforeAll(async () => {
  w = await startWorld();
  await (await configure(w)).close();
});
afterAll(() => stopWorld(w));

const OLIVIA = 'olivia.bennett@northwind-analytics.com';
const PRIYA = 'priya.natarajan@northwind-analytics.com'; // a lead (converted by the test below)
const CARLOS = 'carlos.mendes@example.com'; // another lead

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The demo page, the panel beside it, and the card of `email` opened from the list. */
async function openCard(email: string) {
  const { panel, page } = await openPanelFor(w, `${w.sandbox.url}/demo`);
  const c = contactOf(w.sandbox, email);
  await panel.getByRole('button', { name: new RegExp(escape(c.name!)) }).first().click();
  await expect.poll(() => panel.getByRole('heading', { level: 2 }).textContent()).toBe(c.name);
  return {
    panel,
    c,
    from: w.sandbox.requests.length,
    close: async () => {
      await panel.close();
      await page.close();
    },
  };
}

/** The writes the sandbox received since `from` (searches are reads). */
function writes(from: number): RecordedRequest[] {
  return w.sandbox.requests.slice(from).filter((r) => r.method !== 'GET' && !r.path.endsWith('/search'));
}

const status = (panel: Page) => panel.locator('.qa-status[role="status"]');
const meId = () => w.sandbox.state.meAdminId;
/** A button of the card's quick-action toolbar (the conversations below have their own Tag and Note). */
const quick = (panel: Page, name: string) => panel.getByRole('group', { name: 'Quick actions' }).getByRole('button', { name, exact: true });

describe('quick actions on a contact card', () => {
  it('Tag: picks a tag by keyboard, shows it on the card at once, and Undo takes it off', async () => {
    const { panel, c, from, close } = await openCard(OLIVIA);
    const beta = w.sandbox.state.tags.find((t) => t.name === 'Beta tester')!;
    await quick(panel, 'Tag').click();
    const box = panel.getByRole('combobox', { name: 'Find or create a tag' });
    await box.fill('beta');
    await panel.getByRole('option', { name: 'Beta tester' }).waitFor();
    await box.press('ArrowDown');
    await box.press('ArrowUp');
    await box.press('Enter'); // chooses
    expect(await box.inputValue()).toBe('Beta tester');
    await box.press('Enter'); // submits
    await expect.poll(() => status(panel).textContent()).toContain('Tag added');
    expect(writes(from).map((r) => [r.method, r.path, r.body])).toEqual([['POST', `/contacts/${c.id}/tags`, { id: beta.id }]]);
    const tags = panel.getByRole('list', { name: 'Tags' }).first();
    await expect.poll(() => tags.textContent()).toContain('Beta tester');

    const before = w.sandbox.requests.length;
    await panel.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => status(panel).textContent()).toContain('Tag removed');
    expect(writes(before).map((r) => [r.method, r.path])).toEqual([['DELETE', `/contacts/${c.id}/tags/${beta.id}`]]);
    await expect.poll(() => tags.textContent()).not.toContain('Beta tester');
    await close();
  });

  it('Note: Ctrl+Enter adds it as the acting admin', async () => {
    const { panel, c, from, close } = await openCard(OLIVIA);
    await quick(panel, 'Note').click();
    const body = panel.getByRole('textbox', { name: 'Note' });
    await body.fill('Called about the renewal');
    await body.press('Control+Enter');
    await expect.poll(() => status(panel).textContent()).toContain('Note added');
    expect(writes(from).map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', `/contacts/${c.id}/notes`, { body: 'Called about the renewal', admin_id: meId() }],
    ]);
    expect(await panel.getByRole('form', { name: 'Add a note' }).count()).toBe(0);
    expect(await quick(panel, 'Note').evaluate((b) => b === document.activeElement)).toBe(true);
    await close();
  });

  it('Message: an in-app message, sent only after the confirmation', async () => {
    const { panel, c, from, close } = await openCard(OLIVIA);
    await quick(panel, 'Message').click();
    const form = panel.getByRole('form', { name: 'Send a message' });
    expect(await form.textContent()).toContain(`To: ${c.name} <${c.email}>`);
    await form.getByRole('textbox', { name: 'Message' }).fill('Your invoice is ready.');
    await form.getByRole('button', { name: 'Send', exact: true }).click();
    await form.getByRole('button', { name: 'Confirm send' }).waitFor();
    expect(writes(from)).toEqual([]);
    await form.getByRole('button', { name: 'Confirm send' }).click();
    await expect.poll(() => status(panel).textContent()).toContain('Message sent');
    const sent = writes(from);
    expect(sent.map((r) => [r.method, r.path])).toEqual([['POST', '/messages']]);
    const body = sent[0]!.body as { from: { type: string; id: unknown } };
    expect(body).toEqual({
      message_type: 'inapp',
      body: 'Your invoice is ready.',
      template: 'plain',
      from: { type: 'admin', id: body.from.id },
      to: { type: 'user', id: c.id },
    });
    expect(String(body.from.id)).toBe(String(meId()));
    await close();
  });

  it('Ticket: a Bug report with its required Severity, and a link to it', async () => {
    const { panel, c, from, close } = await openCard(OLIVIA);
    const type = w.sandbox.state.ticketTypes.find((t) => t.name === 'Bug report')!;
    await quick(panel, 'Ticket').click();
    const form = panel.getByRole('form', { name: 'Create a ticket' });
    await form.getByRole('combobox', { name: 'Ticket type' }).selectOption({ label: 'Bug report' });
    await form.getByRole('textbox', { name: 'Title' }).fill('Export crashes');
    await form.getByRole('button', { name: 'Create ticket' }).click();
    expect(await form.getByRole('alert').textContent()).toBe('Fill in the required fields.');
    expect(writes(from)).toEqual([]);
    await form.getByRole('combobox', { name: 'Severity' }).selectOption({ label: 'High' });
    await form.getByRole('textbox', { name: 'Description' }).fill('CSV export fails');
    await form.getByRole('textbox', { name: 'Description' }).press('Control+Enter');
    await expect.poll(() => status(panel).textContent()).toMatch(/Ticket \S+ created/);
    const sent = writes(from);
    expect(sent.map((r) => [r.method, r.path])).toEqual([['POST', '/tickets']]);
    expect(sent[0]!.body).toMatchObject({
      ticket_type_id: type.id,
      contacts: [{ id: c.id }],
      ticket_attributes: { _default_title_: 'Export crashes', _default_description_: 'CSV export fails', Severity: 'sev-high' },
    });
    const ticket = w.sandbox.state.tickets.at(-1)!;
    const link = status(panel).getByRole('link', { name: 'Open ticket in Intercom' });
    expect(await link.getAttribute('href')).toContain(String(ticket.id));
    await close();
  });

  it('Ticket: a 5xx after Intercom created it is reported as "may have been sent", never resent, and Retry is the user’s say', async () => {
    const { panel, from, close } = await openCard(OLIVIA);
    const before = w.sandbox.state.tickets.length;
    await quick(panel, 'Ticket').click();
    const form = panel.getByRole('form', { name: 'Create a ticket' });
    await form.getByRole('combobox', { name: 'Ticket type' }).selectOption({ label: 'Bug report' });
    await form.getByRole('textbox', { name: 'Title' }).fill('Gateway hiccup');
    await form.getByRole('combobox', { name: 'Severity' }).selectOption({ label: 'Low' });
    // Set now, once the card's reads are done: the path also covers /tickets/search.
    await expect.poll(() => panel.getByRole('heading', { name: 'Tickets' }).count()).toBeGreaterThan(0);
    w.sandbox.faults.set({ failNext: { count: 1, status: 502, method: 'POST', path: '/tickets', afterApply: true } });
    await form.getByRole('button', { name: 'Create ticket' }).click();
    await expect.poll(async () => (await panel.getByRole('alert').allTextContents()).join(' ')).toContain('may or may not have been sent');
    // Exactly one request reached Intercom, and exactly one ticket exists: nothing was resent behind the user's back.
    expect(writes(from).filter((r) => r.path === '/tickets')).toHaveLength(1);
    expect(w.sandbox.state.tickets.length).toBe(before + 1);
    // The form stays filled, and the pending-and-failed list offers Retry for the user to decide.
    expect(await form.getByRole('textbox', { name: 'Title' }).inputValue()).toBe('Gateway hiccup');
    await panel.getByRole('button', { name: 'Back to the list' }).click();
    await expect.poll(() => panel.getByRole('button', { name: 'Retry' }).count()).toBeGreaterThan(0);
    await close();
  });

  it('Edit: sends only the changed phone, and the card shows it', async () => {
    const { panel, c, from, close } = await openCard(OLIVIA);
    await quick(panel, 'Edit').click();
    const form = panel.getByRole('form', { name: 'Edit the contact' });
    expect(await form.getByRole('textbox', { name: 'Name' }).inputValue()).toBe(c.name);
    await form.getByRole('textbox', { name: 'Phone' }).fill('+1 206-555-0199');
    await form.getByRole('textbox', { name: 'Phone' }).press('Enter');
    await expect.poll(() => status(panel).textContent()).toContain('Contact saved');
    expect(writes(from).map((r) => [r.method, r.path, r.body])).toEqual([['PUT', `/contacts/${c.id}`, { phone: '+1 206-555-0199' }]]);
    await expect.poll(() => panel.getByRole('article').textContent()).toContain('+1 206-555-0199');
    await close();
  });

  it('Company: finds a company by name and attaches the contact', async () => {
    const { panel, c, from, close } = await openCard(OLIVIA);
    const other = w.sandbox.state.companies.find((co) => !c.company_ids.includes(co.id))!;
    await quick(panel, 'Company').click();
    const name = panel.getByRole('textbox', { name: 'Company name' });
    await name.fill(other.name!);
    await name.press('Enter');
    const attach = panel.getByRole('button', { name: `Attach to ${other.name}` });
    await attach.click();
    await expect.poll(() => status(panel).textContent()).toContain('Company attached');
    expect(writes(from).map((r) => [r.method, r.path, r.body])).toEqual([['POST', `/contacts/${c.id}/companies`, { id: other.id }]]);
    await expect.poll(() => panel.getByRole('article').textContent()).toContain(other.name!);
    await close();
  });

  it('Event: a named event with metadata', async () => {
    const { panel, c, from, close } = await openCard(OLIVIA);
    await quick(panel, 'Event').click();
    await panel.getByRole('textbox', { name: 'Event name' }).fill('invoice-paid');
    await panel.getByRole('button', { name: 'Add field' }).click();
    await panel.getByRole('textbox', { name: 'Field 1 name' }).fill('amount');
    await panel.getByRole('textbox', { name: 'Field 1 value' }).fill('120');
    await panel.getByRole('button', { name: 'Record event' }).click();
    await expect.poll(() => status(panel).textContent()).toContain('Event recorded');
    const sent = writes(from);
    expect(sent.map((r) => [r.method, r.path])).toEqual([['POST', '/events']]);
    expect(sent[0]!.body).toMatchObject({ event_name: 'invoice-paid', id: c.id, metadata: { amount: '120' } });
    await close();
  });

  it('Convert to user: a lead becomes a user', async () => {
    const { panel, c, from, close } = await openCard(PRIYA);
    expect(c.role).toBe('lead');
    await quick(panel, 'Convert to user').click();
    await panel.getByRole('button', { name: 'Convert', exact: true }).click();
    await expect.poll(() => status(panel).textContent()).toContain('Converted to a user');
    expect(writes(from).map((r) => [r.method, r.path, r.body])).toEqual([['PUT', `/contacts/${c.id}`, { role: 'user', email: c.email }]]);
    await expect.poll(() => panel.locator('.card-heading .badge').textContent()).toBe('User');
    expect(await quick(panel, 'Convert to user').count()).toBe(0);
    await close();
  });

  it('has no axe violations with each form open, in light and dark', async () => {
    const { panel, close } = await openCard(CARLOS);
    const open: Array<[string, () => Promise<void>]> = [
      ['Tag', () => panel.getByRole('combobox', { name: 'Find or create a tag' }).fill('e')],
      ['Message', () => panel.getByRole('radio', { name: 'Email' }).check()],
      ['Ticket', async () => void (await panel.getByRole('combobox', { name: 'Ticket type' }).selectOption({ label: 'Bug report' }))],
      ['Note', async () => undefined],
      ['Convert to user', async () => undefined],
      ['Edit', async () => undefined],
      ['Company', async () => {
        await panel.getByRole('textbox', { name: 'Company name' }).fill('Northwind');
        await panel.getByRole('textbox', { name: 'Company name' }).press('Enter');
        await panel.getByRole('button', { name: /^Create company|^Attach to/ }).first().waitFor();
      }],
      ['Event', () => panel.getByRole('button', { name: 'Add field' }).click()],
    ];
    for (const [name, fill] of open) {
      await quick(panel, name).click();
      await fill();
      for (const colorScheme of ['light', 'dark'] as const) {
        await panel.emulateMedia({ colorScheme });
        expect({ name, colorScheme, violations: await violations(panel) }).toEqual({ name, colorScheme, violations: [] });
      }
      // In the tag picker the first Esc closes its list of suggestions, the next one the form.
      const picker = panel.getByRole('combobox', { name: 'Find or create a tag' });
      if (name === 'Tag' && (await picker.getAttribute('aria-expanded')) === 'true') await picker.press('Escape');
      await panel.keyboard.press('Escape');
      await expect.poll(() => quick(panel, name).evaluate((b) => b === document.activeElement)).toBe(true);
    }
    await close();
  });
});

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe's violations on the page as it is now (evaluated through CDP: the extension page's CSP forbids eval). */
async function violations(page: Page): Promise<Array<{ rule: string; nodes: string[] }>> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Runtime.evaluate', { expression: `${AXE_SOURCE};\ntypeof axe.run` });
  } finally {
    await cdp.detach();
  }
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ rule: v.id, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`) }));
  });
}
