/**
 * Companies: `GET /companies/{id}`, `GET /companies` (filter by name / company_id / tag_id / segment_id,
 * or list) and `POST /companies/list` (what the SDK's `companies.list` calls). Both lists are paged by
 * `page` / `per_page` (default 15) and ordered by `last_request_at`, most recent first unless `order=asc`.
 */
import { ApiError, invalid } from '../errors';
import { intParam, type Ctx, type Reply, type Route } from '../http';
import { presentCompany } from '../present';
import type { CompanyRecord } from '../state';

const companyNotFound = () => new ApiError(404, [{ code: 'company_not_found', message: 'Company Not Found' }]);
export const COMPANY_MAX_PER_PAGE = 60;

function pageOf(ctx: Ctx, companies: CompanyRecord[]): Reply {
  const perPage = intParam(ctx.query, 'per_page', 15, 1, COMPANY_MAX_PER_PAGE);
  const page = intParam(ctx.query, 'page', 1, 1, 1_000_000);
  const order = ctx.query.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw invalid("order must be 'asc' or 'desc'", 'order');
  const sorted = [...companies].sort((a, b) =>
    order === 'asc' ? a.last_request_at - b.last_request_at : b.last_request_at - a.last_request_at,
  );
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

export const companyRoutes: Route[] = [
  {
    method: 'GET',
    path: '/companies/:id',
    handler(ctx) {
      const company = ctx.state.companies.find((c) => c.id === ctx.params.id);
      if (!company) throw companyNotFound();
      return { body: presentCompany(ctx.state, company) };
    },
  },
  {
    method: 'GET',
    path: '/companies',
    handler(ctx) {
      const name = ctx.query.get('name');
      const companyId = ctx.query.get('company_id');
      const tagId = ctx.query.get('tag_id');
      const segmentId = ctx.query.get('segment_id');
      let list = ctx.state.companies;
      if (name !== null) list = list.filter((c) => c.name.toLowerCase() === name.toLowerCase());
      if (companyId !== null) list = list.filter((c) => c.company_id === companyId);
      if ((name !== null || companyId !== null) && list.length === 0) throw companyNotFound();
      if (tagId !== null) list = list.filter((c) => c.tag_ids.includes(tagId));
      if (segmentId !== null) list = []; // the sandbox has no segments
      return pageOf(ctx, list);
    },
  },
  {
    method: 'POST',
    path: '/companies/list',
    handler: (ctx) => pageOf(ctx, ctx.state.companies),
  },
];
