/**
 * The addresses in a selection or a mailto: link the user chose from the menu or with a shortcut. Loaded by the
 * panel when such a request arrives (protocol/menu.ts), so the address detector is not part of the worker.
 */
import { emailsFromMailto, extractEmails } from '../detect/detect';
import { MAX_MENU_EMAILS, type MenuRequest } from './menu';

/** Selected text: the addresses in it are looked up; text without one is a search by name; blank asks nothing. */
export function selectionRequest(text: string, at: number): MenuRequest | null {
  const emails = extractEmails(text, MAX_MENU_EMAILS);
  if (emails.length) return { kind: 'lookup', emails, at };
  const query = text.replace(/\s+/g, ' ').trim().slice(0, 255).trim();
  return query ? { kind: 'name-search', query, at } : null;
}

/** A mailto: link: its recipients, for the kind chosen (null when it names none). */
export function linkRequest(kind: MenuRequest['kind'], link: string, at: number): MenuRequest | null {
  const emails = emailsFromMailto(link, MAX_MENU_EMAILS);
  return emails.length ? { kind, emails, at } : null;
}
