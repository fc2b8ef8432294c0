/**
 * The one message protocol between the extension's contexts. Each route names its input schema and who
 * may call it: `content` routes may be called by content scripts (untrusted: a page can impersonate one);
 * every other route is privileged and only extension pages may call it. The worker's router rejects
 * anything not listed here.
 */
import * as v from 'valibot';
import {
  EmailSchema,
  MAX_REPORTED_EMAILS,
  NamesSchema,
  RegionSchema,
  TabIdSchema,
  type ConnectionInfo,
  type ContactView,
  type ScanState,
  type SettingsView,
} from './schemas';
import {
  ActionSchema,
  IdSchema,
  OutboxIdSchema,
  type CompanyRef,
  type ContactActivity,
  type ConversationDetail,
  type OutboxEntry,
  type WorkspaceView,
} from './actions';

const TokenSchema = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(512), v.regex(/^[\x21-\x7e]+$/));
const ApiUrlSchema = v.pipe(v.string(), v.trim(), v.maxLength(2048));
const OriginSchema = v.pipe(v.string(), v.maxLength(2048), v.regex(/^https?:\/\/[^/]+$/));

const ConnectionInput = v.object({
  region: RegionSchema,
  apiUrl: v.optional(v.nullable(ApiUrlSchema)),
  /** A token typed but not saved yet; without it the saved token is used. */
  token: v.optional(TokenSchema),
});

export const ROUTES = {
  /** Content script → worker: the addresses it found on its page (top frame). */
  'emails/found': {
    caller: 'content',
    input: v.object({
      emails: v.pipe(v.array(EmailSchema), v.maxLength(MAX_REPORTED_EMAILS)),
      /** Every address the page has, including those beyond the list. */
      total: v.pipe(v.number(), v.integer(), v.minValue(0)),
      /** The name shown beside an address (`Ana Lima <ana@…>`, microdata, hCard), for Create lead. */
      names: v.optional(NamesSchema, {}),
    }),
  },
  'settings/get': { caller: 'extension', input: v.object({}) },
  'settings/save': { caller: 'extension', input: ConnectionInput },
  'settings/test': { caller: 'extension', input: ConnectionInput },
  'settings/forget-token': { caller: 'extension', input: v.object({}) },
  'tab/scan': { caller: 'extension', input: v.object({ tabId: TabIdSchema }) },
  'tab/state': { caller: 'extension', input: v.object({ tabId: TabIdSchema }) },
  'settings/highlight': { caller: 'extension', input: v.object({ enabled: v.boolean() }) },
  'site/auto-scan': { caller: 'extension', input: v.object({ origin: OriginSchema, enabled: v.boolean() }) },
  /** "Scan every site automatically" (Settings); the page asks for the permissions first, in the click. */
  'site/auto-scan-all': { caller: 'extension', input: v.object({ enabled: v.boolean() }) },
  'contacts/lookup': {
    caller: 'extension',
    input: v.object({
      emails: v.pipe(v.array(EmailSchema), v.maxLength(MAX_REPORTED_EMAILS)),
      /** `background`: the page's addresses, which yield to what the user asks for (a search, an action). */
      priority: v.optional(v.picklist(['user', 'background']), 'user'),
    }),
  },
  'contacts/create-lead': {
    caller: 'extension',
    input: v.object({ email: EmailSchema, name: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(255))) }),
  },
  /** The right-click menu's "Look up …" on a selection without an address: contacts by name (first 20). */
  'contacts/search-name': {
    caller: 'extension',
    input: v.object({ query: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(255)) }),
  },
  // ---- quick actions (issue 4): every write goes through the worker's persisted outbox ----
  /** Queues an action and answers when it has finished (done, failed, or "may have been sent"). */
  'outbox/submit': {
    caller: 'extension',
    input: v.object({ id: OutboxIdSchema, action: ActionSchema, batchId: v.optional(OutboxIdSchema) }),
  },
  'outbox/list': { caller: 'extension', input: v.object({}) },
  /** The user's say: send a failed or "may have been sent" action again. */
  'outbox/retry': { caller: 'extension', input: v.object({ id: OutboxIdSchema }) },
  'outbox/dismiss': { caller: 'extension', input: v.object({ id: OutboxIdSchema }) },
  /** Cancels what of a bulk run has not been sent yet. */
  'outbox/cancel': { caller: 'extension', input: v.object({ batchId: OutboxIdSchema }) },
  'workspace/info': { caller: 'extension', input: v.object({ refresh: v.optional(v.boolean(), false) }) },
  'contact/activity': { caller: 'extension', input: v.object({ contactId: IdSchema }) },
  'conversation/get': { caller: 'extension', input: v.object({ id: IdSchema }) },
  'companies/find': { caller: 'extension', input: v.object({ name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(255)) }) },
  'settings/acting-admin': { caller: 'extension', input: v.object({ adminId: v.nullable(IdSchema) }) },
} as const;

/** What each route answers with when it succeeds. */
export interface RouteOutputs {
  'emails/found': { accepted: number };
  'settings/highlight': SettingsView;
  'settings/get': SettingsView;
  'settings/save': SettingsView;
  'settings/test': ConnectionInfo;
  'settings/forget-token': SettingsView;
  'tab/scan': ScanState;
  'tab/state': ScanState;
  'site/auto-scan': SettingsView;
  'site/auto-scan-all': SettingsView;
  'contacts/lookup': { contacts: Record<string, ContactView | null> };
  'contacts/create-lead': ContactView;
  'contacts/search-name': { contacts: ContactView[] };
  'outbox/submit': OutboxEntry;
  'outbox/list': { entries: OutboxEntry[] };
  'outbox/retry': OutboxEntry;
  'outbox/dismiss': { entries: OutboxEntry[] };
  'outbox/cancel': { cancelled: number };
  'workspace/info': WorkspaceView;
  'contact/activity': ContactActivity;
  'conversation/get': ConversationDetail;
  'companies/find': { companies: CompanyRef[] };
  'settings/acting-admin': SettingsView;
}

export type RouteName = keyof typeof ROUTES;
export type RouteInput<R extends RouteName> = v.InferInput<(typeof ROUTES)[R]['input']>;
export type RouteParsed<R extends RouteName> = v.InferOutput<(typeof ROUTES)[R]['input']>;
export type RouteOutput<R extends RouteName> = RouteOutputs[R];

/** On the wire: `{ type, input }`. */
export interface Envelope<R extends RouteName = RouteName> {
  type: R;
  input: RouteInput<R>;
}

export const EnvelopeSchema = v.object({ type: v.string(), input: v.unknown() });

export function isRouteName(name: string): name is RouteName {
  return Object.prototype.hasOwnProperty.call(ROUTES, name);
}

export { TAB_EMAILS_EVENT, type TabStateEvent } from './events';
