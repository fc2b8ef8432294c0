/**
 * Raw tables for the demo workspace "Acme Support (sandbox)". All names, companies and domains are
 * made up; personal addresses use the reserved example.com/.net/.org domains. `seed.ts` turns these
 * rows into records. Times are offsets from SEED_NOW so the data never depends on the clock.
 */
import type { LocationRecord, Role } from './state';

/** 2026-05-28T20:26:40Z — the fixed "now" of the seed. */
export const SEED_NOW = 1_780_000_000;
export const DAY = 86_400;

export const ADMINS = [
  { id: '5391001', name: 'Priya Raman', email: 'priya.raman@acme.example', job_title: 'Head of Support', away: false },
  { id: '5391002', name: 'Marcus Chen', email: 'marcus.chen@acme.example', job_title: 'Support Engineer', away: false },
  { id: '5391003', name: 'Sofia Alvarez', email: 'sofia.alvarez@acme.example', job_title: 'Customer Success Manager', away: false },
  { id: '5391004', name: 'Tom Nguyen', email: 'tom.nguyen@acme.example', job_title: 'Billing Specialist', away: true },
] as const;

export type AdminKey = 0 | 1 | 2 | 3;

export const TAGS = [
  { id: '8120001', name: 'VIP' },
  { id: '8120002', name: 'Churn risk' },
  { id: '8120003', name: 'Beta tester' },
  { id: '8120004', name: 'Enterprise trial' },
  { id: '8120005', name: 'Newsletter' },
  { id: '8120006', name: 'Needs onboarding' },
  { id: '8120007', name: 'Partner' },
  { id: '8120008', name: 'Billing issue' },
] as const;

export type TagName = (typeof TAGS)[number]['name'];

export interface CompanyRow {
  key: string;
  company_id: string;
  name: string;
  domain: string;
  industry: string;
  size: number;
  plan: 'Starter' | 'Growth' | 'Enterprise';
  monthly_spend: number;
  ageDays: number;
  account_manager: string;
  health_score: number;
  tags: TagName[];
}

export const COMPANIES: CompanyRow[] = [
  { key: 'northwind', company_id: 'acct-1001', name: 'Northwind Analytics', domain: 'northwind-analytics.com', industry: 'Software', size: 850, plan: 'Enterprise', monthly_spend: 4200, ageDays: 910, account_manager: 'Sofia Alvarez', health_score: 62, tags: ['VIP'] },
  { key: 'brightline', company_id: 'acct-1002', name: 'Brightline Logistics', domain: 'brightline.io', industry: 'Logistics', size: 320, plan: 'Growth', monthly_spend: 1800, ageDays: 540, account_manager: 'Sofia Alvarez', health_score: 81, tags: ['Partner'] },
  { key: 'canopy', company_id: 'acct-1003', name: 'Canopy Health', domain: 'canopyhealth.org', industry: 'Healthcare', size: 2400, plan: 'Enterprise', monthly_spend: 7900, ageDays: 730, account_manager: 'Priya Raman', health_score: 88, tags: [] },
  { key: 'larkspur', company_id: 'acct-1004', name: 'Larkspur Labs', domain: 'larkspurlabs.dev', industry: 'Software', size: 14, plan: 'Starter', monthly_spend: 99, ageDays: 120, account_manager: 'Marcus Chen', health_score: 45, tags: [] },
  { key: 'tidewater', company_id: 'acct-1005', name: 'Tidewater Foods', domain: 'tidewaterfoods.co', industry: 'Food & Beverage', size: 140, plan: 'Growth', monthly_spend: 950, ageDays: 400, account_manager: 'Marcus Chen', health_score: 70, tags: [] },
  { key: 'quillfeather', company_id: 'acct-1006', name: 'Quillfeather Books', domain: 'quillfeather.co.uk', industry: 'Publishing', size: 38, plan: 'Starter', monthly_spend: 290, ageDays: 260, account_manager: 'Priya Raman', health_score: 93, tags: [] },
];

type Loc = [city: string | null, region: string | null, country: string | null, cc: string | null, continent: string | null];
const L = (...l: Loc): LocationRecord => ({ city: l[0], region: l[1], country: l[2], country_code: l[3], continent_code: l[4] });

export const LOCATIONS = {
  seattle: L('Seattle', 'Washington', 'United States', 'USA', 'NA'),
  portland: L('Portland', 'Oregon', 'United States', 'USA', 'NA'),
  vancouver: L('Vancouver', 'British Columbia', 'Canada', 'CAN', 'NA'),
  hamburg: L('Hamburg', 'Hamburg', 'Germany', 'DEU', 'EU'),
  berlin: L('Berlin', 'Berlin', 'Germany', 'DEU', 'EU'),
  munich: L('Munich', 'Bavaria', 'Germany', 'DEU', 'EU'),
  boston: L('Boston', 'Massachusetts', 'United States', 'USA', 'NA'),
  miami: L('Miami', 'Florida', 'United States', 'USA', 'NA'),
  austin: L('Austin', 'Texas', 'United States', 'USA', 'NA'),
  dublin: L('Dublin', 'Leinster', 'Ireland', 'IRL', 'EU'),
  copenhagen: L('Copenhagen', 'Capital Region', 'Denmark', 'DNK', 'EU'),
  sydney: L('Sydney', 'New South Wales', 'Australia', 'AUS', 'OC'),
  melbourne: L('Melbourne', 'Victoria', 'Australia', 'AUS', 'OC'),
  london: L('London', 'England', 'United Kingdom', 'GBR', 'EU'),
  manchester: L('Manchester', 'England', 'United Kingdom', 'GBR', 'EU'),
  tokyo: L('Tokyo', 'Tokyo', 'Japan', 'JPN', 'AS'),
  saopaulo: L('São Paulo', 'São Paulo', 'Brazil', 'BRA', 'SA'),
  dubai: L('Dubai', 'Dubai', 'United Arab Emirates', 'ARE', 'AS'),
  paris: L('Paris', 'Île-de-France', 'France', 'FRA', 'EU'),
  lyon: L('Lyon', 'Auvergne-Rhône-Alpes', 'France', 'FRA', 'EU'),
  telaviv: L('Tel Aviv', 'Tel Aviv District', 'Israel', 'ISR', 'AS'),
  lisbon: L('Lisbon', 'Lisbon', 'Portugal', 'PRT', 'EU'),
  accra: L('Accra', 'Greater Accra', 'Ghana', 'GHA', 'AF'),
  toronto: L('Toronto', 'Ontario', 'Canada', 'CAN', 'NA'),
  mumbai: L('Mumbai', 'Maharashtra', 'India', 'IND', 'AS'),
  stockholm: L('Stockholm', 'Stockholm County', 'Sweden', 'SWE', 'EU'),
  sofia: L('Sofia', 'Sofia City', 'Bulgaria', 'BGR', 'EU'),
  unknown: L(null, null, null, null, null),
} satisfies Record<string, LocationRecord>;

export type LocKey = keyof typeof LOCATIONS;

export interface PersonRow {
  name: string | null;
  email: string;
  role: Role;
  company: string | null; // CompanyRow.key
  loc: LocKey;
  phone: string | null;
  tags: TagName[];
  /** Hours since last seen; null = never seen. */
  seenH: number | null;
  owner?: AdminKey;
  source: 'website' | 'sales' | 'referral' | 'webinar' | 'partner' | 'messenger';
  mrr?: number;
  seats?: number;
  flags?: { bounced?: boolean; unsubscribed?: boolean; spam?: boolean };
}

const P = (r: PersonRow) => r;

export const PEOPLE: PersonRow[] = [
  P({ name: 'Olivia Bennett', email: 'olivia.bennett@northwind-analytics.com', role: 'user', company: 'northwind', loc: 'seattle', phone: '+1 206-555-0143', tags: ['VIP'], seenH: 3, owner: 0, source: 'sales', mrr: 1400, seats: 120 }),
  P({ name: 'Marcus Reid', email: 'marcus.reid@northwind-analytics.com', role: 'user', company: 'northwind', loc: 'seattle', phone: '+1 206-555-0178', tags: [], seenH: 26, owner: 0, source: 'sales', mrr: 700, seats: 60 }),
  P({ name: 'Hannah Okafor', email: 'hannah.okafor@northwind-analytics.com', role: 'user', company: 'northwind', loc: 'portland', phone: null, tags: ['Beta tester'], seenH: 70, source: 'sales', mrr: 700, seats: 60 }),
  P({ name: 'Daniel Kim', email: 'daniel.kim@northwind-analytics.com', role: 'user', company: 'northwind', loc: 'seattle', phone: '+1 206-555-0112', tags: [], seenH: 290, source: 'referral', mrr: 700, seats: 60 }),
  P({ name: 'Sophie Laurent', email: 'sophie.laurent@northwind-analytics.com', role: 'user', company: 'northwind', loc: 'vancouver', phone: '+1 604-555-0190', tags: ['Newsletter'], seenH: 720, source: 'website', mrr: 700, seats: 60 }),
  P({ name: 'Ethan Walsh', email: 'ethan.walsh@northwind-analytics.com', role: 'user', company: 'northwind', loc: 'seattle', phone: '+1 206-555-0164', tags: ['Churn risk'], seenH: 2280, owner: 0, source: 'sales', mrr: 700, seats: 60 }),
  P({ name: 'Priya Natarajan', email: 'priya.natarajan@northwind-analytics.com', role: 'lead', company: 'northwind', loc: 'seattle', phone: null, tags: ['Needs onboarding'], seenH: 5, source: 'messenger' }),
  P({ name: 'Lena Fischer', email: 'lena.fischer@brightline.io', role: 'user', company: 'brightline', loc: 'hamburg', phone: '+49 40 5550 1234', tags: ['VIP', 'Partner'], seenH: 8, owner: 2, source: 'webinar', mrr: 900, seats: 40 }),
  P({ name: 'Jonas Becker', email: 'jonas.becker@brightline.io', role: 'user', company: 'brightline', loc: 'berlin', phone: '+49 30 5550 8812', tags: ['Billing issue'], seenH: 49, source: 'webinar', mrr: 450, seats: 20 }),
  P({ name: '<img src=x onerror=alert(1)> Mallory', email: 'mallory@brightline.io', role: 'user', company: 'brightline', loc: 'berlin', phone: '+49 30 5550 6666', tags: [], seenH: 1, source: 'website', mrr: 0, seats: 1 }),
  P({ name: 'Aylin Yıldız', email: 'aylin.yildiz@brightline.io', role: 'user', company: 'brightline', loc: 'hamburg', phone: null, tags: [], seenH: 150, source: 'webinar', mrr: 450, seats: 20 }),
  P({ name: 'Grace Thompson', email: 'grace.thompson@canopyhealth.org', role: 'user', company: 'canopy', loc: 'boston', phone: '+1 617-555-0131', tags: [], seenH: 12, owner: 0, source: 'sales', mrr: 2600, seats: 300 }),
  P({ name: 'Samuel Osei', email: 'samuel.osei@canopyhealth.org', role: 'user', company: 'canopy', loc: 'boston', phone: '+1 617-555-0187', tags: ['VIP'], seenH: 30, owner: 0, source: 'sales', mrr: 2600, seats: 300 }),
  P({ name: 'Maria Gonzalez', email: 'maria.gonzalez@canopyhealth.org', role: 'user', company: 'canopy', loc: 'miami', phone: '+1 305-555-0150', tags: [], seenH: 400, source: 'referral', mrr: 2700, seats: 300 }),
  P({ name: 'Jordan Ellis', email: 'jordan.ellis@canopyhealth.org', role: 'user', company: 'canopy', loc: 'boston', phone: '+1 617-555-0102', tags: [], seenH: 52, source: 'sales', mrr: 0, seats: 5 }),
  // Same person, earlier, as a Messenger lead: Intercom allows a lead and a user to share an email.
  P({ name: 'Jordan Ellis', email: 'jordan.ellis@canopyhealth.org', role: 'lead', company: null, loc: 'boston', phone: null, tags: [], seenH: 1900, source: 'messenger' }),
  P({ name: 'Aoife Byrne', email: 'aoife@larkspurlabs.dev', role: 'user', company: 'larkspur', loc: 'dublin', phone: '+353 1 555 0199', tags: ['Beta tester'], seenH: 4, owner: 1, source: 'website', mrr: 66, seats: 8 }),
  P({ name: 'Cian Murphy', email: 'cian@larkspurlabs.dev', role: 'user', company: 'larkspur', loc: 'dublin', phone: null, tags: ['Beta tester', 'Churn risk'], seenH: 620, source: 'website', mrr: 33, seats: 4 }),
  P({ name: 'Zoë Ørsted-Martín', email: 'zoe@larkspurlabs.dev', role: 'user', company: 'larkspur', loc: 'copenhagen', phone: '+45 55 55 01 23', tags: [], seenH: 98, source: 'referral', mrr: 0, seats: 2 }),
  P({ name: "Liam O'Connor", email: 'liam.oconnor@tidewaterfoods.co', role: 'user', company: 'tidewater', loc: 'sydney', phone: '+61 2 5550 1187', tags: [], seenH: 20, owner: 1, source: 'partner', mrr: 475, seats: 25 }),
  P({ name: 'Mei Chen', email: 'mei.chen@tidewaterfoods.co', role: 'user', company: 'tidewater', loc: 'melbourne', phone: '+61 3 5550 2231', tags: ['Newsletter'], seenH: 170, source: 'partner', mrr: 475, seats: 25 }),
  P({ name: 'Noah Williams', email: 'noah.williams@tidewaterfoods.co', role: 'user', company: 'tidewater', loc: 'sydney', phone: null, tags: ['Billing issue'], seenH: 60, source: 'partner', mrr: 0, seats: 3 }),
  P({ name: 'Ruby Patel', email: 'ruby.patel@tidewaterfoods.co', role: 'lead', company: 'tidewater', loc: 'sydney', phone: null, tags: [], seenH: 330, source: 'messenger' }),
  P({ name: 'Oliver Hughes', email: 'oliver.hughes@quillfeather.co.uk', role: 'user', company: 'quillfeather', loc: 'london', phone: '+44 20 7946 0321', tags: ['Newsletter'], seenH: 40, owner: 0, source: 'website', mrr: 145, seats: 10 }),
  P({ name: 'Amelia Clarke', email: 'amelia.clarke@quillfeather.co.uk', role: 'user', company: 'quillfeather', loc: 'manchester', phone: '+44 161 496 0754', tags: [], seenH: 510, source: 'website', mrr: 145, seats: 10 }),
  P({ name: '田中 美咲', email: 'misaki.tanaka@quillfeather.co.uk', role: 'user', company: 'quillfeather', loc: 'tokyo', phone: '+81 3-5550-0147', tags: [], seenH: 15, source: 'referral', mrr: 0, seats: 1 }),
  P({ name: 'Carlos Mendes', email: 'carlos.mendes@example.com', role: 'lead', company: null, loc: 'saopaulo', phone: null, tags: ['Newsletter'], seenH: 9, source: 'messenger' }),
  P({ name: 'Fatima Al-Sayed', email: 'fatima.alsayed@example.net', role: 'lead', company: null, loc: 'dubai', phone: '+971 4 555 0142', tags: [], seenH: 200, source: 'webinar' }),
  P({ name: 'Ben Carter', email: 'ben.carter@example.com', role: 'lead', company: null, loc: 'austin', phone: '+1 512-555-0176', tags: ['Enterprise trial'], seenH: 22, owner: 2, source: 'sales' }),
  P({ name: 'Chloé Dubois', email: 'chloe.dubois@example.net', role: 'lead', company: null, loc: 'paris', phone: null, tags: [], seenH: 1300, source: 'website' }),
  P({ name: 'Isaac Levi', email: 'isaac.levi@example.org', role: 'lead', company: null, loc: 'telaviv', phone: null, tags: ['Newsletter'], seenH: 75, source: 'webinar' }),
  P({ name: 'Ana Souza', email: 'ana.souza@example.com', role: 'lead', company: null, loc: 'lisbon', phone: null, tags: [], seenH: null, source: 'website' }),
  P({ name: null, email: 'visitor.4821@example.net', role: 'lead', company: null, loc: 'unknown', phone: null, tags: [], seenH: 400, source: 'messenger' }),
  P({ name: 'Kwame Mensah', email: 'kwame.mensah@example.org', role: 'user', company: null, loc: 'accra', phone: '+233 30 555 0110', tags: [], seenH: 36, source: 'referral', mrr: 29, seats: 1 }),
  P({ name: 'Emily Zhang', email: 'emily.zhang@example.com', role: 'user', company: null, loc: 'toronto', phone: '+1 416-555-0163', tags: ['Enterprise trial'], seenH: 6, owner: 2, source: 'sales', mrr: 0, seats: 50 }),
  P({ name: 'Raj Malhotra', email: 'raj.malhotra@example.net', role: 'user', company: null, loc: 'mumbai', phone: '+91 22 5550 0188', tags: ['Partner'], seenH: 44, source: 'partner', mrr: 120, seats: 6 }),
  P({ name: 'Sara Lindqvist', email: 'sara.lindqvist@example.com', role: 'user', company: null, loc: 'stockholm', phone: null, tags: [], seenH: 3000, source: 'website', mrr: 29, seats: 1, flags: { bounced: true } }),
  P({ name: 'Theo Becker', email: 'theo.becker@example.org', role: 'lead', company: null, loc: 'munich', phone: null, tags: [], seenH: 890, source: 'webinar', flags: { unsubscribed: true } }),
  P({ name: 'Nadia Petrova', email: 'nadia.petrova@example.com', role: 'user', company: null, loc: 'sofia', phone: '+359 2 555 0137', tags: ['Churn risk'], seenH: 1500, source: 'website', mrr: 29, seats: 1, flags: { unsubscribed: true, spam: true } }),
  P({ name: 'Lucas Martin', email: 'lucas.martin@example.net', role: 'lead', company: null, loc: 'lyon', phone: null, tags: [], seenH: 18, source: 'messenger' }),
];
