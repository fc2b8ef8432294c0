import type { ContactView, NamedRef } from '../protocol/schemas';
import { currentLang, t } from './i18n';

export function roleLabel(role: ContactView['role']): string {
  return role === 'user' ? t('roleUser') : t('roleLead');
}

/**
 * Companies renamed from this page (Edit company): id → the new name and the names it had before. Views read
 * before still hold an old name, so names are shown through companyName; a name that is neither (changed since in
 * Intercom itself) shows as it comes. A page starts again on a workspace switch: the names stay in their workspace.
 */
export const renamedCompanies = new Map<string, { to: string; from: Set<string> }>();
export const companyName = (co: NamedRef): string => {
  const renamed = renamedCompanies.get(co.id);
  return renamed?.from.has(co.name) ? renamed.to : co.name;
};
export function renameCompany(id: string, from: string, to: string): void {
  const before = renamedCompanies.get(id)?.from ?? new Set<string>();
  before.add(from);
  before.delete(to);
  renamedCompanies.set(id, { to, from: before });
}

export function companyNames(c: ContactView): string {
  return c.companies.map(companyName).filter(Boolean).join(', ');
}

export function locationText(c: ContactView): string {
  const l = c.location;
  return l ? [l.city, l.region, l.country].filter(Boolean).join(', ') : '';
}

/** "3 days ago" in the browser's language; Intercom times are Unix seconds. */
export function relativeTime(unixSeconds: number | null, now = Date.now()): string {
  if (!unixSeconds) return t('never');
  const diff = unixSeconds * 1000 - now;
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['year', 365 * 864e5], ['month', 30 * 864e5], ['week', 7 * 864e5], ['day', 864e5], ['hour', 36e5], ['minute', 6e4],
  ];
  const rtf = new Intl.RelativeTimeFormat(currentLang(), { numeric: 'auto' });
  for (const [unit, ms] of units) if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit);
  return rtf.format(0, 'minute');
}

/** A date and time in the language shown (Intl.DateTimeFormat); Intercom times are Unix seconds. */
export function dateTimeText(unixSeconds: number): string {
  return new Intl.DateTimeFormat(currentLang(), { dateStyle: 'medium', timeStyle: 'short' }).format(unixSeconds * 1000);
}

export function attributeText(value: string | number | boolean | null): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  return String(value);
}
