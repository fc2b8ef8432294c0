/**
 * Records → JSON in the shapes of Intercom API 2.14 (schemas `contact`, `company`, `admin`,
 * `admin_with_app`, `tag`, `conversation`, `conversation_list_item` in the OpenAPI description).
 */
import {
  companyUserCount,
  emailDomain,
  findContact,
  type AdminRecord,
  type AppliedTag,
  type AuthorRef,
  type CompanyRecord,
  type ContactRecord,
  type ConversationRecord,
  type SandboxState,
} from './state';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };
type Obj = { [key: string]: Json | undefined };

/** Contacts embed at most this many tag/company references, with `has_more` (as Intercom does). */
const EMBED_LIMIT = 10;

function refList(type: string, ids: string[], baseUrl: string, url: string): Obj {
  return {
    type: 'list',
    data: ids.slice(0, EMBED_LIMIT).map((id) => ({ type, id, url: `${baseUrl}/${id}` })),
    url,
    total_count: ids.length,
    has_more: ids.length > EMBED_LIMIT,
  };
}

export function presentContact(state: SandboxState, c: ContactRecord): Obj {
  const base = `/contacts/${c.id}`;
  const emptySubs = { type: 'list', data: [], url: `${base}/subscriptions`, total_count: 0, has_more: false };
  return {
    type: 'contact',
    id: c.id,
    workspace_id: state.app.id_code,
    external_id: c.external_id,
    role: c.role,
    email: c.email ?? '',
    email_domain: emailDomain(c.email),
    phone: c.phone,
    name: c.name,
    avatar: c.avatar,
    owner_id: c.owner_id,
    social_profiles: { type: 'list', data: [] },
    has_hard_bounced: c.has_hard_bounced,
    marked_email_as_spam: c.marked_email_as_spam,
    unsubscribed_from_emails: c.unsubscribed_from_emails,
    created_at: c.created_at,
    updated_at: c.updated_at,
    signed_up_at: c.signed_up_at,
    last_seen_at: c.last_seen_at,
    last_replied_at: c.last_replied_at,
    last_contacted_at: c.last_contacted_at,
    last_email_opened_at: c.last_email_opened_at,
    last_email_clicked_at: c.last_email_clicked_at,
    language_override: c.language_override,
    browser: c.browser,
    browser_version: c.browser_version,
    browser_language: c.browser_language,
    os: c.os,
    location: { type: 'location', ...c.location },
    android_app_name: null,
    android_app_version: null,
    android_device: null,
    android_os_version: null,
    android_sdk_version: null,
    android_last_seen_at: null,
    ios_app_name: null,
    ios_app_version: null,
    ios_device: null,
    ios_os_version: null,
    ios_sdk_version: null,
    ios_last_seen_at: null,
    custom_attributes: { ...c.custom_attributes },
    tags: refList('tag', c.tags.map((t) => t.id), '/tags', `${base}/tags`),
    notes: refList('note', [], '/notes', `${base}/notes`),
    companies: refList('company', c.company_ids, '/companies', `${base}/companies`),
    opted_out_subscription_types: emptySubs,
    opted_in_subscription_types: emptySubs,
    utm_campaign: null,
    utm_content: null,
    utm_medium: null,
    utm_source: null,
    utm_term: null,
    referrer: null,
    enabled_push_messaging: null,
  };
}

export function presentCompany(state: SandboxState, co: CompanyRecord): Obj {
  return {
    type: 'company',
    id: co.id,
    company_id: co.company_id,
    app_id: state.app.id_code,
    name: co.name,
    remote_created_at: co.remote_created_at,
    created_at: co.created_at,
    updated_at: co.updated_at,
    last_request_at: co.last_request_at,
    monthly_spend: co.monthly_spend,
    session_count: co.session_count,
    user_count: companyUserCount(state, co.id),
    size: co.size,
    website: co.website,
    industry: co.industry,
    plan: co.plan ? { type: 'plan', id: co.plan.id, name: co.plan.name } : {},
    custom_attributes: { ...co.custom_attributes },
    tags: {
      type: 'tag.list',
      tags: co.tag_ids.map((id) => ({ type: 'tag', id, name: state.tags.find((t) => t.id === id)?.name ?? '' })),
    },
    segments: { type: 'segment.list', segments: [] },
  };
}

export function presentAdmin(a: AdminRecord, withAvatar: boolean): Obj {
  return {
    type: 'admin',
    id: a.id,
    name: a.name,
    email: a.email,
    job_title: a.job_title,
    away_mode_enabled: a.away_mode_enabled,
    away_mode_reassign: a.away_mode_reassign,
    away_status_reason_id: null,
    has_inbox_seat: a.has_inbox_seat,
    team_ids: [...a.team_ids],
    ...(withAvatar ? { avatar: a.avatar } : {}),
  };
}

export function presentMe(state: SandboxState, a: AdminRecord): Obj {
  return {
    type: 'admin',
    id: a.id,
    email: a.email,
    name: a.name,
    email_verified: true,
    job_title: a.job_title,
    away_mode_enabled: a.away_mode_enabled,
    away_mode_reassign: a.away_mode_reassign,
    has_inbox_seat: a.has_inbox_seat,
    team_ids: [...a.team_ids],
    app: { type: 'app', ...state.app, secure: state.app.identity_verification },
    avatar: { type: 'avatar', image_url: a.avatar },
  };
}

export function presentTag(state: SandboxState, applied: AppliedTag): Obj {
  return {
    type: 'tag',
    id: applied.id,
    name: state.tags.find((t) => t.id === applied.id)?.name ?? '',
    applied_at: applied.applied_at,
    applied_by: { type: 'admin', id: applied.applied_by },
  };
}

function presentAuthor(state: SandboxState, ref: AuthorRef): Obj {
  if (ref.type === 'admin' || ref.type === 'bot') {
    const admin = state.admins.find((a) => a.id === ref.id);
    return { type: ref.type, id: ref.id, name: admin?.name ?? 'Operator', email: admin?.email ?? 'operator@acme.example' };
  }
  const contact = findContact(state, ref.id);
  return { type: ref.type, id: ref.id, name: contact?.name ?? null, email: contact?.email ?? '' };
}

/** `withParts`: the full `conversation` (GET /conversations/{id}); without: `conversation_list_item` (search). */
export function presentConversation(state: SandboxState, cv: ConversationRecord, withParts: boolean): Obj {
  const firstAdminReply = cv.parts.find((p) => p.part_type === 'comment' && p.author.type === 'admin');
  const closed = cv.parts.find((p) => p.part_type === 'close');
  const out: Obj = {
    type: 'conversation',
    id: cv.id,
    title: cv.title,
    created_at: cv.created_at,
    updated_at: cv.updated_at,
    waiting_since: cv.waiting_since,
    snoozed_until: cv.snoozed_until,
    open: cv.state !== 'closed',
    state: cv.state,
    read: cv.read,
    priority: cv.priority,
    admin_assignee_id: cv.admin_assignee_id,
    team_assignee_id: cv.team_assignee_id,
    tags: { type: 'tag.list', tags: cv.tags.map((t) => presentTag(state, t)) },
    conversation_rating: cv.rating
      ? {
          rating: cv.rating.rating,
          remark: cv.rating.remark,
          created_at: cv.rating.created_at,
          updated_at: cv.rating.created_at,
          contact: { type: 'contact', id: cv.contact_ids[0] ?? '', external_id: findContact(state, cv.contact_ids[0] ?? '')?.external_id ?? null },
          teammate: { type: 'admin', id: cv.admin_assignee_id === null ? null : String(cv.admin_assignee_id) },
        }
      : null,
    source: {
      type: cv.source.type,
      id: cv.source.id,
      delivered_as: cv.source.delivered_as,
      subject: cv.source.subject,
      body: cv.source.body,
      author: presentAuthor(state, cv.source.author),
      attachments: [],
      url: null,
      redacted: false,
    },
    contacts: {
      type: 'contact.list',
      contacts: cv.contact_ids.map((id) => ({ type: 'contact', id, external_id: findContact(state, id)?.external_id ?? null })),
    },
    teammates: {
      type: 'admin.list',
      teammates: cv.admin_assignee_id === null ? [] : [{ type: 'admin', id: String(cv.admin_assignee_id) }],
    },
    custom_attributes: {},
    first_contact_reply: { created_at: cv.created_at, type: 'conversation', url: null },
    sla_applied: null,
    statistics: {
      type: 'conversation_statistics',
      first_contact_reply_at: cv.created_at,
      ...(firstAdminReply ? { first_admin_reply_at: firstAdminReply.created_at, time_to_admin_reply: firstAdminReply.created_at - cv.created_at } : {}),
      ...(closed ? { first_close_at: closed.created_at, last_close_at: closed.created_at, time_to_first_close: closed.created_at - cv.created_at } : {}),
      count_reopens: 0,
      count_assignments: cv.admin_assignee_id === null ? 0 : 1,
      count_conversation_parts: cv.parts.length + 1,
    },
    linked_objects: { type: 'list', total_count: 0, has_more: false, data: [] },
    ai_agent_participated: false,
  };
  if (withParts) {
    out.conversation_parts = {
      type: 'conversation_part.list',
      conversation_parts: cv.parts.map((p) => ({
        type: 'conversation_part',
        id: p.id,
        part_type: p.part_type,
        body: p.body,
        created_at: p.created_at,
        updated_at: p.created_at,
        notified_at: p.created_at,
        ...(p.part_type === 'assignment' && cv.admin_assignee_id !== null
          ? { assigned_to: { type: 'admin', id: String(cv.admin_assignee_id) } }
          : {}),
        author: presentAuthor(state, p.author),
        attachments: [],
        external_id: null,
        redacted: false,
        state: cv.state,
        tags: [],
      })),
      total_count: cv.parts.length,
    };
  }
  return out;
}
