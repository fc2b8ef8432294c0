/** The page's people as a table: one row per address, with what Intercom knows of each. */
import type { ContactView } from '../../protocol/schemas';
import { companyName } from '../format';
import { t } from '../i18n';
import { toDelimited, type Separator } from './table';

export interface PersonRow {
  email: string;
  /** null: not in Intercom; undefined: not looked up (yet). */
  contact: ContactView | null | undefined;
}

const iso = (unix: number | null) => (unix === null ? '' : new Date(unix * 1000).toISOString());

export function peopleTable(rows: readonly PersonRow[]): string[][] {
  const header = [
    t('fieldEmail'),
    t('qa_name'),
    t('export_status'),
    t('fieldRole'),
    t('fieldCompanies'),
    t('fieldTags'),
    t('fieldLastSeen'),
    t('fieldLocation'),
    t('fieldPhone'),
    t('export_id'),
    t('export_link'),
  ];
  const body = rows.map(({ email, contact: c }) => {
    if (!c) return [email, '', c === null ? t('notInIntercom') : t('notLookedUp'), '', '', '', '', '', '', '', ''];
    const place = c.location ? [c.location.city, c.location.region, c.location.country].filter(Boolean).join(', ') : '';
    return [
      c.email ?? email,
      c.name ?? '',
      t('export_inIntercom'),
      c.role,
      c.companies.map(companyName).filter(Boolean).join('; '),
      c.tags.map((x) => x.name || `#${x.id}`).join('; '),
      iso(c.lastSeenAt),
      place,
      c.phone ?? '',
      c.id,
      c.url,
    ];
  });
  return [header, ...body];
}

export function peopleText(rows: readonly PersonRow[], sep: Separator): string {
  return toDelimited(peopleTable(rows), sep);
}

/** A file name for the download: the page's host and the day. */
export function exportFileName(origin: string | undefined, now = new Date()): string {
  let host = 'page';
  try {
    if (origin) host = new URL(origin).hostname.replace(/[^\w.-]+/g, '-') || 'page';
  } catch {
    // An origin that is not a URL: the generic name.
  }
  return `intercom-people-${host}-${now.toISOString().slice(0, 10)}.csv`;
}

/** Saves the CSV as a file (with a byte-order mark, so spreadsheet programs read it as UTF-8). */
export function downloadCsv(rows: readonly PersonRow[], fileName: string): void {
  const blob = new Blob(['\uFEFF', peopleText(rows, ',')], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
