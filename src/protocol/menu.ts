/**
 * Worker → panel: what the user asked for from the right-click menu. The worker keeps the request in
 * storage.session under its window (`menu:request:<windowId>`) and announces it; the panel of that window
 * reads it (on load, or on the announcement) and consumes it.
 */
import * as v from 'valibot';
import { EmailSchema } from './schemas';

export const MENU_REQUEST_EVENT = 'event/menu-request';
/** A request older than this is stale (the panel was opened much later, for something else). */
export const MENU_REQUEST_TTL_MS = 5 * 60_000;
export const MAX_MENU_EMAILS = 20;

export const menuRequestKey = (windowId: number) => `menu:request:${windowId}`;

export const MenuRequestSchema = v.object({
  kind: v.picklist(['lookup', 'tag', 'create-lead', 'name-search']),
  emails: v.optional(v.pipe(v.array(EmailSchema), v.minLength(1), v.maxLength(MAX_MENU_EMAILS))),
  query: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(255))),
  at: v.pipe(v.number(), v.finite()),
});

export type MenuRequest = v.InferOutput<typeof MenuRequestSchema>;

export interface MenuRequestEvent {
  event: typeof MENU_REQUEST_EVENT;
  windowId: number;
  request: MenuRequest;
}

/** A stored or announced request, or null when it is malformed, incomplete for its kind, or stale. */
export function parseMenuRequest(value: unknown, now = Date.now()): MenuRequest | null {
  const parsed = v.safeParse(MenuRequestSchema, value);
  if (!parsed.success) return null;
  const r = parsed.output;
  if (r.kind === 'name-search' ? !r.query : !r.emails?.length) return null;
  if (now - r.at > MENU_REQUEST_TTL_MS || r.at - now > 60_000) return null;
  return r;
}
