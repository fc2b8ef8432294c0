/**
 * Records → JSON in the shapes of Intercom API 2.14 (schemas `contact`, `company`, `admin`,
 * `admin_with_app`, `tag` in the OpenAPI description). Conversations: present-conversation.ts;
 * notes, teams, tickets, messages: present-more.ts.
 */
import {
  companyUserCount,
  emailDomain,
  type AdminRecord,
  type AppliedTag,
  type CompanyRecord,
  type ContactRecord,
  type SandboxState,
} from './state';

export { presentConversation } from './present-conversation';

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

/** A contact's notes, newest first. */
export function notesOf(state: SandboxState, contactId: string) {
  return state.notes.filter((n) => n.contact_id === contactId).sort((a, b) => b.created_at - a.created_at || Number(b.id) - Number(a.id));
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
    notes: refList('note', notesOf(state, c.id).map((n) => n.id), '/notes', `${base}/notes`),
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
    // Fields never set are left out, as Intercom does.
    ...(co.last_request_at === null ? {} : { last_request_at: co.last_request_at }),
    monthly_spend: co.monthly_spend,
    session_count: co.session_count,
    user_count: companyUserCount(state, co.id),
    ...(co.size === null ? {} : { size: co.size }),
    ...(co.website === null ? {} : { website: co.website }),
    ...(co.industry === null ? {} : { industry: co.industry }),
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

/** A tag as a tagging operation (or a contact's tag list) answers it: with when and by whom it was applied. */
export function presentTag(state: SandboxState, applied: AppliedTag): Obj {
  return {
    type: 'tag',
    id: applied.id,
    name: state.tags.find((t) => t.id === applied.id)?.name ?? '',
    applied_at: applied.applied_at,
    applied_by: { type: 'admin', id: applied.applied_by },
  };
}

/** A tag on its own (`tag_basic`): `GET /tags`, `POST /tags`. */
export function presentTagBasic(tag: { id: string; name: string }): Obj {
  return { type: 'tag', id: tag.id, name: tag.name };
}
