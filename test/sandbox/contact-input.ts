/**
 * Validation of `POST /contacts` and `PUT /contacts/{id}` bodies (schemas `create_contact_request`,
 * `update_contact_request`), with Intercom's answers: 400 `parameter_invalid` / `parameter_not_found`,
 * 409 `conflict` "A contact matching those details already exists with id=…".
 */
import { ApiError, invalid, missing } from './errors';
import { isRecord } from './http';
import type { Scalar } from './search';
import { nextSeq, objectId, type ContactRecord, type Role, type SandboxState } from './state';

export interface ContactPatch {
  role?: Role;
  external_id?: string | null;
  email?: string | null;
  phone?: string | null;
  name?: string | null;
  avatar?: string | null;
  signed_up_at?: number | null;
  last_seen_at?: number | null;
  owner_id?: number | null;
  unsubscribed_from_emails?: boolean;
  custom_attributes?: Record<string, Scalar>;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

function optString(body: Record<string, unknown>, key: string): string | null | undefined {
  const v = body[key];
  if (v === undefined || v === null) return v;
  if (typeof v !== 'string') throw invalid(`${key} must be a string`, key);
  return v;
}

function optInt(body: Record<string, unknown>, key: string): number | null | undefined {
  const v = body[key];
  if (v === undefined || v === null) return v;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw invalid(`${key} must be an integer`, key);
  return v;
}

function customAttributes(state: SandboxState, raw: unknown): Record<string, Scalar> | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw)) throw invalid('custom_attributes must be an object', 'custom_attributes');
  const out: Record<string, Scalar> = {};
  for (const [key, value] of Object.entries(raw)) {
    const type = state.contactAttributes[key];
    const field = `custom_attributes.${key}`;
    if (!type) throw missing(`Custom attribute '${key}' does not exist`, field);
    if (state.contactAttributeMeta[key]?.apiWritable === false) throw invalid(`Custom attribute '${key}' is not writable through the API`, field);
    const options = state.contactAttributeMeta[key]?.options;
    if (options && value !== null && !options.includes(String(value))) throw invalid(`Custom attribute '${key}' must be one of: ${options.join(', ')}`, field);
    const ok =
      value === null ||
      (type === 'string' && typeof value === 'string') ||
      (type === 'boolean' && typeof value === 'boolean') ||
      (type === 'float' && typeof value === 'number' && Number.isFinite(value)) ||
      ((type === 'integer' || type === 'date') && typeof value === 'number' && Number.isInteger(value));
    if (!ok) throw invalid(`Custom attribute '${key}' must be of type ${type}`, field);
    out[key] = value as Scalar;
  }
  return out;
}

/** Reads the fields both requests share. Unknown top-level fields are ignored, as Intercom does. */
export function readContactPatch(state: SandboxState, body: unknown): ContactPatch {
  if (!isRecord(body)) throw invalid('The request body must be a JSON object');
  const patch: ContactPatch = {};
  if (body.role !== undefined) {
    if (body.role !== 'user' && body.role !== 'lead') throw invalid("role must be 'user' or 'lead'", 'role');
    patch.role = body.role;
  }
  const email = optString(body, 'email');
  if (email !== undefined) {
    const trimmed = email?.trim() ?? null;
    if (trimmed !== null && trimmed !== '' && !EMAIL.test(trimmed)) throw invalid('Email address is invalid', 'email');
    patch.email = trimmed === '' ? null : trimmed;
  }
  for (const key of ['external_id', 'phone', 'name', 'avatar'] as const) {
    const v = optString(body, key);
    if (v !== undefined) patch[key] = v;
  }
  for (const key of ['signed_up_at', 'last_seen_at'] as const) {
    const v = optInt(body, key);
    if (v !== undefined) patch[key] = v;
  }
  const owner = optInt(body, 'owner_id');
  if (owner !== undefined) {
    if (owner !== null && !state.admins.some((a) => Number(a.id) === owner)) {
      throw invalid(`owner_id ${owner} is not an admin of this workspace`, 'owner_id');
    }
    patch.owner_id = owner;
  }
  const unsub = body.unsubscribed_from_emails;
  if (unsub !== undefined && unsub !== null) {
    if (typeof unsub !== 'boolean') throw invalid('unsubscribed_from_emails must be a boolean', 'unsubscribed_from_emails');
    patch.unsubscribed_from_emails = unsub;
  }
  const custom = customAttributes(state, body.custom_attributes);
  if (custom) patch.custom_attributes = custom;
  return patch;
}

/** Users are unique by email and by external_id; leads may share an email with anyone. */
export function assertNoConflict(state: SandboxState, role: Role, email: string | null, externalId: string | null, selfId?: string): void {
  const others = state.contacts.filter((c) => c.id !== selfId);
  const clash =
    (externalId !== null && others.find((c) => c.external_id === externalId)) ||
    (role === 'user' && email !== null && others.find((c) => c.role === 'user' && c.email?.toLowerCase() === email.toLowerCase()));
  if (clash) {
    throw new ApiError(409, [{ code: 'conflict', message: `A contact matching those details already exists with id=${clash.id}` }]);
  }
}

export function applyPatch(c: ContactRecord, patch: ContactPatch, now: number): void {
  const { custom_attributes: custom, ...rest } = patch;
  Object.assign(c, rest);
  if (custom) c.custom_attributes = { ...c.custom_attributes, ...custom };
  c.updated_at = Math.max(now, c.created_at);
}

/** A contact as Intercom creates it (not yet added to the workspace): nothing known beyond what is given. */
export function newContact(state: SandboxState, now: number, role: Role, email: string | null, externalId: string | null): ContactRecord {
  return {
    id: objectId(now, 0x800000 + nextSeq(state)),
    external_id: externalId,
    role,
    email,
    phone: null,
    name: null,
    avatar: null,
    owner_id: null,
    has_hard_bounced: false,
    marked_email_as_spam: false,
    unsubscribed_from_emails: false,
    created_at: now,
    updated_at: now,
    signed_up_at: role === 'user' ? now : null,
    last_seen_at: null,
    last_replied_at: null,
    last_contacted_at: null,
    last_email_opened_at: null,
    last_email_clicked_at: null,
    language_override: null,
    browser: null,
    browser_version: null,
    browser_language: null,
    os: null,
    location: { city: null, region: null, country: null, country_code: null, continent_code: null },
    custom_attributes: {},
    tags: [],
    company_ids: [],
  };
}
