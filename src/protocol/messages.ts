/**
 * The one protocol between the widget's hosts and whoever holds the token. Each route names its input schema
 * and who may call it (`callers`):
 * - `extension`: the extension's own pages (side panel, Settings, in-page card) — privileged;
 * - `card`: the in-page card, an extension page framed inside a web page — only what the card itself needs;
 * - `content`: content scripts (untrusted: a page can impersonate one);
 * - `embed`: the `<sidekick-contact>` element through a team's endpoint (HTTP, with a JWT); routes that change
 *   something in Intercom say `writes: true` and need the JWT's `write` scope there.
 * The worker's router and the endpoint reject anything not listed here, or listed for another caller.
 */
import * as v from 'valibot';
import {
  CountSchema,
  EmailSchema,
  EmailListSchema,
  filled,
  most,
  LanguageSchema,
  NamesSchema,
  RegionSchema,
  TabIdSchema,
  type ConnectionInfo,
  type ContactView,
  type Language,
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
  type ConversationSummary,
  type TicketSummary,
  type OutboxEntry,
  type WorkspaceView,
} from './actions';
import {
  ConversationFilterSchema,
  CursorSchema,
  DomainSchema,
  type CompanyView,
  type EventView,
  type NoteView,
  type Page,
  type SegmentsView,
  type SitePeople,
  type TicketDetail,
} from './picture';
import type { ContactAttributes } from './edits';

const TokenSchema = v.pipe(v.string(), v.trim(), filled, most(512), v.regex(/^[\x21-\x7e]+$/));
const ApiUrlSchema = v.pipe(v.string(), v.trim(), most(2048));
const WorkspaceIdSchema = v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/));
const WorkspaceNameSchema = v.pipe(v.string(), v.trim(), most(100));
const OriginSchema = v.pipe(v.string(), most(2048), v.regex(/^https?:\/\/[^/]+$/));

const ConnectionInput = v.object({
  region: RegionSchema,
  apiUrl: v.optional(v.nullable(ApiUrlSchema)),
  /** A token typed but not saved yet; without it the saved token is used. */
  token: v.optional(TokenSchema),
});

export type CallerKind = 'extension' | 'card' | 'content' | 'embed';
const CONTENT = ['content', 'extension'] as const;
const EXTENSION = ['extension'] as const;
const EXTENSION_EMBED = ['extension', 'embed'] as const;
/** What a contact card needs, wherever it is shown: the side panel, the in-page card, the embedded element. */
const CARD = ['extension', 'card', 'embed'] as const;

export const ROUTES = {
  /** Content script → worker: the addresses it found on its page (top frame). */
  'emails/found': {
    callers: CONTENT,
    input: v.object({
      emails: EmailListSchema,
      /** Every address the page has, including those beyond the list. */
      total: CountSchema,
      /** The name shown beside an address (`Ana Lima <ana@…>`, microdata, hCard), for Create lead. */
      names: v.optional(NamesSchema, {}),
    }),
  },
  'settings/get': { callers: EXTENSION, input: v.object({}) },
  'settings/save': { callers: EXTENSION, input: ConnectionInput },
  'settings/test': { callers: EXTENSION, input: ConnectionInput },
  'settings/forget-token': { callers: EXTENSION, input: v.object({}) },
  'tab/scan': { callers: EXTENSION, input: v.object({ tabId: TabIdSchema }) },
  'tab/state': { callers: EXTENSION, input: v.object({ tabId: TabIdSchema }) },
  'settings/highlight': { callers: EXTENSION, input: v.object({ enabled: v.boolean() }) },
  /** The language the extension's pages show (Settings → Language; null: the browser's). The card reads it too. */
  'ui/language': { callers: ['extension', 'card'] as const, input: v.object({}) },
  /** Settings → Language (null: the browser's); open extension pages switch at once. */
  'settings/language': { callers: EXTENSION, input: v.object({ language: v.nullable(LanguageSchema) }) },
  'site/auto-scan': { callers: EXTENSION, input: v.object({ origin: OriginSchema, enabled: v.boolean() }) },
  /** "Scan every site automatically" (Settings); the page asks for the permissions first, in the click. */
  'site/auto-scan-all': { callers: EXTENSION, input: v.object({ enabled: v.boolean() }) },
  'contacts/lookup': {
    callers: CARD,
    input: v.object({
      emails: EmailListSchema,
      /** `background`: the page's addresses, which yield to what the user asks for (a search, an action). */
      priority: v.optional(v.picklist(['user', 'background']), 'user'),
      /** For `background` lookups: the page (origin) that shows these addresses, charged against its budget. */
      page: v.optional(v.pipe(v.string(), most(2048))),
    }),
  },
  'contacts/create-lead': {
    callers: CARD, writes: true,
    input: v.object({ email: EmailSchema, name: v.optional(v.pipe(v.string(), v.trim(), most(255))) }),
  },
  /** The right-click menu's "Look up …" on a selection without an address: contacts by name (first 20). */
  'contacts/search-name': {
    callers: EXTENSION_EMBED,
    input: v.object({ query: v.pipe(v.string(), v.trim(), filled, most(255)) }),
  },
  // ---- quick actions (issue 4): every write goes through the worker's persisted outbox ----
  /** Queues an action and answers when it has finished (done, failed, or "may have been sent"). */
  'outbox/submit': {
    callers: CARD, writes: true,
    input: v.object({ id: OutboxIdSchema, action: ActionSchema, batchId: v.optional(OutboxIdSchema) }),
  },
  'outbox/list': { callers: EXTENSION, input: v.object({}) },
  /** The user's say: send a failed or "may have been sent" action again. */
  'outbox/retry': { callers: EXTENSION, input: v.object({ id: OutboxIdSchema }) },
  'outbox/dismiss': { callers: EXTENSION, input: v.object({ id: OutboxIdSchema }) },
  /** Cancels what of a bulk run has not been sent yet. */
  'outbox/cancel': { callers: EXTENSION, input: v.object({ batchId: OutboxIdSchema }) },
  'workspace/info': { callers: CARD, input: v.object({ refresh: v.optional(v.boolean(), false) }) },
  'contact/activity': { callers: CARD, input: v.object({ contactId: IdSchema }) },
  'conversation/get': { callers: CARD, input: v.object({ id: IdSchema }) },
  'companies/find': { callers: CARD, input: v.object({ name: v.pipe(v.string(), v.trim(), filled, most(255)) }) },
  /** The workspace's contact data attributes (type, a list's options, writable or not), for the card's editor. */
  'contact/attributes': { callers: CARD, input: v.object({ refresh: v.optional(v.boolean(), false) }) },
  'settings/acting-admin': { callers: EXTENSION, input: v.object({ adminId: v.nullable(IdSchema) }) },
  // ---- several workspaces (issue 14): each its own token, API host and acting admin ----
  /** A new workspace (no token yet) becomes the one in use; without a name, Intercom's names it once its token answers. */
  'workspaces/add': { callers: EXTENSION, input: v.object({ name: v.optional(WorkspaceNameSchema) }) },
  'workspaces/rename': { callers: EXTENSION, input: v.object({ id: WorkspaceIdSchema, name: WorkspaceNameSchema }) },
  /** Deletes the workspace and its token (the page asks the user first). */
  'workspaces/remove': { callers: EXTENSION, input: v.object({ id: WorkspaceIdSchema }) },
  /** The panel's switcher and Settings: the workspace everything works in from now on. */
  'workspaces/switch': { callers: EXTENSION, input: v.object({ id: WorkspaceIdSchema }) },
  // ---- the fuller picture (issue 14): reads, each list a page at a time ----
  /** Contacts at the registrable domain of the panel's tab (the side panel's own section; the panel picks the domain). */
  'site/people': { callers: EXTENSION, input: v.object({ domain: DomainSchema, cursor: v.optional(CursorSchema) }) },
  'company/get': { callers: CARD, input: v.object({ id: IdSchema }) },
  'company/contacts': { callers: CARD, input: v.object({ id: IdSchema, cursor: v.optional(CursorSchema) }) },
  'contact/notes': { callers: CARD, input: v.object({ contactId: IdSchema, cursor: v.optional(CursorSchema) }) },
  'contact/conversations': {
    callers: CARD,
    input: v.object({ contactId: IdSchema, filter: ConversationFilterSchema, cursor: v.optional(CursorSchema) }),
  },
  'contact/events': { callers: CARD, input: v.object({ contactId: IdSchema, cursor: v.optional(CursorSchema) }) },
  'contact/tickets': { callers: CARD, input: v.object({ contactId: IdSchema, cursor: v.optional(CursorSchema) }) },
  'ticket/get': { callers: CARD, input: v.object({ id: IdSchema }) },
  'contact/segments': { callers: CARD, input: v.object({ contactId: IdSchema }) },
} as const;

/** What each route answers with when it succeeds. */
export interface RouteOutputs {
  'emails/found': { accepted: number };
  'settings/highlight': SettingsView;
  'settings/language': SettingsView;
  'ui/language': { language: Language | null };
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
  'contact/attributes': ContactAttributes;
  'settings/acting-admin': SettingsView;
  'workspaces/add': SettingsView;
  'workspaces/rename': SettingsView;
  'workspaces/remove': SettingsView;
  'workspaces/switch': SettingsView;
  'site/people': SitePeople;
  'company/get': CompanyView;
  'company/contacts': Page<ContactView>;
  'contact/notes': Page<NoteView>;
  'contact/conversations': Page<ConversationSummary>;
  'contact/events': Page<EventView>;
  'contact/tickets': Page<TicketSummary>;
  'ticket/get': TicketDetail;
  'contact/segments': SegmentsView;
}

export type RouteName = keyof typeof ROUTES;
export type RouteInput<R extends RouteName> = v.InferInput<(typeof ROUTES)[R]['input']>;
export type RouteParsed<R extends RouteName> = v.InferOutput<(typeof ROUTES)[R]['input']>;
export type RouteOutput<R extends RouteName> = RouteOutputs[R];

/** On the wire: `{ type, input }`. */
export const EnvelopeSchema = v.object({ type: v.string(), input: v.unknown() });

export function isRouteName(name: string): name is RouteName {
  return Object.prototype.hasOwnProperty.call(ROUTES, name);
}

/** Whether a caller of this kind may call the route at all. */
export function mayCall(route: RouteName, kind: CallerKind): boolean {
  return (ROUTES[route].callers as readonly CallerKind[]).includes(kind);
}

/** Whether the route changes something in Intercom (an embedded caller needs the `write` scope). */
export function writes(route: RouteName): boolean {
  return 'writes' in ROUTES[route] && (ROUTES[route] as { writes?: boolean }).writes === true;
}

