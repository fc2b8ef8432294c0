/**
 * Sort keys and cursors for `search.ts`. A cursor is base64 of `[sortValue, id, nextPage]` — the form
 * Intercom's own `starting_after` values take — and points just after the last item of a page, so a
 * walk stays correct when items are added or removed between calls.
 */
import type { Scalar, SortOrder } from './search';

export type SortKey = [Scalar, string];

export function compareScalar(a: Scalar, b: Scalar): number {
  if (a === b) return 0;
  if (a === null) return -1; // "no value" sorts first ascending, last descending
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a ? 1 : -1;
  const sa = String(a).toLowerCase();
  const sb = String(b).toLowerCase();
  if (sa !== sb) return sa < sb ? -1 : 1;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** Total order: sort value (case-insensitive for strings), then id. */
export function compareKeys(a: SortKey, b: SortKey, order: SortOrder): number {
  const c = compareScalar(a[0], b[0]) || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
  return order === 'ascending' ? c : -c;
}

export function encodeCursor(value: Scalar, id: string, page: number): string {
  return Buffer.from(JSON.stringify([value, id, page]), 'utf8').toString('base64');
}

/** The key and page number in a cursor, or null if it is not one of ours. */
export function decodeCursor(cursor: string): { key: SortKey; page: number } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return null;
  const [value, id, page] = parsed as unknown[];
  const scalarOk = value === null || ['string', 'number', 'boolean'].includes(typeof value);
  if (!scalarOk || typeof id !== 'string' || typeof page !== 'number' || !Number.isInteger(page) || page < 2) return null;
  return { key: [value as Scalar, id], page };
}
