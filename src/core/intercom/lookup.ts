/**
 * Who are these people? Resolves many emails with as few requests as Intercom allows: one IN search per
 * 150 addresses, then each unknown company once and the tag list once. Answers are cached for a while,
 * dropped when the extension writes to that contact, and concurrent lookups of one email share a request.
 */
import { canonicalEmail } from '../../protocol/email';
import type { ContactView, NamedRef } from '../../protocol/schemas';
import { createLead, findByEmails, getContact, searchContacts } from './contacts';
import type { IntercomHttp } from './http';
import type { Priority } from './limiter';
import type { ContactData } from './shapes';
import { getMe } from './admins';
import { companyName } from './companies';
import { listTags } from './tags';
import { optional } from '../optional';

export const CACHE_TTL_MS = 5 * 60_000;
/** Contacts and companies remembered at most; past this the least recently stored are forgotten first. */
export const MAX_CACHED_CONTACTS = 10_000;
export const MAX_CACHED_COMPANIES = 2_000;
/** How many contacts a search by name answers with. */
export const NAME_SEARCH_LIMIT = 20;

interface Entry<T> {
  at: number;
  value: T;
}

export interface LookupOptions {
  now?: () => number;
  ttlMs?: number;
  /**
   * How searches leave: the endpoint, where many colleagues ask at once, joins addresses asked for within a few
   * milliseconds (lookup-batch.ts); the worker, with one person asking, searches at once (none), and so does
   * not carry the batching code.
   */
  batch?: Batcher;
}

/** One search of Intercom for these addresses: each one's contact, or null. */
export type Search = (emails: string[], priority: Priority) => Promise<Map<string, ContactView | null>>;
/** Wraps the search, e.g. to send the addresses of several lookups in one (lookup-batch.ts). */
export type Batcher = (search: Search) => Search;

export class Lookup {
  readonly #contacts = new Map<string, Entry<ContactView | null>>();
  readonly #inflight = new Map<string, Promise<ContactView | null>>();
  readonly #companies = new Map<string, Entry<string | null> | Promise<string | null>>();
  #tags: Entry<Map<string, string>> | Promise<Map<string, string>> | null = null;
  #app: Promise<{ idCode: string; region: string | null }> | null = null;

  readonly #now: () => number;
  readonly #ttlMs: number;
  readonly #search: Search;

  readonly #http: IntercomHttp;

  constructor(http: IntercomHttp, opts: LookupOptions = {}) {
    this.#http = http;
    this.#now = opts.now ?? Date.now;
    this.#ttlMs = opts.ttlMs ?? CACHE_TTL_MS;
    const search: Search = (emails, priority) => this.#resolve(emails, priority);
    this.#search = opts.batch ? opts.batch(search) : search;
  }

  /**
   * `background` for what the page shows (it yields to what the user asks for), `user` for a search.
   * `charge` is told how many addresses must be asked of Intercom before anything is sent, and may refuse by
   * throwing (a page's lookup budget).
   */
  async lookup(emails: string[], priority: Priority = 'user', charge?: (uncached: number) => void): Promise<Record<string, ContactView | null>> {
    const unique = [...new Set(emails)];
    const missing = unique.filter((e) => !this.#fresh(this.#contacts.get(e)) && !this.#inflight.has(e));
    if (missing.length) charge?.(missing.length);
    if (missing.length) {
      const batch = this.#search(missing, priority);
      for (const email of missing) {
        const one = batch.then((found) => found.get(email) ?? null);
        this.#inflight.set(email, one);
        void one.finally(() => this.#inflight.delete(email)).catch(() => undefined);
      }
    }
    const out: Record<string, ContactView | null> = {};
    for (const email of unique) {
      const cached = this.#contacts.get(email);
      out[email] = this.#fresh(cached) ? cached.value : await this.#inflight.get(email)!;
    }
    return out;
  }

  async get(id: string): Promise<ContactView> {
    const view = await this.#toView(await getContact(this.#http, id));
    if (view.email) Lookup.#remember(this.#contacts, view.email, { at: this.#now(), value: view }, MAX_CACHED_CONTACTS);
    return view;
  }

  async createLead(email: string, name?: string): Promise<ContactView> {
    const view = await this.#toView(await createLead(this.#http, email, name));
    Lookup.#remember(this.#contacts, email, { at: this.#now(), value: view }, MAX_CACHED_CONTACTS);
    return view;
  }

  /** Contacts whose name contains `query` (Intercom's `~`): the first `limit`, as Intercom orders them. */
  async searchByName(query: string, limit = NAME_SEARCH_LIMIT): Promise<ContactView[]> {
    const pages = searchContacts(this.#http, { field: 'name', operator: '~', value: query }, { perPage: limit });
    const first = await pages.next();
    await pages.return(undefined);
    const found = first.done ? [] : first.value.slice(0, limit);
    return Promise.all(found.map((c) => this.#toView(c)));
  }

  /**
   * Contacts read some other way (a company's people, a domain search) as the card shows them. Not cached by
   * address: such a list may hold a lead that shares its address with a user, whom a lookup prefers.
   */
  views(contacts: ContactData[]): Promise<ContactView[]> {
    return Promise.all(contacts.map((c) => this.#toView(c)));
  }

  /** After a write to a contact, the next look at it goes to Intercom. */
  invalidateContact(id: string): void {
    for (const [email, entry] of this.#contacts) if (entry.value?.id === id) this.#contacts.delete(email);
  }

  /**
   * After a company's name changed here: the contacts cached with it, and its cached name, carry the new one
   * (the old one would stay for up to CACHE_TTL_MS). Each Session has its own Lookup: one workspace only.
   */
  renameCompany(id: string, name: string): void {
    Lookup.#remember(this.#companies, id, { at: this.#now(), value: name }, MAX_CACHED_COMPANIES);
    // Views are answered as copies (messages, JSON): the cached ones may be changed in place.
    for (const e of this.#contacts.values()) for (const c of e.value?.companies ?? []) if (c.id === id) c.name = name;
  }

  /** Stores an answer as the most recent, forgetting the least recent past `max`. */
  static #remember<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
    map.delete(key);
    map.set(key, value);
    if (map.size > max) map.delete(map.keys().next().value as K);
  }

  #fresh<T>(entry: Entry<T> | undefined): entry is Entry<T> {
    return !!entry && this.#now() - entry.at < this.#ttlMs;
  }

  async #resolve(emails: string[], priority: Priority): Promise<Map<string, ContactView | null>> {
    const found = await findByEmails(this.#http, emails, priority);
    const best = new Map<string, ContactData>();
    for (const c of found) {
      const email = c.email ? canonicalEmail(c.email) : undefined;
      if (!email) continue;
      const prev = best.get(email);
      if (!prev || rank(c) > rank(prev)) best.set(email, c);
    }
    const views = await Promise.all([...best.values()].map((c) => this.#toView(c)));
    const result = new Map<string, ContactView | null>(emails.map((e) => [e, null]));
    for (const view of views) if (view.email) result.set(view.email, view);
    const at = this.#now();
    for (const [email, value] of result) Lookup.#remember(this.#contacts, email, { at, value }, MAX_CACHED_CONTACTS);
    return result;
  }

  async #toView(c: ContactData): Promise<ContactView> {
    const [app, tagNames, companies] = await Promise.all([
      this.appInfo(),
      c.tags?.data.length ? this.#tagNames() : Promise.resolve(new Map<string, string>()),
      Promise.all((c.companies?.data ?? []).map(async (ref): Promise<NamedRef> => {
        const id = String(ref.id);
        return { id, name: (await this.#companyName(id)) ?? '' };
      })),
    ]);
    return toContactView(c, app, tagNames, companies);
  }

  appInfo(): Promise<{ idCode: string; region: string | null }> {
    this.#app ??= getMe(this.#http).then(
      (me) => ({ idCode: me.app?.id_code ?? '', region: me.app?.region ?? null }),
      (err: unknown) => {
        this.#app = null;
        throw err;
      },
    );
    return this.#app;
  }

  async #tagNames(): Promise<Map<string, string>> {
    const t = this.#tags;
    if (t && !(t instanceof Promise) && this.#fresh(t)) return t.value;
    if (t instanceof Promise) return t;
    // Tag names only label the card: a token that may not read tags still gets its contacts (tags unnamed).
    const pending = optional(listTags(this.#http), [], 'tags', []).then((tags) => new Map(tags.map((t) => [t.id, t.name])));
    this.#tags = pending;
    try {
      const value = await pending;
      this.#tags = { at: this.#now(), value };
      return value;
    } catch (err) {
      this.#tags = null;
      throw err;
    }
  }

  async #companyName(id: string): Promise<string | null> {
    const c = this.#companies.get(id);
    if (c instanceof Promise) return c;
    if (this.#fresh(c)) return c.value;
    const pending = companyName(this.#http, id).catch(() => null);
    Lookup.#remember(this.#companies, id, pending, MAX_CACHED_COMPANIES);
    const value = await pending;
    Lookup.#remember(this.#companies, id, { at: this.#now(), value }, MAX_CACHED_COMPANIES);
    return value;
  }
}

/** A user beats a lead with the same address; then the most recently updated wins. */
function rank(c: ContactData): number {
  return (c.role === 'user' ? 1e13 : 0) + (c.updated_at ?? 0);
}

const WEB_APP: Record<string, string> = { EU: 'https://app.eu.intercom.com', AU: 'https://app.au.intercom.com' };

/** The Intercom web app of the workspace's region. */
export function webAppBase(region: string | null): string {
  return WEB_APP[(region ?? '').toUpperCase()] ?? 'https://app.intercom.com';
}

export function contactUrl(app: { idCode: string; region: string | null }, id: string): string {
  return `${webAppBase(app.region)}/a/apps/${encodeURIComponent(app.idCode)}/users/${encodeURIComponent(id)}`;
}

export function toContactView(
  c: ContactData,
  app: { idCode: string; region: string | null },
  tagNames: Map<string, string>,
  companies: NamedRef[],
): ContactView {
  const custom: ContactView['customAttributes'] = {};
  for (const [key, value] of Object.entries(c.custom_attributes ?? {})) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
      custom[key] = value as string | number | boolean | null;
    }
  }
  const avatar = typeof c.avatar === 'string' ? c.avatar : (c.avatar?.image_url ?? null);
  return {
    id: c.id,
    email: c.email ? canonicalEmail(c.email) : null,
    name: c.name || null,
    role: c.role === 'user' ? 'user' : 'lead',
    avatar: avatar && /^https:\/\//.test(avatar) ? avatar : null,
    phone: c.phone ?? null,
    companies,
    tags: (c.tags?.data ?? []).map((t) => ({ id: String(t.id), name: tagNames.get(String(t.id)) ?? '' })),
    location: c.location && (c.location.city || c.location.country || c.location.region)
      ? { city: c.location.city, region: c.location.region, country: c.location.country }
      : null,
    lastSeenAt: c.last_seen_at ?? null,
    customAttributes: custom,
    unsubscribed: !c.email || !!c.unsubscribed_from_emails || !!c.has_hard_bounced || !!c.marked_email_as_spam,
    unsubscribedFromEmails: !!c.unsubscribed_from_emails,
    ownerId: c.owner_id ?? null,
    url: contactUrl(app, c.id),
  };
}
