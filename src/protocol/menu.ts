/**
 * Worker → panel: what the user asked for from the right-click menu or a keyboard command. The worker keeps the request in
 * storage.session under its window (`menu:request:<windowId>`) and announces it; the panel of that window
 * reads it (on load, or on the announcement) and consumes it.
 *
 * A selection or a mailto: link is stored as the user chose it, and the panel finds the addresses in it
 * (menu-resolve.ts, loaded there when such a request arrives): the worker goes without the address detector.
 */
import * as v from 'valibot';
import { EmailSchema } from './schemas';

/** A request older than this is stale (the panel was opened much later, for something else). */
export const MENU_REQUEST_TTL_MS = 5 * 60_000;
export const MAX_MENU_EMAILS = 20;
// The storage key and the length limits are plain constants: the panel reads storage without loading this module
// (and valibot) first, and the worker, which only stores requests, never loads it (constants.ts).
export { MAX_LINK_LENGTH, MAX_SELECTION_LENGTH, menuRequestKey } from './constants';
import { MAX_LINK_LENGTH, MAX_SELECTION_LENGTH } from './constants';

/** Kinds that name addresses; `name-search` names a query; `scan` and `first-card` name nothing (the bound tab). */
const EMAIL_KINDS = ['lookup', 'tag', 'create-lead'] as const;

export const MenuRequestSchema = v.strictObject({
  /**
   * `scan`: show the page's people (the worker has scanned the tab); `first-card`: open the first known one's card;
   * `selection`: selected text, to look up its addresses or, without one, to search by name.
   */
  kind: v.picklist([...EMAIL_KINDS, 'name-search', 'scan', 'first-card', 'selection']),
  emails: v.optional(v.pipe(v.array(EmailSchema), v.minLength(1), v.maxLength(MAX_MENU_EMAILS))),
  query: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(255))),
  /** `selection`: the text as Chrome gave it. */
  text: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_SELECTION_LENGTH))),
  /** An address kind: the mailto: link clicked, whose recipients are the addresses (instead of `emails`). */
  link: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_LINK_LENGTH))),
  at: v.pipe(v.number(), v.finite()),
});

/** As stored: a selection or a link may still have to be read. */
export type StoredMenuRequest = v.InferOutput<typeof MenuRequestSchema>;
/** What the panel acts on: addresses, a query, or the tab. */
export type MenuRequest = Omit<StoredMenuRequest, 'kind' | 'text' | 'link'> & { kind: Exclude<StoredMenuRequest['kind'], 'selection'> };

/** A stored or announced request, or null when it is malformed, incomplete for its kind, or stale. */
export function parseMenuRequest(value: unknown, now = Date.now()): StoredMenuRequest | null {
  const parsed = v.safeParse(MenuRequestSchema, value);
  if (!parsed.success) return null;
  const r = parsed.output;
  const wantsAddresses = (EMAIL_KINDS as readonly string[]).includes(r.kind);
  // Exactly what the kind needs: addresses (or the link holding them) for the address kinds, a query for a name
  // search, the text for a selection, nothing else.
  if (wantsAddresses !== (!!r.emails?.length !== !!r.link) || (!wantsAddresses && (r.emails || r.link))) return null;
  if ((r.kind === 'name-search') !== !!r.query || (r.kind === 'selection') !== !!r.text) return null;
  if (now - r.at > MENU_REQUEST_TTL_MS || r.at - now > 60_000) return null;
  return r;
}

/** The request to act on; a selection or a link is read for its addresses first (null: nothing to act on). */
export async function resolveMenuRequest(r: StoredMenuRequest): Promise<MenuRequest | null> {
  if (r.kind === 'selection' || r.link) {
    const { selectionRequest, linkRequest } = await import('./menu-resolve');
    return r.kind === 'selection' ? selectionRequest(r.text ?? '', r.at) : linkRequest(r.kind, r.link ?? '', r.at);
  }
  return r as MenuRequest;
}
