/**
 * Builds the deterministic demo workspace "Acme Support (sandbox)" (app id_code `sbx4demo`):
 * 4 admins (Priya Raman owns the token) in 2 teams, 40 contacts (users and leads) in 6 companies, 8 tags,
 * 3 ticket types, 12 conversations, 4 tickets and 3 notes. Same input, same output: no clock, no unseeded randomness.
 */
import { ADMINS, COMPANIES, DAY, LOCATIONS, PEOPLE, SEED_NOW, TAGS, type PersonRow } from './seed-data';
import { buildConversations } from './seed-conversations';
import { buildSegments } from './seed-picture';
import { buildNotes, buildTeams, buildTickets } from './seed-extra';
import { buildTicketTypes } from './seed-ticket-types';
import { objectId, type AdminRecord, type CompanyRecord, type ContactRecord, type SandboxState } from './state';

export const SANDBOX_TOKEN = 'sandbox-token-0123456789';
export const SANDBOX_APP_ID = 'sbx4demo';
export const SANDBOX_APP_NAME = 'Acme Support (sandbox)';
export { SEED_NOW };

/** Every distinct email address of a seeded contact (lower case, in seed order). */
export const SEEDED_EMAILS: readonly string[] = [...new Set(PEOPLE.map((p) => p.email))];

/** What `GET /demo` shows. `known` are seeded contacts, `unknown` are not in the workspace. */
export const DEMO_EMAILS = {
  known: [
    'olivia.bennett@northwind-analytics.com',
    'marcus.reid@northwind-analytics.com',
    'hannah.okafor@northwind-analytics.com', // written on the page as Hannah.Okafor@Northwind-Analytics.com
    'priya.natarajan@northwind-analytics.com',
    'lena.fischer@brightline.io',
    'mallory@brightline.io', // name contains HTML
    'grace.thompson@canopyhealth.org',
    'jordan.ellis@canopyhealth.org', // both a user and a lead
    'aoife@larkspurlabs.dev',
    'liam.oconnor@tidewaterfoods.co',
    'carlos.mendes@example.com',
    'misaki.tanaka@quillfeather.co.uk',
  ],
  /** Shown in `mailto:` links (the others are plain text). */
  mailto: [
    'marcus.reid@northwind-analytics.com',
    'priya.natarajan@northwind-analytics.com',
    'lena.fischer@brightline.io',
    'jordan.ellis@canopyhealth.org',
    'liam.oconnor@tidewaterfoods.co',
    'newperson@example.org',
  ],
  mixedCase: 'Hannah.Okafor@Northwind-Analytics.com',
  unknown: ['newperson@example.org', 'sam.rivera@example.net'],
  /** A seeded contact's address that appears only inside a <script>: must NOT be detected. */
  inScript: 'ethan.walsh@northwind-analytics.com',
} as const;

/** Small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BROWSERS = [
  ['chrome', '126.0.6478.127', 'macOS'],
  ['chrome', '125.0.6422.142', 'Windows 10'],
  ['firefox', '127.0', 'Windows 10'],
  ['safari', '17.5', 'macOS'],
  ['edge', '126.0.2592.68', 'Windows 11'],
] as const;
const LANG_BY_CC: Record<string, string> = { DEU: 'de', FRA: 'fr', BRA: 'pt-BR', PRT: 'pt', JPN: 'ja', DNK: 'da', SWE: 'sv', BGR: 'bg', ISR: 'he' };

function companyRecord(row: (typeof COMPANIES)[number], index: number): CompanyRecord {
  const created = SEED_NOW - row.ageDays * DAY;
  return {
    id: objectId(created, 0x100 + index),
    company_id: row.company_id,
    name: row.name,
    website: `https://www.${row.domain}`,
    industry: row.industry,
    size: row.size,
    monthly_spend: row.monthly_spend,
    plan: { id: String(264_000 + ['Starter', 'Growth', 'Enterprise'].indexOf(row.plan)), name: row.plan },
    created_at: created,
    updated_at: SEED_NOW - (index + 1) * 3_600,
    remote_created_at: created - 30 * DAY,
    last_request_at: SEED_NOW - (index + 1) * 5_400,
    session_count: row.size * 3 + index * 17,
    custom_attributes: { account_manager: row.account_manager, health_score: row.health_score, domain: row.domain },
    tag_ids: row.tags.map((t) => tagId(t)),
  };
}

function tagId(name: string): string {
  const tag = TAGS.find((t) => t.name === name);
  if (!tag) throw new Error(`seed: unknown tag ${name}`);
  return tag.id;
}

function contactRecord(row: PersonRow, index: number, companies: CompanyRecord[], rnd: () => number): ContactRecord {
  const ageDays = 20 + Math.floor(rnd() * 600);
  const created = SEED_NOW - ageDays * DAY - Math.floor(rnd() * DAY);
  const lastSeen = row.seenH === null ? null : SEED_NOW - row.seenH * 3_600;
  const [browser, version, os] = BROWSERS[Math.floor(rnd() * BROWSERS.length)] ?? BROWSERS[0];
  const loc = LOCATIONS[row.loc];
  const companyIndex = COMPANIES.findIndex((c) => c.key === row.company);
  const company = companies[companyIndex];
  const isUser = row.role === 'user';
  const custom: ContactRecord['custom_attributes'] = { signup_source: row.source };
  if (isUser) {
    custom.plan = (COMPANIES[companyIndex]?.plan ?? 'Starter').toLowerCase();
    custom.mrr = row.mrr ?? 0;
    custom.seats = row.seats ?? 1;
  }
  if (row.tags.includes('Enterprise trial')) custom.trial_ends_at = SEED_NOW + 9 * DAY;
  return {
    id: objectId(created, index + 1),
    external_id: isUser ? `usr_${String(1000 + index * 7)}` : null,
    role: row.role,
    email: row.email,
    phone: row.phone,
    name: row.name,
    avatar: null,
    owner_id: row.owner === undefined ? null : Number(ADMINS[row.owner].id),
    has_hard_bounced: row.flags?.bounced ?? false,
    marked_email_as_spam: row.flags?.spam ?? false,
    unsubscribed_from_emails: row.flags?.unsubscribed ?? false,
    created_at: created,
    updated_at: Math.max(created, lastSeen ?? created),
    signed_up_at: isUser ? created : null,
    last_seen_at: lastSeen,
    last_replied_at: lastSeen !== null && rnd() < 0.5 ? lastSeen - 3_600 : null,
    last_contacted_at: rnd() < 0.6 ? SEED_NOW - Math.floor(rnd() * 30) * DAY - 7_200 : null,
    last_email_opened_at: row.flags?.bounced ? null : SEED_NOW - Math.floor(rnd() * 20) * DAY - 600,
    last_email_clicked_at: null,
    language_override: null,
    browser: lastSeen === null ? null : browser,
    browser_version: lastSeen === null ? null : version,
    browser_language: loc.country_code ? (LANG_BY_CC[loc.country_code] ?? 'en') : null,
    os: lastSeen === null ? null : os,
    location: { ...loc },
    custom_attributes: custom,
    tags: row.tags.map((t, i) => ({ id: tagId(t), applied_at: created + (i + 1) * DAY, applied_by: ADMINS[0].id })),
    company_ids: company ? [company.id] : [],
  };
}

function adminRecords(): AdminRecord[] {
  return ADMINS.map((a, i) => ({
    id: a.id,
    name: a.name,
    email: a.email,
    job_title: a.job_title,
    away_mode_enabled: a.away,
    away_mode_reassign: a.away,
    has_inbox_seat: true,
    team_ids: i === 3 ? [7701] : [7700],
    avatar: null,
  }));
}

/** A fresh workspace. With `seed: false` only the app and the token owner exist. */
export function createState(opts: { seed?: boolean } = {}): SandboxState {
  const admins = adminRecords();
  const base: SandboxState = {
    app: {
      id_code: SANDBOX_APP_ID,
      name: SANDBOX_APP_NAME,
      region: 'US',
      timezone: 'Etc/UTC',
      created_at: SEED_NOW - 1_100 * DAY,
      identity_verification: false,
    },
    meAdminId: ADMINS[0].id,
    admins: opts.seed === false ? admins.slice(0, 1) : admins,
    contacts: [],
    companies: [],
    tags: [],
    ticketTypes: [],
    conversations: [],
    notes: [],
    teams: [],
    tickets: [],
    messages: [],
    events: [],
    segments: [],
    merged: {},
    contactAttributes: {
      plan: 'string',
      mrr: 'integer',
      seats: 'integer',
      signup_source: 'string',
      trial_ends_at: 'date',
      // Defined in the workspace but set on no one: the card's "Add attribute" offers them.
      onboarding_stage: 'string',
      beta_tester: 'boolean',
      nps_score: 'float',
      billing_id: 'string',
    },
    contactAttributeMeta: {
      plan: { label: 'Plan', description: 'The plan the user pays for', options: ['starter', 'growth', 'enterprise'] },
      mrr: { label: 'MRR', description: 'Monthly recurring revenue, in USD' },
      seats: { label: 'Seats' },
      signup_source: { label: 'Signup source' },
      trial_ends_at: { label: 'Trial ends' },
      onboarding_stage: { label: 'Onboarding stage', options: ['signed_up', 'activated', 'onboarded', 'churned'] },
      beta_tester: { label: 'Beta tester' },
      nps_score: { label: 'NPS score' },
      billing_id: { label: 'Billing ID', description: 'Set by the billing system', apiWritable: false },
    },
    seq: 1,
  };
  base.teams = buildTeams(base.admins);
  if (opts.seed === false) return base;

  const rnd = prng(0x5eed);
  base.companies = COMPANIES.map(companyRecord);
  base.contacts = PEOPLE.map((row, i) => contactRecord(row, i, base.companies, rnd));
  base.tags = TAGS.map((t) => ({ id: t.id, name: t.name }));
  base.ticketTypes = buildTicketTypes(SANDBOX_APP_ID, SEED_NOW - 300 * DAY);
  base.conversations = buildConversations(base.contacts, SEED_NOW);
  base.notes = buildNotes(base.contacts, SEED_NOW);
  base.tickets = buildTickets(base.contacts, base.conversations, SEED_NOW);
  base.segments = buildSegments(SEED_NOW);
  return base;
}

/** The seeded contact(s) with this email, users first. Handy for tests and demo pages. */
export function contactsByEmail(state: SandboxState, email: string): ContactRecord[] {
  const e = email.toLowerCase();
  return state.contacts
    .filter((c) => c.email?.toLowerCase() === e)
    .sort((a, b) => (a.role === b.role ? 0 : a.role === 'user' ? -1 : 1));
}
