/**
 * Companies: `POST /companies` (create, or update the one with that `company_id`), `GET /companies/{id}`,
 * `GET /companies` (by name / company_id: one company; by tag_id / segment_id or unfiltered: a page),
 * `POST /companies/list` (what the SDK's `companies.list` calls) and `GET /companies/{id}/contacts`.
 * Lists are paged by `page` / `per_page` (default 15), ordered by `last_request_at`, most recent first
 * unless `order=asc`, and leave out companies without users ("the API does not include companies who
 * have no associated users in list responses").
 */
import { ApiError, invalid } from '../errors';
import { bodyObject, intParam, isRecord, optInteger, optText, type Ctx, type Reply, type Route } from '../http';
import { companyNotFound, companyOr404 } from '../lookups';
import { presentCompany, presentContact } from '../present';
import type { Scalar } from '../search';
import { companyUserCount, nextSeq, objectId, type CompanyRecord } from '../state';

export const COMPANY_MAX_PER_PAGE = 60;
const FIELDS = new Set(['name', 'company_id', 'plan', 'size', 'website', 'industry', 'custom_attributes', 'remote_created_at', 'monthly_spend']);

function pageOf(ctx: Ctx, companies: CompanyRecord[]): Reply {
  const perPage = intParam(ctx.query, 'per_page', 15, 1, COMPANY_MAX_PER_PAGE);
  const page = intParam(ctx.query, 'page', 1, 1, 1_000_000);
  const order = ctx.query.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw invalid("order must be 'asc' or 'desc'", 'order');
  const seen = (c: CompanyRecord) => c.last_request_at ?? 0;
  const sorted = [...companies].sort((a, b) => (order === 'asc' ? seen(a) - seen(b) : seen(b) - seen(a)) || (a.id < b.id ? -1 : 1));
  const slice = sorted.slice((page - 1) * perPage, page * perPage);
  return {
    body: {
      type: 'list',
      data: slice.map((c) => presentCompany(ctx.state, c)),
      total_count: companies.length,
      pages: { type: 'pages', next: null, page, per_page: perPage, total_pages: Math.ceil(companies.length / perPage) },
    },
  };
}

const listed = (ctx: Ctx) => ctx.state.companies.filter((c) => companyUserCount(ctx.state, c.id) > 0);

function companyCustomAttributes(raw: unknown): Record<string, Scalar> | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw)) throw invalid('custom_attributes must be an object', 'custom_attributes');
  for (const [key, v] of Object.entries(raw)) {
    if (v !== null && !['string', 'number', 'boolean'].includes(typeof v)) throw invalid(`Custom attribute '${key}' must be a string, number or boolean`, `custom_attributes.${key}`);
  }
  return raw as Record<string, Scalar>;
}

function planFor(ctx: Ctx, name: string): { id: string; name: string } {
  const known = ctx.state.companies.find((c) => c.plan?.name.toLowerCase() === name.toLowerCase())?.plan;
  return known ? { ...known } : { id: String(265_000 + nextSeq(ctx.state)), name };
}

function createOrUpdate(ctx: Ctx): Reply {
  const body = bodyObject(ctx.body);
  for (const key of Object.keys(body)) if (!FIELDS.has(key)) throw new ApiError(400, [{ code: 'bad_request', message: `bad '${key}' parameter` }]);
  const name = optText(body, 'name');
  const companyId = optText(body, 'company_id');
  const plan = optText(body, 'plan');
  const website = optText(body, 'website');
  const industry = optText(body, 'industry');
  const size = optInteger(body, 'size');
  const remoteCreatedAt = optInteger(body, 'remote_created_at');
  const spend = body.monthly_spend;
  if (spend !== undefined && spend !== null && (typeof spend !== 'number' || !Number.isFinite(spend))) throw invalid('monthly_spend must be a number', 'monthly_spend');
  const custom = companyCustomAttributes(body.custom_attributes);
  if (companyId === undefined && name === undefined) throw new ApiError(400, [{ code: 'parameter_not_found', message: 'company_id or name is required' }]);
  const now = ctx.now();
  let company =
    companyId !== undefined
      ? ctx.state.companies.find((c) => c.company_id === companyId)
      : ctx.state.companies.find((c) => c.name.toLowerCase() === name?.toLowerCase());
  if (!company) {
    const n = nextSeq(ctx.state);
    company = {
      id: objectId(now, 0x900000 + n),
      company_id: companyId ?? objectId(now, 0xa00000 + n),
      name: name ?? '',
      website: null,
      industry: null,
      size: null,
      monthly_spend: 0,
      plan: null,
      created_at: now,
      updated_at: now,
      remote_created_at: remoteCreatedAt ?? now,
      last_request_at: null,
      session_count: 0,
      custom_attributes: {},
      tag_ids: [],
    };
    ctx.state.companies.push(company);
  }
  if (name !== undefined) company.name = name;
  if (plan !== undefined) company.plan = plan === '' ? null : planFor(ctx, plan);
  if (website !== undefined) company.website = website;
  if (industry !== undefined) company.industry = industry;
  if (size !== undefined) company.size = size;
  if (remoteCreatedAt !== undefined) company.remote_created_at = remoteCreatedAt;
  // "this will truncate floats. i.e. it only allow for whole integers"
  if (typeof spend === 'number') company.monthly_spend = Math.trunc(spend);
  if (custom) company.custom_attributes = { ...company.custom_attributes, ...custom };
  company.updated_at = Math.max(now, company.created_at);
  return { body: presentCompany(ctx.state, company) };
}

export const companyRoutes: Route[] = [
  { method: 'POST', path: '/companies', handler: createOrUpdate },
  {
    method: 'GET',
    path: '/companies/:id',
    handler: (ctx) => ({ body: presentCompany(ctx.state, companyOr404(ctx, ctx.params.id ?? '')) }),
  },
  {
    method: 'GET',
    path: '/companies/:id/contacts',
    handler(ctx) {
      const company = companyOr404(ctx, ctx.params.id ?? '');
      const all = ctx.state.contacts.filter((c) => c.company_ids.includes(company.id));
      const perPage = intParam(ctx.query, 'per_page', 50, 1, 150);
      const page = intParam(ctx.query, 'page', 1, 1, 1_000_000);
      return {
        body: {
          type: 'list',
          data: all.slice((page - 1) * perPage, page * perPage).map((c) => presentContact(ctx.state, c)),
          total_count: all.length,
          pages: { type: 'pages', page, per_page: perPage, total_pages: Math.ceil(all.length / perPage) },
        },
      };
    },
  },
  {
    method: 'GET',
    path: '/companies',
    handler(ctx) {
      const name = ctx.query.get('name');
      const companyId = ctx.query.get('company_id');
      if (name !== null || companyId !== null) {
        // A lookup: one company (it need not have users).
        let found = ctx.state.companies;
        if (name !== null) found = found.filter((c) => c.name.toLowerCase() === name.toLowerCase());
        if (companyId !== null) found = found.filter((c) => c.company_id === companyId);
        const company = found[0];
        if (!company) throw companyNotFound();
        return ctx.options.companyLookup === 'list' ? pageOf(ctx, [company]) : { body: presentCompany(ctx.state, company) };
      }
      const tagId = ctx.query.get('tag_id');
      const segmentId = ctx.query.get('segment_id');
      let list = listed(ctx);
      if (tagId !== null) list = list.filter((c) => c.tag_ids.includes(tagId));
      if (segmentId !== null) list = []; // the sandbox has no segments
      return pageOf(ctx, list);
    },
  },
  {
    method: 'POST',
    path: '/companies/list',
    handler: (ctx) => pageOf(ctx, listed(ctx)),
  },
];
