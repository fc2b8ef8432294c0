/** Value schemas shared by requests and answers. Pure valibot: safe to import from every context. */
import * as v from 'valibot';
import { canonicalEmail } from './email';
import { ERROR_CODES, LANGUAGES, PSEUDO } from './constants';

// Plain lists live in constants.ts (pages import them from there without valibot); here for the worker's imports.
export { ALL_SITES, ERROR_CODES, FIRST_WORKSPACE_ID, LANGUAGES, PSEUDO } from './constants';

export const MAX_REPORTED_EMAILS = 1000;

/**
 * Bounds as v.check, the one valibot action they all need: minLength, maxLength, integer and minValue would each
 * bring one more action into the worker's bundle for the same test. Each says what it expects (the endpoint's
 * refusal quotes it: `Invalid value at name: expected length <=255.`); none repeats the value.
 */
export const most = <T extends { length: number }>(n: number) => v.check((x: T) => x.length <= n, `length <=${n}`);
/** At least one character (after the pipe's trim, where it trims). */
export const filled = v.check((s: string) => s.length > 0, 'length >=1');
/** A whole number, zero or more. */
export const CountSchema = v.pipe(v.number(), v.check((n) => Number.isInteger(n) && n >= 0, 'a whole number >=0'));

/** Display names the scanner found beside addresses are plain text of at most this many characters. */
export const MAX_NAME_LENGTH = 128;

/**
 * An address as the scanner reports it: bounded in size, in the one canonical form the scanner also uses
 * (lower-case, then Unicode NFC; internationalised addresses keep their Unicode, punycode stays punycode).
 */
export const EmailSchema = v.pipe(
  v.string(),
  v.trim(),
  v.transform(canonicalEmail),
  most(254),
  // Deliberately loose (Unicode local parts and domains are allowed); the scanner decides what an address is.
  v.regex(/^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/u),
);

/** A display name from an untrusted page: plain text (never rendered as HTML), no control characters, capped. */
export const NameSchema = v.pipe(
  v.string(),
  v.trim(),
  filled,
  most(MAX_NAME_LENGTH),
  v.regex(/^[^\p{Cc}]*$/u),
);

/** Names by address, for at most the addresses of one report (counted before any name is looked at). */
export const NamesSchema = v.pipe(
  v.record(v.string(), v.unknown()),
  v.check((names) => Object.keys(names).length <= MAX_REPORTED_EMAILS),
  v.record(EmailSchema, NameSchema),
);

/**
 * At most MAX_REPORTED_EMAILS addresses, counted before any item is checked: a page that sends 100,000 costs one
 * length check, not 100,000 validations.
 */
export const EmailListSchema = v.pipe(v.array(v.unknown()), most(MAX_REPORTED_EMAILS), v.array(EmailSchema));

export const RegionSchema = v.picklist(['us', 'eu', 'au', 'custom']);

const ACCEPTED_LANGUAGES: ReadonlyArray<(typeof LANGUAGES)[number] | typeof PSEUDO> =
  typeof __SANDBOX__ !== 'undefined' && __SANDBOX__ ? [...LANGUAGES, PSEUDO] : LANGUAGES;
export const LanguageSchema = v.picklist(ACCEPTED_LANGUAGES);
export type Language = v.InferOutput<typeof LanguageSchema>;
export type Region = v.InferOutput<typeof RegionSchema>;

export const TabIdSchema = CountSchema;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  /** Seconds to wait before trying again (429). */
  retryAfter?: number;
  /** Intercom's own words, shown as a detail under the plain sentence. */
  detail?: string;
  status?: number;
  requestId?: string;
  /** For wrong_region: the region Intercom says the workspace is in. */
  region?: string;
  /** Intercom's own error code (`parameter_invalid`, `contact_merged`, …). */
  intercomCode?: string;
  /** The request field Intercom blamed, when it named one. */
  field?: string;
  /** For gone: the id of the contact this one was merged into. */
  canonicalId?: string;
  /** The Intercom request that failed (`PUT /contacts/{id}`, never a query string or a body): for a support ticket. */
  request?: string;
  /** When it failed (Unix milliseconds). */
  at?: number;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorInfo };

export interface NamedRef {
  id: string;
  name: string;
}

/** What the panel shows of a contact. Names and attributes are text, never HTML. */
export interface ContactView {
  id: string;
  email: string | null;
  name: string | null;
  role: 'user' | 'lead';
  avatar: string | null;
  phone: string | null;
  companies: NamedRef[];
  tags: NamedRef[];
  location: { city: string | null; region: string | null; country: string | null } | null;
  lastSeenAt: number | null;
  customAttributes: Record<string, string | number | boolean | null>;
  /** An email message to this contact would be refused (no address, unsubscribed, bounced, spam). */
  unsubscribed: boolean;
  /** Intercom's `unsubscribed_from_emails` itself (editable, unlike a bounce). */
  unsubscribedFromEmails?: boolean;
  /** The admin who owns the contact (`owner_id`), null for none. */
  ownerId?: string | null;
  /** The contact's page in the Intercom web app. */
  url: string;
}

/** One of the workspaces Settings keeps (each its own token, bound to its own API host). */
export interface WorkspaceSummary {
  id: string;
  /** null: not named yet (the page shows "Workspace 1", …, until Intercom names it). */
  name: string | null;
  /** The API host its settings point at; null for an unusable custom URL. */
  host: string | null;
  hasToken: boolean;
}

export interface SettingsView {
  /** Every workspace, in the order they were added; the top-level fields below are the one in use (the worker always says). */
  workspaces?: WorkspaceSummary[];
  activeWorkspace?: string;
  region: Region;
  apiUrl: string | null;
  hasToken: boolean;
  /** The API host the saved token is bound to (it is sent nowhere else); null when none is saved or unknown. */
  tokenHost: string | null;
  /** Sites the user chose one by one (each with its own host permission). */
  autoScanOrigins: string[];
  /** "Scan every site automatically": the scanner is registered for all http(s) pages. */
  autoScanAll: boolean;
  /** The admin quick actions are sent as; null: the token's admin. */
  actingAdminId: string | null;
  /** Neutral marks on the addresses of scanned pages, each opening the in-page card. Off by default. */
  highlightEmails: boolean;
  /** Settings → Language; null: the browser's language. */
  language: Language | null;
}

/** The parts of a workspace the card reads, each of which a token may or may not be allowed to read. */
export type ReadPart = 'contacts' | 'companies' | 'conversations' | 'tickets' | 'ticketTypes' | 'tags' | 'admins' | 'teams' | 'segments' | 'events';
export interface ReadCheck {
  part: ReadPart;
  ok: boolean;
}

export interface ConnectionInfo {
  workspace: string;
  appId: string;
  region: string | null;
  admin: { name: string; email: string | null };
  /** What this token could read when the connection was tested. */
  reads?: ReadCheck[];
}

export type ScanState =
  /** `origin` is the page's origin, for "Scan this site automatically". */
  /** `total`: every address on the page (the list stops at MAX_REPORTED_EMAILS); `names`: display names by address. */
  | { status: 'ok'; origin: string; emails: string[]; total: number; names?: Record<string, string> }
  | { status: 'pending' }
  /** The extension has no access to this tab yet: the user opens the panel from the toolbar or a shortcut. */
  | { status: 'no_access' }
  /** chrome:// pages, the Web Store and other pages no extension may read. */
  | { status: 'unscannable' };
