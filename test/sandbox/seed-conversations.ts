/**
 * A dozen conversations between seeded contacts and the Acme support team: open, closed and snoozed,
 * assigned and not, some tagged, one rated, one with HTML in its title (for escaping tests).
 */
import { ADMINS, DAY, TAGS } from './seed-data';
import type { AuthorRef, ContactRecord, ConversationPartRecord, ConversationRecord } from './state';

interface ConvRow {
  email: string;
  role?: 'user' | 'lead';
  title: string;
  first: string;
  reply: string | null;
  state: 'open' | 'closed' | 'snoozed';
  assignee: 0 | 1 | 2 | 3 | null;
  tags: string[];
  priority?: boolean;
  daysAgo: number;
  rating?: [number, string];
}

const ROWS: ConvRow[] = [
  { email: 'olivia.bennett@northwind-analytics.com', title: 'SSO login loop after password reset', first: 'Since resetting my password I get bounced back to the login page forever.', reply: 'Thanks Olivia — we cleared your stale SSO session. Can you try again?', state: 'open', assignee: 0, tags: ['VIP'], priority: true, daysAgo: 0.2 },
  { email: 'lena.fischer@brightline.io', title: 'Invoice shows the wrong VAT number', first: 'Our May invoice has an old VAT ID on it. Can you reissue it?', reply: 'I have asked billing to reissue it with DE 812 345 678.', state: 'open', assignee: 3, tags: ['Billing issue'], daysAgo: 1.5 },
  { email: 'mallory@brightline.io', title: 'Export fails <script>alert(3)</script>', first: 'Exports fail with <b>bold</b> text & "quotes" in the report name.', reply: 'Fixed in the latest release.', state: 'closed', assignee: 1, tags: [], daysAgo: 6 },
  { email: 'grace.thompson@canopyhealth.org', title: 'How do I add teammates?', first: 'Where do I invite colleagues to our workspace?', reply: 'Settings → Teammates → Invite. You can paste a list of emails.', state: 'closed', assignee: 2, tags: [], daysAgo: 12, rating: [5, 'Quick and clear, thanks!'] },
  { email: 'samuel.osei@canopyhealth.org', title: 'API rate limits for bulk import', first: 'We need to import 200k records. What limits apply?', reply: 'Let me check with engineering and come back to you on Monday.', state: 'snoozed', assignee: 2, tags: ['VIP'], daysAgo: 3 },
  { email: 'jordan.ellis@canopyhealth.org', role: 'lead', title: 'Pricing question for 50 seats', first: 'Hi! Is there a discount for 50 seats on the annual plan?', reply: null, state: 'open', assignee: null, tags: [], daysAgo: 80 },
  { email: 'aoife@larkspurlabs.dev', title: 'Beta dashboards not loading', first: 'The new dashboards spin forever in Firefox.', reply: 'Reproduced — a fix ships tomorrow.', state: 'open', assignee: 1, tags: ['Beta tester'], daysAgo: 0.5 },
  { email: 'noah.williams@tidewaterfoods.co', title: 'Card declined on renewal', first: 'Our renewal failed, the card is fine though.', reply: 'The bank flagged it; please retry now.', state: 'closed', assignee: 3, tags: ['Billing issue'], daysAgo: 20 },
  { email: 'carlos.mendes@example.com', title: 'Do you support Portuguese?', first: 'Olá! Does the product support Portuguese?', reply: 'Yes — switch it under Profile → Language.', state: 'closed', assignee: 2, tags: [], daysAgo: 9 },
  { email: 'ethan.walsh@northwind-analytics.com', title: 'Thinking about cancelling', first: 'We barely use the reports any more. How do we cancel?', reply: 'Sorry to hear that, Ethan. Could we set up a call first?', state: 'open', assignee: 0, tags: ['Churn risk'], priority: true, daysAgo: 2 },
  { email: 'emily.zhang@example.com', title: 'Trial extension request', first: 'Could we extend our trial by two weeks?', reply: 'Extended until the 15th — I will check in next week.', state: 'snoozed', assignee: 2, tags: ['Enterprise trial'], daysAgo: 4 },
  { email: 'olivia.bennett@northwind-analytics.com', title: 'Feature request: export to CSV', first: 'Could the usage report export to CSV?', reply: 'Logged as a feature request — thanks!', state: 'closed', assignee: 1, tags: [], daysAgo: 45 },
];

const tagIdOf = (name: string): string => TAGS.find((t) => t.name === name)?.id ?? '';

export function buildConversations(contacts: ContactRecord[], now: number): ConversationRecord[] {
  return ROWS.map((row, i) => {
    const contact = contacts.find((c) => c.email === row.email && (row.role === undefined || c.role === row.role));
    if (!contact) throw new Error(`seed: no contact ${row.email}`);
    const id = String(31_000 + i * 13);
    const created = now - Math.round(row.daysAgo * DAY);
    const admin = row.assignee === null ? null : ADMINS[row.assignee];
    const author = { type: contact.role, id: contact.id } as const;
    const parts: ConversationPartRecord[] = [];
    let t = created;
    const part = (n: string, part_type: ConversationPartRecord['part_type'], dt: number, author: AuthorRef, rest: Partial<ConversationPartRecord> = {}) =>
      parts.push({ id: `${id}${n}`, part_type, body: null, created_at: (t += dt), author, state: 'open', assigned_to: null, ...rest });
    if (admin) part('01', 'assignment', 120, { type: 'bot', id: '5391999' }, { assigned_to: { type: 'admin', id: admin.id } });
    if (admin && row.reply) part('02', 'comment', 900, { type: 'admin', id: admin.id }, { body: `<p>${escapeHtml(row.reply)}</p>` });
    if (row.state === 'closed' && admin) part('03', 'close', 600, { type: 'admin', id: admin.id }, { state: 'closed' });
    if (row.state === 'snoozed' && admin) part('04', 'snoozed', 300, { type: 'admin', id: admin.id }, { state: 'snoozed' });
    const updated = parts.length > 0 ? t : created;
    return {
      id,
      title: row.title,
      created_at: created,
      updated_at: updated,
      waiting_since: row.state === 'open' && !row.reply ? created : null,
      snoozed_until: row.state === 'snoozed' ? now + 2 * DAY : null,
      state: row.state,
      read: row.state !== 'open' || i % 2 === 0,
      priority: row.priority ? 'priority' : 'not_priority',
      admin_assignee_id: admin ? Number(admin.id) : null,
      team_assignee_id: admin ? 7700 : null,
      contact_ids: [contact.id],
      tags: row.tags.map((name) => ({ id: tagIdOf(name), applied_at: created + 60, applied_by: admin?.id ?? ADMINS[0].id })),
      source: {
        id: String(72_000_000 + i * 101),
        type: 'conversation',
        delivered_as: 'customer_initiated',
        subject: '',
        body: `<p>${escapeHtml(row.first)}</p>`,
        author,
      },
      parts,
      rating: row.rating ? { rating: row.rating[0], remark: row.rating[1], created_at: updated + 300 } : null,
    };
  });
}

/** Intercom stores message bodies as HTML; user-typed text arrives escaped. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
