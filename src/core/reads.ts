/**
 * What the panel reads besides contacts: the workspace (admins, teams, tags, ticket types), a contact's open
 * conversations and tickets, one conversation with its parts, companies by name, and who writes as whom.
 */
import type {
  AdminRef,
  CompanyRef,
  ContactActivity,
  OptionalRead,
  ConversationDetail,
  ConversationSummary,
  TicketAttributeView,
  TicketSummary,
  TicketTypeView,
  WorkspaceView,
} from '../protocol/actions';
import { optional } from './optional';
import { getMe, listAdmins, listTeams } from './intercom/admins';
import { findCompanies } from './intercom/companies';
import { conversationsOfContact } from './intercom/conversations';
import { webAppBase } from './intercom/lookup';
import type { IntercomHttp } from './intercom/http';
import { collect } from './intercom/paginate';
import { ConversationSchema, type ConversationData, type TicketData, type TicketTypeAttributeData, type TicketTypeData } from './intercom/shapes-inbox';
import { parse, type AdminData, type MeData, type TeamData } from './intercom/shapes';
import { listTags } from './intercom/tags';
import { listTicketTypes, ticketsOfContact } from './intercom/tickets';
import type { Session } from './session';

export const WORKSPACE_TTL_MS = 5 * 60_000;

interface Directory {
  at: number;
  me: MeData;
  admins: AdminData[];
  teams: TeamData[];
  /** Lists this token may not read (they are empty). */
  unavailable: OptionalRead[];
}


interface App {
  idCode: string;
  region: string | null;
}

/** Per live connection: a new session (token or region changed) starts with nothing cached. */
const directories = new WeakMap<Session, Promise<Directory>>();
const workspaces = new WeakMap<Session, { at: number; view: Promise<WorkspaceView> }>();

/** The token's admin, the workspace's admins and teams, cached for a while per connection. */
export function directory(s: Session, refresh = false, now = Date.now()): Promise<Directory> {
  const cached = directories.get(s);
  if (cached && !refresh) {
    return cached.then((d) => (now - d.at < WORKSPACE_TTL_MS ? d : directory(s, true, now)));
  }
  // Only /me is needed (who the token is, which app): admins and teams only name people in the card.
  const unavailable: OptionalRead[] = [];
  const next = Promise.all([
    getMe(s.http),
    optional(listAdmins(s.http), [], 'admins', unavailable),
    optional(listTeams(s.http), [], 'teams', unavailable),
  ]).then(([me, admins, teams]) => ({ at: now, me, admins, teams, unavailable }));
  directories.set(s, next);
  next.catch(() => {
    if (directories.get(s) === next) directories.delete(s);
  });
  return next;
}

const appOf = (d: Directory): App => ({ idCode: d.me.app?.id_code ?? '', region: d.me.app?.region ?? null });
const adminRef = (a: AdminData): AdminRef => ({ id: a.id, name: a.name ?? a.email ?? a.id, email: a.email });

/** `actingAdminId`: who quick actions are sent as (the host's choice); null for the token's own admin. */
export async function workspaceInfo(s: Session, refresh: boolean, actingAdminId: string | null, now = Date.now()): Promise<WorkspaceView> {
  const cached = workspaces.get(s);
  if (cached && !refresh && now - cached.at < WORKSPACE_TTL_MS) return cached.view;
  const view = (async (): Promise<WorkspaceView> => {
    const missing: OptionalRead[] = [];
    const [d, tags, types] = await Promise.all([
      directory(s, refresh, now),
      optional(listTags(s.http), [], 'tags', missing),
      optional(listTicketTypes(s.http), [], 'ticketTypes', missing),
    ]);
    const unavailable = [...d.unavailable, ...missing];
    return {
      appId: d.me.app?.id_code ?? '',
      me: adminRef(d.me),
      actingAdminId: actingAdminId ?? d.me.id,
      admins: d.admins.map(adminRef),
      teams: d.teams.map((t) => ({ id: t.id, name: t.name })),
      tags: tags.map((t) => ({ id: t.id, name: t.name })),
      ticketTypes: types.map(ticketTypeView),
      ...(unavailable.length ? { unavailable } : {}),
    };
  })();
  workspaces.set(s, { at: now, view });
  view.catch(() => {
    if (workspaces.get(s)?.view === view) workspaces.delete(s);
  });
  return view;
}

/** After a tag is created or the acting admin changes, the next workspace read goes to Intercom. */
export function forgetWorkspace(s: Session): void {
  workspaces.delete(s);
}

export function ticketTypeView(t: TicketTypeData): TicketTypeView {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    category: t.category,
    attributes: (t.ticket_type_attributes ?? [])
      .filter((a) => a.name !== '_default_title_' && a.name !== '_default_description_' && !a.archived)
      .map(attributeView),
  };
}

function attributeView(a: TicketTypeAttributeData): TicketAttributeView {
  const opts = a.input_options ?? {};
  const list = Array.isArray(opts.list_options) ? (opts.list_options as unknown[]) : [];
  return {
    name: a.name,
    label: a.name,
    description: a.description || null,
    dataType: a.data_type,
    required: !!(a.required_to_create || a.required_to_create_for_contacts),
    multiline: opts.multiline === true,
    options: list.flatMap((o) => {
      if (!o || typeof o !== 'object') return [];
      const { id, label } = o as { id?: unknown; label?: unknown };
      return id === undefined || id === null ? [] : [{ id: String(id), label: typeof label === 'string' ? label : String(id) }];
    }),
  };
}

export function conversationUrl(app: App, id: string): string {
  return `${webAppBase(app.region)}/a/apps/${encodeURIComponent(app.idCode)}/inbox/inbox/all/conversations/${encodeURIComponent(id)}`;
}

/** HTML to plain text, for a one-line preview (never rendered as HTML). */
export function plainText(html: string | null | undefined): string {
  return (html ?? '')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

export function conversationSummary(c: ConversationData, d: Directory): ConversationSummary {
  const parts = c.conversation_parts?.conversation_parts ?? [];
  const last = [...parts].reverse().find((p) => plainText(p.body));
  const teamId = c.team_assignee_id && c.team_assignee_id !== '0' ? c.team_assignee_id : null;
  const adminId = c.admin_assignee_id && c.admin_assignee_id !== '0' ? c.admin_assignee_id : null;
  let assignee: ConversationSummary['assignee'] = null;
  if (adminId) {
    const a = d.admins.find((x) => x.id === adminId);
    assignee = { type: 'admin', id: adminId, name: a?.name ?? a?.email ?? adminId };
  } else if (teamId) {
    assignee = { type: 'team', id: teamId, name: d.teams.find((t) => t.id === teamId)?.name ?? teamId };
  }
  return {
    id: c.id,
    title: c.title || c.source?.subject || null,
    state: c.state ?? (c.open === false ? 'closed' : 'open'),
    updatedAt: c.updated_at,
    snoozedUntil: c.snoozed_until,
    assignee,
    lastPart: plainText(last?.body ?? c.source?.body),
    tags: (c.tags?.tags ?? []).map((t) => ({ id: t.id, name: t.name ?? '' })),
    url: conversationUrl(appOf(d), c.id),
  };
}

export function ticketSummary(t: TicketData, d: Directory): TicketSummary {
  const state = t.ticket_state;
  const title = t.ticket_attributes?._default_title_;
  return {
    id: t.id,
    ticketId: t.ticket_id,
    typeName: t.ticket_type?.name ?? null,
    state: typeof state === 'string' ? state : (state?.internal_label ?? state?.category ?? null),
    title: typeof title === 'string' ? title : null,
    url: conversationUrl(appOf(d), t.id),
  };
}

export async function contactActivity(s: Session, contactId: string): Promise<ContactActivity> {
  const missing: OptionalRead[] = [];
  const [conversations, tickets, d] = await Promise.all([
    optional(collect(conversationsOfContact(s.http, contactId, true)), [], 'conversations', missing),
    optional(collect(ticketsOfContact(s.http, contactId)), [], 'tickets', missing),
    directory(s),
  ]);
  const open = conversations
    .filter((c) => c.state !== 'closed' && c.open !== false)
    .sort((a, b) => (b.updated_at ?? 0) - (a.updated_at ?? 0));
  return {
    conversations: open.map((c) => conversationSummary(c, d)),
    tickets: tickets.map((t) => ticketSummary(t, d)),
    ...(missing.length ? { unavailable: missing } : {}),
  };
}

export async function conversationDetail(s: Session, id: string): Promise<ConversationDetail> {
  // Bodies as Intercom stores them (HTML): the widget sanitises before showing.
  const [c, d] = await Promise.all([getConversationHtml(s.http, id), directory(s)]);
  const parts = (c.conversation_parts?.conversation_parts ?? []).map((p) => ({
    id: p.id,
    partType: p.part_type,
    author: p.author?.name ?? null,
    body: p.body ?? '',
    createdAt: p.created_at,
  }));
  return { ...conversationSummary(c, d), parts };
}

async function getConversationHtml(http: IntercomHttp, id: string): Promise<ConversationData> {
  return parse(ConversationSchema, await http.request('GET', `/conversations/${encodeURIComponent(id)}`));
}

export async function findCompanyRefs(s: Session, name: string): Promise<{ companies: CompanyRef[] }> {
  const found = await findCompanies(s.http, { name });
  return { companies: found.map((c) => ({ id: c.id, name: c.name ?? '', companyId: c.company_id })) };
}

export type { Directory };
