/**
 * Worker → panel: what the user asked for from the right-click menu or a keyboard command. The worker keeps the request in
 * storage.session under its window (`menu:request:<windowId>`) and announces it; the panel of that window
 * reads it (on load, or on the announcement) and consumes it.
 */
import * as v from 'valibot';
import { EmailSchema } from './schemas';

/** A request older than this is stale (the panel was opened much later, for something else). */
export const MENU_REQUEST_TTL_MS = 5 * 60_000;
export const MAX_MENU_EMAILS = 20;

export const menuRequestKey = (windowId: number) => `menu:request:${windowId}`;

/** Kinds that name addresses; `name-search` names a query; `scan` and `first-card` name nothing (the bound tab). */
const EMAIL_KINDS = ['lookup', 'tag', 'create-lead'] as const;

export const MenuRequestSchema = v.strictObject({
  /** `scan`: show the page's people (the worker has scanned the tab); `first-card`: open the first known one's card. */
  kind: v.picklist([...EMAIL_KINDS, 'name-search', 'scan', 'first-card']),
  emails: v.optional(v.pipe(v.array(EmailSchema), v.minLength(1), v.maxLength(MAX_MENU_EMAILS))),
  query: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(255))),
  at: v.pipe(v.number(), v.finite()),
});

export type MenuRequest = v.InferOutput<typeof MenuRequestSchema>;


/** A stored or announced request, or null when it is malformed, incomplete for its kind, or stale. */
export function parseMenuRequest(value: unknown, now = Date.now()): MenuRequest | null {
  const parsed = v.safeParse(MenuRequestSchema, value);
  if (!parsed.success) return null;
  const r = parsed.output;
  const wantsEmails = (EMAIL_KINDS as readonly string[]).includes(r.kind);
  const wantsQuery = r.kind === 'name-search';
  // Exactly what the kind needs: addresses for the address kinds, a query for a name search, nothing else.
  if (wantsEmails !== !!r.emails?.length || wantsQuery !== !!r.query) return null;
  if (now - r.at > MENU_REQUEST_TTL_MS || r.at - now > 60_000) return null;
  return r;
}
