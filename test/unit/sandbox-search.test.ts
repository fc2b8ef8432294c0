// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SearchError, search, type FieldDef, type SearchSpec } from '../sandbox/search';
import { contactSearchSpec } from '../sandbox/search-fields';
import { SEEDED_EMAILS, createState } from '../sandbox/seed';
import { TAGS } from '../sandbox/seed-data';
import { objectId, type ContactRecord, type SandboxState } from '../sandbox/state';

// ------------------------------------------------------------ a tiny synthetic data set for the operators

interface Item {
  id: string;
  name: string | null;
  score: number | null;
  active: boolean;
  tags: string[];
  at: number;
}

const DAY = 86_400;
const D0 = 1_767_225_600; // 2026-01-01T00:00:00Z

const ITEMS: Item[] = [
  { id: 'a', name: 'Alice Archer', score: 10, active: true, tags: ['x'], at: D0 + 3_600 },
  { id: 'b', name: 'bob builder', score: 20, active: false, tags: ['x', 'y'], at: D0 + DAY - 1 },
  { id: 'c', name: 'Carol Archer', score: 30, active: true, tags: [], at: D0 + DAY },
  { id: 'd', name: null, score: null, active: false, tags: ['y'], at: D0 + 5 * DAY },
  { id: 'e', name: 'Dave', score: 20, active: true, tags: ['z'], at: D0 - 1 },
];

const itemFields: Record<string, FieldDef<Item>> = {
  name: { type: 'string', get: (i) => i.name },
  score: { type: 'integer', get: (i) => i.score },
  active: { type: 'boolean', get: (i) => i.active },
  tag: { type: 'string', get: (i) => i.tags, multi: true },
  at: { type: 'date', get: (i) => i.at },
};
const itemSpec: SearchSpec<Item> = {
  field: (n) => itemFields[n],
  id: (i) => i.id,
  defaultSort: { field: 'at', order: 'ascending' },
};

const ids = (body: unknown, items: Item[] = ITEMS) =>
  search(items, { pagination: { per_page: 150 }, ...(body as object) }, itemSpec).items.map((i) => i.id).sort();
const q = (field: string, operator: string, value: unknown) => ids({ query: { field, operator, value } });

function searchError(fn: () => unknown): SearchError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SearchError) return e;
    throw e;
  }
  throw new Error('expected a SearchError');
}

describe('search engine: operators', () => {
  it('= and != on strings are exact (case-sensitive) unless the field says otherwise', () => {
    expect(q('name', '=', 'Dave')).toEqual(['e']);
    expect(q('name', '=', 'dave')).toEqual([]);
    expect(q('name', '!=', 'Dave')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('null means "no value"', () => {
    expect(q('name', '=', null)).toEqual(['d']);
    expect(q('score', '!=', null)).toEqual(['a', 'b', 'c', 'e']);
  });

  it('IN / NIN take arrays', () => {
    expect(q('score', 'IN', [10, 30])).toEqual(['a', 'c']);
    expect(q('score', 'NIN', [10, 30])).toEqual(['b', 'd', 'e']);
    expect(q('name', 'IN', [])).toEqual([]);
  });

  it('> < >= <= compare numbers and never match a missing value', () => {
    expect(q('score', '>', 20)).toEqual(['c']);
    expect(q('score', '<', 20)).toEqual(['a']);
    expect(q('score', '>=', 20)).toEqual(['b', 'c', 'e']);
    expect(q('score', '<=', '20')).toEqual(['a', 'b', 'e']); // numeric strings are accepted
  });

  it('~ !~ ^ $ match substrings, ignoring case', () => {
    expect(q('name', '~', 'ARCHER')).toEqual(['a', 'c']);
    expect(q('name', '!~', 'archer')).toEqual(['b', 'd', 'e']);
    expect(q('name', '^', 'BOB')).toEqual(['b']);
    expect(q('name', '$', 'er')).toEqual(['a', 'b', 'c']);
  });

  it('booleans accept true/false and "true"/"false"', () => {
    expect(q('active', '=', true)).toEqual(['a', 'c', 'e']);
    expect(q('active', '!=', 'true')).toEqual(['b', 'd']);
  });

  it('multi-valued fields: any value matches, negations need none to match', () => {
    expect(q('tag', '=', 'y')).toEqual(['b', 'd']);
    expect(q('tag', '!=', 'y')).toEqual(['a', 'c', 'e']);
    expect(q('tag', 'NIN', ['x', 'z'])).toEqual(['c', 'd']);
  });

  it('dates match by calendar day (UTC): = the whole day, > from the next day, < before the day', () => {
    const noon = D0 + DAY / 2;
    expect(q('at', '=', noon)).toEqual(['a', 'b']);
    expect(q('at', '>', noon)).toEqual(['c', 'd']);
    expect(q('at', '<', noon)).toEqual(['e']);
  });

  it('refuses operators a field type does not support, like Intercom', () => {
    for (const [field, op, value] of [
      ['at', '!=', D0],
      ['at', '>=', D0],
      ['at', 'IN', [D0]],
      ['name', '>', 'a'],
      ['score', '~', '1'],
      ['active', 'IN', [true]],
    ] as const) {
      const err = searchError(() => q(field, op, value));
      expect(err.status).toBe(400);
      expect(err.errors[0]?.code).toBe('parameter_invalid');
    }
  });

  it('refuses values of the wrong type, unknown fields and unknown operators', () => {
    expect(searchError(() => q('score', '=', 'lots')).errors[0]?.field).toBe('score');
    expect(searchError(() => q('score', 'IN', 20)).errors[0]?.message).toMatch(/array/);
    expect(searchError(() => q('nope', '=', 'x')).errors[0]?.message).toMatch(/not a searchable field/);
    expect(searchError(() => q('name', 'LIKE', 'x')).errors[0]?.message).toMatch(/not supported/);
  });
});

describe('search engine: groups and limits', () => {
  const f = (n: number) => ({ field: 'score', operator: '=', value: n });

  it('nests AND / OR two levels deep', () => {
    const query = {
      operator: 'OR',
      value: [
        { operator: 'AND', value: [{ field: 'name', operator: '~', value: 'archer' }, { field: 'active', operator: '=', value: true }, f(30)] },
        { operator: 'AND', value: [{ field: 'tag', operator: '=', value: 'y' }, { field: 'score', operator: '=', value: null }] },
      ],
    };
    expect(ids({ query })).toEqual(['c', 'd']);
  });

  it('allows 15 filters in a group and refuses 16', () => {
    const fifteen = Array.from({ length: 15 }, (_, i) => f(i * 10));
    expect(ids({ query: { operator: 'OR', value: fifteen } })).toEqual(['a', 'b', 'c', 'e']);
    const err = searchError(() => ids({ query: { operator: 'OR', value: [...fifteen, f(99)] } }));
    expect(err.errors[0]).toMatchObject({ code: 'parameter_invalid', message: expect.stringMatching(/15 filters/) });
  });

  it('refuses a third level of nesting', () => {
    const deep = { operator: 'AND', value: [{ operator: 'OR', value: [{ operator: 'AND', value: [f(10)] }] }] };
    expect(searchError(() => ids({ query: deep })).errors[0]?.message).toMatch(/2 levels/);
  });

  it('needs a query, and per_page between 1 and 150', () => {
    expect(searchError(() => search(ITEMS, {}, itemSpec)).errors[0]?.code).toBe('parameter_not_found');
    const body = (per_page: unknown) => ({ query: f(10), pagination: { per_page } });
    expect(search(ITEMS, body(150), itemSpec).pages.per_page).toBe(150);
    for (const bad of [151, 0, 2.5, '10']) {
      const err = searchError(() => search(ITEMS, body(bad), itemSpec));
      expect(err.errors[0]).toMatchObject({ code: 'parameter_invalid', field: 'per_page' });
    }
  });

  it('refuses a cursor it did not make', () => {
    const err = searchError(() => search(ITEMS, { query: f(10), pagination: { starting_after: 'not-a-cursor' } }, itemSpec));
    expect(err.errors[0]?.field).toBe('starting_after');
  });

  it('sorts by any single-valued field, ties by id', () => {
    const sorted = (field: string, order: string) =>
      search(ITEMS, { query: { field: 'name', operator: '!=', value: 'x' }, sort: { field, order } }, itemSpec).items.map((i) => i.id);
    expect(sorted('name', 'ascending')).toEqual(['d', 'a', 'b', 'c', 'e']); // no value first, then case-insensitive
    expect(sorted('score', 'descending')).toEqual(['c', 'e', 'b', 'a', 'd']);
    expect(searchError(() => sorted('tag', 'ascending')).errors[0]?.field).toBe('sort.field');
  });
});

// ------------------------------------------------------------ the real contact fields over the seed

describe('contact search over the seeded workspace', () => {
  const state = createState();
  const spec = contactSearchSpec(state);
  const run = (query: unknown, extra: object = {}) => search(state.contacts, { query, ...extra }, spec);

  it('matches emails case-insensitively, and finds the user and the lead sharing an email', () => {
    expect(run({ field: 'email', operator: '=', value: 'Olivia.Bennett@NORTHWIND-analytics.com' }).items.map((c) => c.name)).toEqual([
      'Olivia Bennett',
    ]);
    const jordan = run({ field: 'email', operator: '=', value: 'jordan.ellis@canopyhealth.org' }).items;
    expect(jordan.map((c) => c.role).sort()).toEqual(['lead', 'user']);
  });

  it('IN with every seeded email (plus unknown ones) in one request finds every contact', () => {
    const unknown = Array.from({ length: 100 }, (_, i) => `nobody${i}@example.org`);
    const page = run({ field: 'email', operator: 'IN', value: [...SEEDED_EMAILS.map((e) => e.toUpperCase()), ...unknown] }, { pagination: { per_page: 150 } });
    expect(page.total_count).toBe(state.contacts.length);
    expect(new Set(page.items.map((c) => c.id)).size).toBe(state.contacts.length);
  });

  it('combines role, email_domain and custom attributes', () => {
    const query = {
      operator: 'AND',
      value: [
        { field: 'role', operator: '=', value: 'user' },
        { operator: 'OR', value: [{ field: 'email_domain', operator: '=', value: 'BRIGHTLINE.IO' }, { field: 'email_domain', operator: '=', value: 'larkspurlabs.dev' }] },
      ],
    };
    expect(run(query).items.map((c) => c.email).sort()).toEqual([
      'aoife@larkspurlabs.dev', 'aylin.yildiz@brightline.io', 'cian@larkspurlabs.dev', 'jonas.becker@brightline.io',
      'lena.fischer@brightline.io', 'mallory@brightline.io', 'zoe@larkspurlabs.dev',
    ]);
    const rich = run({ operator: 'AND', value: [{ field: 'custom_attributes.plan', operator: '=', value: 'enterprise' }, { field: 'custom_attributes.mrr', operator: '>', value: 1000 }] });
    expect(rich.items.map((c) => c.name).sort()).toEqual(['Grace Thompson', 'Maria Gonzalez', 'Olivia Bennett', 'Samuel Osei']);
    expect(searchError(() => run({ field: 'custom_attributes.shoe_size', operator: '=', value: 42 })).status).toBe(400);
  });

  it('searches tags and companies by id; tag_id refuses IN', () => {
    const vip = TAGS.find((t) => t.name === 'VIP')?.id ?? '';
    expect(run({ field: 'tag_id', operator: '=', value: vip }).items.map((c) => c.name).sort()).toEqual(['Lena Fischer', 'Olivia Bennett', 'Samuel Osei']);
    expect(searchError(() => run({ field: 'tag_id', operator: 'IN', value: [vip] })).status).toBe(400);
    const northwind = state.companies.find((c) => c.name === 'Northwind Analytics')?.id ?? '';
    expect(run({ field: 'companies.id', operator: '=', value: northwind }).total_count).toBeGreaterThanOrEqual(5);
  });
});

// ------------------------------------------------------------ pagination

function withExtraContacts(n: number): SandboxState {
  const state = createState();
  const template = state.contacts[0] as ContactRecord;
  for (let i = 0; i < n; i++) {
    state.contacts.push({
      ...structuredClone(template),
      id: objectId(D0 + i, 0x900000 + i),
      email: `bulk${i}@bulk.example`,
      name: `Bulk ${i % 7}`, // many ties on name
      created_at: D0 + (i % 13) * 60, // and on created_at
      external_id: null,
      role: i % 3 === 0 ? 'lead' : 'user',
    });
  }
  return state;
}

function walk<T>(items: readonly T[], body: Record<string, unknown>, spec: SearchSpec<T>, perPage: number) {
  const seen: T[] = [];
  const pages: number[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = search(items, { ...body, pagination: { per_page: perPage, ...(cursor ? { starting_after: cursor } : {}) } }, spec);
    seen.push(...page.items);
    pages.push(page.pages.page);
    cursor = page.pages.next?.starting_after;
    if (!cursor) return { seen, pages, total: page.total_count, totalPages: page.pages.total_pages };
  }
  throw new Error('pagination never ended');
}

describe('pagination', () => {
  it('walks more than 150 matches with opaque cursors, each exactly once', () => {
    const state = withExtraContacts(400);
    const spec = contactSearchSpec(state);
    const body = { query: { field: 'email_domain', operator: '=', value: 'bulk.example' } };
    const first = search(state.contacts, body, spec);
    expect(first.pages).toMatchObject({ type: 'pages', page: 1, per_page: 50, total_pages: 8 });
    const { seen, pages, total, totalPages } = walk(state.contacts, body, spec, 150);
    expect(total).toBe(400);
    expect(totalPages).toBe(3);
    expect(pages).toEqual([1, 2, 3]);
    expect(seen).toHaveLength(400);
    expect(new Set(seen.map((c) => c.id)).size).toBe(400);
  });

  it('keeps its place when contacts are added or removed between pages', () => {
    const state = withExtraContacts(30);
    const spec = contactSearchSpec(state);
    const body = { query: { field: 'email_domain', operator: '=', value: 'bulk.example' }, sort: { field: 'name', order: 'ascending' } };
    const p1 = search(state.contacts, { ...body, pagination: { per_page: 10 } }, spec);
    const removed = p1.items[0] as ContactRecord;
    state.contacts = state.contacts.filter((c) => c !== removed);
    const p2 = search(state.contacts, { ...body, pagination: { per_page: 10, starting_after: p1.pages.next?.starting_after } }, spec);
    const expectedNext = search(state.contacts, { ...body, pagination: { per_page: 30 } }, spec).items.slice(9, 19);
    expect(p2.items.map((c) => c.id)).toEqual(expectedNext.map((c) => c.id));
    expect(p2.pages.page).toBe(2);
  });

  it('property: walking every page yields each match exactly once, in sort order', () => {
    const item = fc.record({ name: fc.option(fc.constantFrom('Ann', 'ann', 'Bo', 'Cy'), { nil: null }), score: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }), active: fc.boolean() });
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 60 }),
        fc.integer({ min: 1, max: 20 }),
        fc.constantFrom('name', 'score', 'active', 'at'),
        fc.constantFrom('ascending', 'descending'),
        (rows, perPage, field, order) => {
          const items: Item[] = rows.map((r, i) => ({ ...r, id: `i${String(i).padStart(3, '0')}`, tags: [], at: D0 + (i % 4) }));
          const body = { query: { field: 'active', operator: '=', value: true }, sort: { field, order } };
          const { seen, total } = walk(items, body, itemSpec, perPage);
          const expected = search(items, { ...body, pagination: { per_page: 150 } }, itemSpec).items;
          expect(total).toBe(items.filter((i) => i.active).length);
          expect(seen.map((i) => i.id)).toEqual(expected.map((i) => i.id));
        },
      ),
      { numRuns: 200, seed: 20260528 },
    );
  });
});
