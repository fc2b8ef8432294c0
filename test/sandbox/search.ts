/**
 * A pure search engine with the semantics of Intercom's `POST /contacts/search` and
 * `POST /conversations/search` (API 2.14). It knows nothing about HTTP or contacts: a `SearchSpec`
 * tells it which fields exist, their types and how to read them from an item.
 *
 * - Query: one filter `{field, operator, value}` or a group `{operator: "AND"|"OR", value: [...]}`;
 *   at most 2 levels of groups and 15 entries per group, otherwise a 400 `SearchError`.
 * - Operators: = != IN NIN > < >= <= ~ !~ ^ $ (checked against the field type, like Intercom).
 * - Strings: ~ !~ ^ $ ignore case everywhere; = != IN NIN ignore case on fields marked `caseInsensitive`
 *   (email, email_domain). Empty strings count as "no value"; `value: null` asks for "no value".
 * - Dates are matched by calendar day (UTC unless `spec.dayStart` says otherwise): `=` the whole day,
 *   `>` from the start of the next day, `<` before the start of that day; other operators are refused.
 * - Multi-valued fields (tag_id, companies.id, contact_ids): positive operators match if any value
 *   matches, negative ones (!=, NIN, !~) only if none does.
 * - Sort `{field, order: "ascending"|"descending"}`, ties broken by id. Pagination `{per_page, starting_after}`
 *   with opaque cursors (see search-cursor.ts).
 */

import { compareKeys, decodeCursor, encodeCursor, type SortKey } from './search-cursor';

export { decodeCursor, encodeCursor };

export type Scalar = string | number | boolean | null;
export type FieldType = 'string' | 'integer' | 'float' | 'boolean' | 'date';
export type Operator = '=' | '!=' | 'IN' | 'NIN' | '>' | '<' | '>=' | '<=' | '~' | '!~' | '^' | '$';
export type SortOrder = 'ascending' | 'descending';

export interface FieldDef<T> {
  type: FieldType;
  get(item: T): Scalar | readonly Scalar[] | undefined;
  caseInsensitive?: boolean;
  /** Restricts the operators further than the type does (Intercom refuses IN/NIN on tag_id). */
  operators?: readonly Operator[];
  multi?: boolean;
}

export interface SearchSpec<T> {
  field(name: string): FieldDef<T> | undefined;
  id(item: T): string;
  defaultSort: { field: string; order: SortOrder };
  defaultPerPage?: number;
  maxPerPage?: number;
  /** Start of the calendar day (workspace timezone) holding a Unix timestamp. Default: UTC. */
  dayStart?(ts: number): number;
}

export interface ErrorItem {
  code: string;
  message: string;
  field?: string;
}

export class SearchError extends Error {
  readonly status = 400;
  constructor(readonly errors: ErrorItem[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

export interface Pages {
  type: 'pages';
  page: number;
  per_page: number;
  total_pages: number;
  next?: { per_page: number; starting_after: string };
}

export interface SearchPage<T> {
  items: T[];
  total_count: number;
  pages: Pages;
}

export const MAX_FILTERS_PER_GROUP = 15;
export const MAX_NESTING = 2;
const ALL_OPS: readonly Operator[] = ['=', '!=', 'IN', 'NIN', '>', '<', '>=', '<=', '~', '!~', '^', '$'];
const OPS_BY_TYPE: Record<FieldType, readonly Operator[]> = {
  string: ['=', '!=', 'IN', 'NIN', '~', '!~', '^', '$'],
  integer: ['=', '!=', 'IN', 'NIN', '>', '<', '>=', '<='],
  float: ['=', '!=', 'IN', 'NIN', '>', '<', '>=', '<='],
  boolean: ['=', '!='],
  date: ['=', '>', '<'],
};
const NEGATIVE: ReadonlySet<Operator> = new Set<Operator>(['!=', 'NIN', '!~']);
const DAY = 86_400;

const invalid = (message: string, field?: string): SearchError =>
  new SearchError([{ code: 'parameter_invalid', message, ...(field === undefined ? {} : { field }) }]);

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

type Predicate<T> = (item: T) => boolean;

/** Validates a query and turns it into a predicate. Throws `SearchError` on anything Intercom would refuse. */
export function compileQuery<T>(query: unknown, spec: SearchSpec<T>, depth = 0): Predicate<T> {
  if (!isRecord(query)) throw invalid('query must be an object', 'query');
  const op = query.operator;
  if (op === 'AND' || op === 'OR') {
    if (depth >= MAX_NESTING) throw invalid(`Search queries support at most ${MAX_NESTING} levels of nested filters`);
    const members = query.value;
    if (!Array.isArray(members) || members.length === 0) {
      throw invalid(`${op} requires a non-empty array of filters as its value`, 'query.value');
    }
    if (members.length > MAX_FILTERS_PER_GROUP) {
      throw invalid(`A maximum of ${MAX_FILTERS_PER_GROUP} filters can be used in each AND or OR group`);
    }
    const preds = members.map((m: unknown) => compileQuery(m, spec, depth + 1));
    return op === 'AND' ? (item) => preds.every((p) => p(item)) : (item) => preds.some((p) => p(item));
  }
  return compileFilter(query, spec);
}

function compileFilter<T>(filter: Record<string, unknown>, spec: SearchSpec<T>): Predicate<T> {
  const { field, operator, value } = filter;
  if (typeof field !== 'string' || field === '') throw invalid('Each filter needs a field', 'field');
  if (typeof operator !== 'string' || !(ALL_OPS as readonly string[]).includes(operator)) {
    throw invalid(`Operator '${String(operator)}' is not supported`, 'operator');
  }
  const op = operator as Operator;
  const def = spec.field(field);
  if (!def) throw invalid(`'${field}' is not a searchable field`, field);
  const allowed = def.operators ?? OPS_BY_TYPE[def.type];
  if (!allowed.includes(op)) throw invalid(`Operator '${op}' is not supported for ${def.type} field '${field}'`, field);

  const read = (item: T): Scalar[] => {
    const raw = def.get(item);
    const list: readonly Scalar[] = Array.isArray(raw) ? raw : [(raw as Scalar | undefined) ?? null];
    return list.filter((x) => x !== null && x !== '');
  };

  if (op === 'IN' || op === 'NIN') {
    if (!Array.isArray(value)) throw invalid(`Operator '${op}' needs an array value`, field);
    const wanted = value.map((v: unknown) => coerce(v, def, field));
    const matchAny = (item: T) => read(item).some((x) => wanted.some((w) => equal(x, w, def)));
    return op === 'IN' ? matchAny : (item) => !matchAny(item);
  }
  if (Array.isArray(value)) throw invalid(`Operator '${op}' does not take an array value`, field);

  if (value === null || value === undefined) {
    if (op === '=') return (item) => read(item).length === 0;
    if (op === '!=') return (item) => read(item).length > 0;
    throw invalid(`Operator '${op}' needs a value`, field);
  }
  const want = coerce(value, def, field);
  const test = valueTest(op, want, def, spec);
  return NEGATIVE.has(op) ? (item) => !read(item).some(test) : (item) => read(item).some(test);
}

function valueTest<T>(op: Operator, want: Scalar, def: FieldDef<T>, spec: SearchSpec<T>): (x: Scalar) => boolean {
  if (def.type === 'date') {
    const day = (spec.dayStart ?? utcDayStart)(want as number);
    if (op === '=') return (x) => typeof x === 'number' && x >= day && x < day + DAY;
    if (op === '>') return (x) => typeof x === 'number' && x >= day + DAY;
    if (op === '>=') return (x) => typeof x === 'number' && x >= day; // only where a spec allows it (tickets' created_at)
    if (op === '<=') return (x) => typeof x === 'number' && x < day + DAY;
    return (x) => typeof x === 'number' && x < day; // '<'
  }
  switch (op) {
    case '=':
    case '!=':
      return (x) => equal(x, want, def);
    case '>':
      return (x) => typeof x === 'number' && x > (want as number);
    case '<':
      return (x) => typeof x === 'number' && x < (want as number);
    case '>=':
      return (x) => typeof x === 'number' && x >= (want as number);
    case '<=':
      return (x) => typeof x === 'number' && x <= (want as number);
    default: {
      const needle = String(want).toLowerCase();
      const hay = (x: Scalar) => String(x).toLowerCase();
      if (op === '^') return (x) => hay(x).startsWith(needle);
      if (op === '$') return (x) => hay(x).endsWith(needle);
      return (x) => hay(x).includes(needle); // '~' and '!~' (negated by the caller)
    }
  }
}

function equal<T>(x: Scalar, want: Scalar, def: FieldDef<T>): boolean {
  if (def.type === 'string') {
    const a = String(x);
    const b = String(want);
    return def.caseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b;
  }
  return x === want;
}

/** Checks a filter value against the field type ("the value has to match the accepted type"). */
function coerce<T>(v: unknown, def: FieldDef<T>, field: string): Scalar {
  const bad = () => invalid(`Value ${JSON.stringify(v)} is not a valid ${def.type} for '${field}'`, field);
  switch (def.type) {
    case 'string':
      if (typeof v === 'string') return v;
      if (typeof v === 'number') return String(v);
      throw bad();
    case 'boolean':
      if (typeof v === 'boolean') return v;
      if (v === 'true' || v === 'false') return v === 'true';
      throw bad();
    default: {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      if (!Number.isFinite(n)) throw bad();
      if (def.type !== 'float' && !Number.isInteger(n)) throw bad();
      return n;
    }
  }
}

export function utcDayStart(ts: number): number {
  return Math.floor(ts / DAY) * DAY;
}

// ---------------------------------------------------------------- sorting and pagination

function readSort<T>(body: Record<string, unknown>, spec: SearchSpec<T>): { def: FieldDef<T>; order: SortOrder } {
  const sort = body.sort;
  let field = spec.defaultSort.field;
  let order = spec.defaultSort.order;
  if (sort !== undefined && sort !== null) {
    if (!isRecord(sort) || typeof sort.field !== 'string') throw invalid('sort needs a field', 'sort');
    field = sort.field;
    if (sort.order !== undefined) {
      if (sort.order !== 'ascending' && sort.order !== 'descending') {
        throw invalid("sort order must be 'ascending' or 'descending'", 'sort.order');
      }
      order = sort.order;
    }
  }
  const def = spec.field(field);
  if (!def || def.multi) throw invalid(`Cannot sort by '${field}'`, 'sort.field');
  return { def, order };
}

function readPagination(body: Record<string, unknown>, max: number, dflt: number) {
  const p = body.pagination;
  if (p === undefined || p === null) return { perPage: dflt, startingAfter: null };
  if (!isRecord(p)) throw invalid('pagination must be an object', 'pagination');
  let perPage = dflt;
  if (p.per_page !== undefined && p.per_page !== null) {
    if (typeof p.per_page !== 'number' || !Number.isInteger(p.per_page) || p.per_page < 1 || p.per_page > max) {
      throw invalid(`per_page must be an integer between 1 and ${max}`, 'per_page');
    }
    perPage = p.per_page;
  }
  const sa = p.starting_after;
  if (sa !== undefined && sa !== null && typeof sa !== 'string') throw invalid('starting_after must be a string', 'starting_after');
  return { perPage, startingAfter: typeof sa === 'string' && sa !== '' ? sa : null };
}

/** Runs a whole search request body (`{query, sort?, pagination?}`) over `items`. */
export function search<T>(items: readonly T[], body: unknown, spec: SearchSpec<T>): SearchPage<T> {
  if (!isRecord(body)) throw invalid('The request body must be a JSON object');
  if (body.query === undefined || body.query === null) {
    throw new SearchError([{ code: 'parameter_not_found', message: 'query parameter is required', field: 'query' }]);
  }
  const predicate = compileQuery(body.query, spec);
  const { def, order } = readSort(body, spec);
  const { perPage, startingAfter } = readPagination(body, spec.maxPerPage ?? 150, spec.defaultPerPage ?? 50);
  const cursor = startingAfter === null ? null : decodeCursor(startingAfter);
  if (startingAfter !== null && cursor === null) throw invalid('starting_after is not a valid cursor', 'starting_after');

  const keyOf = (item: T): SortKey => {
    const v = def.get(item);
    return [Array.isArray(v) ? null : ((v as Scalar | undefined) ?? null), spec.id(item)];
  };
  const matches = items
    .filter(predicate)
    .map((item) => ({ item, key: keyOf(item) }))
    .sort((a, b) => compareKeys(a.key, b.key, order));

  const start = cursor ? matches.findIndex((m) => compareKeys(m.key, cursor.key, order) > 0) : 0;
  const from = start === -1 ? matches.length : start;
  const slice = matches.slice(from, from + perPage);
  const page = cursor ? cursor.page : 1;
  const total = matches.length;
  const pages: Pages = { type: 'pages', page, per_page: perPage, total_pages: Math.ceil(total / perPage) };
  const last = slice[slice.length - 1];
  if (last && from + perPage < total) {
    pages.next = { per_page: perPage, starting_after: encodeCursor(last.key[0], last.key[1], page + 1) };
  }
  return { items: slice.map((m) => m.item), total_count: total, pages };
}
