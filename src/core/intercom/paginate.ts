/**
 * Lists longer than one page, walked as async iterators: searches and lists with a `starting_after` cursor
 * (`pages.next.starting_after`), and the older lists numbered by page (`pages.page` / `total_pages`).
 */
import type * as v from 'valibot';
import type { IntercomHttp } from './http';
import type { Priority } from './limiter';
import { parse } from './shapes';

interface CursorPage {
  pages?: { next?: string | { starting_after?: string | null } | null } | null;
}

function cursorOf(page: CursorPage): string | undefined {
  const next = page.pages?.next;
  return next && typeof next === 'object' ? (next.starting_after ?? undefined) : undefined;
}

/** POST searches (`/contacts/search`, `/conversations/search`, `/tickets/search`): one request a page. */
export async function* searchPages<S extends v.GenericSchema, T>(
  http: IntercomHttp,
  path: string,
  query: unknown,
  schema: S,
  items: (page: v.InferOutput<S>) => T[],
  opts: { perPage?: number; priority?: Priority; sort?: { field: string; order: 'ascending' | 'descending' } } = {},
): AsyncGenerator<T[]> {
  let startingAfter: string | undefined;
  do {
    const body = { query, ...(opts.sort ? { sort: opts.sort } : {}), pagination: { per_page: opts.perPage ?? 150, ...(startingAfter ? { starting_after: startingAfter } : {}) } };
    const page = parse(schema, await http.request('POST', path, { json: body, idempotent: true, priority: opts.priority }));
    yield items(page);
    startingAfter = cursorOf(page as CursorPage);
  } while (startingAfter);
}

/** Lists paged by cursor (`?starting_after=`) or by number (`?page=`); GET, or POST where Intercom lists that way. */
export async function* listPages<S extends v.GenericSchema, T>(
  http: IntercomHttp,
  path: string,
  schema: S,
  items: (page: v.InferOutput<S>) => T[],
  perPage = 50,
  method: 'GET' | 'POST' = 'GET',
): AsyncGenerator<T[]> {
  let startingAfter: string | undefined;
  for (let pageNo = 1; ; pageNo++) {
    const searchParams: Record<string, string | number> = { per_page: perPage };
    if (startingAfter) searchParams.starting_after = startingAfter;
    else if (pageNo > 1) searchParams.page = pageNo;
    const page = parse(schema, await http.request(method, path, { searchParams, idempotent: true }));
    const got = items(page);
    yield got;
    startingAfter = cursorOf(page as CursorPage);
    if (startingAfter) continue;
    const p = (page as { pages?: { page?: number | null; total_pages?: number | null } | null }).pages;
    if (!got.length || !p?.total_pages || (p.page ?? pageNo) >= p.total_pages) return;
  }
}

/** Every item of an async page iterator, in order. */
export async function collect<T>(pages: AsyncIterable<T[]>, max = Infinity): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) {
    out.push(...page);
    if (out.length >= max) return out.slice(0, max);
  }
  return out;
}

/** One page of a longer list, and the opaque cursor that asks for the next one (null: no more). */
export interface OnePage<T> {
  items: T[];
  next: string | null;
}

/** One page of a POST search, from `cursor` (Intercom's `starting_after`) on: for "Show more". */
export async function searchPage<S extends v.GenericSchema, T>(
  http: IntercomHttp,
  path: string,
  query: unknown,
  schema: S,
  items: (page: v.InferOutput<S>) => T[],
  opts: { perPage: number; cursor?: string; sort?: { field: string; order: 'ascending' | 'descending' } },
): Promise<OnePage<T>> {
  const pagination = { per_page: opts.perPage, ...(opts.cursor ? { starting_after: opts.cursor } : {}) };
  const body = { query, ...(opts.sort ? { sort: opts.sort } : {}), pagination };
  const page = parse(schema, await http.request('POST', path, { json: body, idempotent: true }));
  return { items: items(page), next: cursorOf(page as CursorPage) ?? null };
}

/**
 * One page of a GET list paged by cursor or by number. The cursor handed out is `c:<starting_after>` or
 * `p:<page number>`, whichever Intercom answered with.
 */
export async function listPage<S extends v.GenericSchema, T>(
  http: IntercomHttp,
  path: string,
  schema: S,
  items: (page: v.InferOutput<S>) => T[],
  perPage: number,
  cursor?: string,
): Promise<OnePage<T>> {
  const searchParams: Record<string, string | number> = { per_page: perPage };
  const pageNo = cursor?.startsWith('p:') ? Number(cursor.slice(2)) : 1;
  if (cursor?.startsWith('c:')) searchParams.starting_after = cursor.slice(2);
  else if (pageNo > 1) searchParams.page = pageNo;
  const page = parse(schema, await http.request('GET', path, { searchParams, idempotent: true }));
  const got = items(page);
  const after = cursorOf(page as CursorPage);
  if (after) return { items: got, next: `c:${after}` };
  const p = (page as { pages?: { page?: number | null; total_pages?: number | null } | null }).pages;
  const at = p?.page ?? pageNo;
  return { items: got, next: got.length && p?.total_pages && at < p.total_pages ? `p:${at + 1}` : null };
}
