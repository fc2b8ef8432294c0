/** Value schemas shared by requests and answers. Pure valibot: safe to import from every context. */
import * as v from 'valibot';
import { canonicalEmail } from './email';

export const MAX_REPORTED_EMAILS = 1000;

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
  v.maxLength(254),
  // Deliberately loose (Unicode local parts and domains are allowed); the scanner decides what an address is.
  v.regex(/^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/u),
);

/** A display name from an untrusted page: plain text (never rendered as HTML), no control characters, capped. */
export const NameSchema = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1),
  v.maxLength(MAX_NAME_LENGTH),
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
export const EmailListSchema = v.pipe(v.array(v.unknown()), v.maxLength(MAX_REPORTED_EMAILS), v.array(EmailSchema));

export const RegionSchema = v.picklist(['us', 'eu', 'au', 'custom']);

/** The languages the extension speaks (catalogue folders); Settings → Language may pick one over the browser's. */
export const LANGUAGES = ['en', 'de', 'fr', 'ja', 'th', 'fa'] as const;
export const LanguageSchema = v.picklist(LANGUAGES);
export type Language = v.InferOutput<typeof LanguageSchema>;
export type Region = v.InferOutput<typeof RegionSchema>;

export const TabIdSchema = v.pipe(v.number(), v.integer(), v.minValue(0));

/** Error codes the worker answers with; the widget turns each into a sentence through chrome.i18n. */
export const ERROR_CODES = [
  'no_token', // nothing saved yet
  'unauthorized', // 401: the token was refused
  'forbidden', // 403: the token lacks a scope
  'wrong_region', // /me says the workspace lives in another region
  'not_found',
  'gone', // 410: the contact was merged into another (canonicalId names it)
  'conflict',
  'bad_request', // 400
  'unprocessable', // 422
  'uncertain', // a write whose answer was lost: it may or may not have been applied
  'rate_limited', // 429, retryAfter says when
  'server', // 5xx
  'unreachable', // DNS, refused connection, offline
  'timeout',
  'invalid_url', // a custom API URL that is not https (or loopback in the sandbox build)
  'no_permission', // host permission for a custom API URL or a site was not granted
  'unscannable', // chrome://, the Web Store, …
  'invalid_message', // a request that failed validation or came from the wrong sender
  'storage_locked', // chrome.storage.local could not be restricted to trusted contexts
  'token_origin', // the saved token belongs to another API host: it must be typed again for this one
  // The embedded card's endpoint (HTTP transport):
  'endpoint_unreachable', // the endpoint did not answer (down, wrong URL, CORS refused this page)
  'auth_missing', // no sign-in token (JWT) was given to the element
  'auth_expired', // the JWT's time is up: the page should get a new one
  'auth_refused', // the endpoint refused the JWT (forged, another secret, alg none, malformed)
  'scope_missing', // the JWT's scope does not allow this (a write with `read` scope)
  'too_large', // the request body was over the endpoint's limit
  'stale', // a queued action waited too long (or from before the browser started): not sent without the user's say
  'internal',
] as const;
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
  /** The contact's page in the Intercom web app. */
  url: string;
}

/** The optional host permissions "Scan every site automatically" asks for (manifest optional_host_permissions). */
export const ALL_SITES = ['https://*/*', 'http://*/*'];

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
export type ReadPart = 'contacts' | 'companies' | 'conversations' | 'tickets' | 'ticketTypes' | 'tags' | 'admins' | 'teams';
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
