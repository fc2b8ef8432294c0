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

/**
 * POST searches (`/contacts/search`, `/conversations/search`, `/tickets/search`): one request a page, each read
 * as searchPage reads one.
 */
export async function* searchPages<S extends v.GenericSchema, T>(
  http: IntercomHttp,
  path: string,
  query: unknown,
  schema: S,
  items: (page: v.InferOutput<S>) => T[],
  opts: Omit<SearchOptions, 'cursor' | 'perPage'> & { perPage?: number } = {},
): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  do {
    const page = await searchPage(http, path, query, schema, items, { perPage: 150, ...opts, cursor });
    yield page.items;
    cursor = page.next ?? undefined;
  } while (cursor);
}

/**
 * Lists paged by cursor (`?starting_after=`) or by number (`?page=`); GET, or POST where Intercom lists that
 * way. Each page is read as listPage reads one, and the next asked for with the cursor it hands out.
 */
export async function* listPages<S extends v.GenericSchema, T>(
  http: IntercomHttp,
  path: string,
  schema: S,
  items: (page: v.InferOutput<S>) => T[],
  perPage = 50,
  method: 'GET' | 'POST' = 'GET',
): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  do {
    const page = await listPage(http, path, schema, items, perPage, cursor, method);
    yield page.items;
    cursor = page.next ?? undefined;
  } while (cursor);
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

export interface SearchOptions {
  perPage: number;
  /** From where on (Intercom's `starting_after`); none: the first page. */
  cursor?: string;
  priority?: Priority;
  sort?: { field: string; order: 'ascending' | 'descending' };
}

/** One page of a POST search, from `cursor` (Intercom's `starting_after`) on: for "Show more". */
export async function searchPage<S extends v.GenericSchema, T>(
  http: IntercomHttp,
  path: string,
  query: unknown,
  schema: S,
  items: (page: v.InferOutput<S>) => T[],
  opts: SearchOptions,
): Promise<OnePage<T>> {
  const pagination = { per_page: opts.perPage, ...(opts.cursor ? { starting_after: opts.cursor } : {}) };
  const body = { query, ...(opts.sort ? { sort: opts.sort } : {}), pagination };
  const page = parse(schema, await http.request('POST', path, { json: body, idempotent: true, priority: opts.priority }));
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
  method: 'GET' | 'POST' = 'GET',
): Promise<OnePage<T>> {
  const searchParams: Record<string, string | number> = { per_page: perPage };
  const pageNo = cursor?.startsWith('p:') ? Number(cursor.slice(2)) : 1;
  if (cursor?.startsWith('c:')) searchParams.starting_after = cursor.slice(2);
  else if (pageNo > 1) searchParams.page = pageNo;
  const page = parse(schema, await http.request(method, path, { searchParams, idempotent: true }));
  const got = items(page);
  const after = cursorOf(page as CursorPage);
  if (after) return { items: got, next: `c:${after}` };
  const p = (page as { pages?: { page?: number | null; total_pages?: number | null } | null }).pages;
  const at = p?.page ?? pageNo;
  return { items: got, next: got.length && p?.total_pages && at < p.total_pages ? `p:${at + 1}` : null };
}
