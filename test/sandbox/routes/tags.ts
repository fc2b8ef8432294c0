/**
 * Tags: `GET /tags`, `GET /tags/{id}`, `POST /tags` (create, or find by name — names are case-insensitive;
 * rename with `id`; tag/untag `companies`; tag `users`) and tagging conversations
 * (`POST /conversations/{id}/tags`, `DELETE /conversations/{id}/tags/{tag_id}`, both with an `admin_id`).
 */
import { ApiError, invalid, notFound, required } from '../errors';
import { bodyObject, isRecord, optId, optText, type Ctx, type Route } from '../http';
import { bodyAdmin, bodyContact, companyNotFound, conversationOr404, tagById } from '../lookups';
import { presentTag, presentTagBasic } from '../present';
import { nextSeq, type CompanyRecord, type TagRecord } from '../state';

const tagNotFound = () => new ApiError(404, [{ code: 'tag_not_found', message: 'Tag not found' }]);

function findOrCreateTag(ctx: Ctx, name: string): TagRecord {
  const existing = ctx.state.tags.find((t) => t.name.toLowerCase() === name.toLowerCase());
  if (existing) return existing;
  const tag = { id: String(8_130_000 + nextSeq(ctx.state)), name };
  ctx.state.tags.push(tag);
  return tag;
}

function companiesIn(ctx: Ctx, list: unknown[]): { company: CompanyRecord; untag: boolean }[] {
  return list.map((entry, i) => {
    if (!isRecord(entry)) throw invalid('invalid tag parameters', `companies[${i}]`);
    const id = optId(entry, 'id');
    const companyId = optText(entry, 'company_id');
    const company = ctx.state.companies.find((c) => (id !== undefined ? c.id === id : c.company_id === companyId));
    if (!company || (id === undefined && companyId === undefined)) throw companyNotFound();
    return { company, untag: entry.untag === true };
  });
}

export const tagRoutes: Route[] = [
  {
    method: 'GET',
    path: '/tags',
    handler: (ctx) => ({ body: { type: 'list', data: ctx.state.tags.map(presentTagBasic) } }),
  },
  {
    method: 'GET',
    path: '/tags/:id',
    handler(ctx) {
      const tag = tagById(ctx, ctx.params.id ?? '');
      if (!tag) throw notFound();
      return { body: presentTagBasic(tag) };
    },
  },
  {
    method: 'POST',
    path: '/tags',
    handler(ctx) {
      const body = bodyObject(ctx.body);
      const name = optText(body, 'name')?.trim();
      if (name === undefined || name === '') throw new ApiError(400, [{ code: 'parameter_invalid', message: 'invalid tag parameters' }]);
      const { companies, users } = body;
      if (companies !== undefined) {
        if (!Array.isArray(companies)) throw invalid('companies must be an array', 'companies');
        const targets = companiesIn(ctx, companies);
        const tag = findOrCreateTag(ctx, name);
        for (const { company, untag } of targets) {
          company.tag_ids = untag ? company.tag_ids.filter((t) => t !== tag.id) : [...new Set([...company.tag_ids, tag.id])];
        }
        return { body: presentTagBasic(tag) };
      }
      if (users !== undefined) {
        if (!Array.isArray(users)) throw invalid('users must be an array', 'users');
        const contacts = users.map((u: unknown) => bodyContact(ctx, (isRecord(u) ? optId(u, 'id') : undefined) ?? ''));
        const tag = findOrCreateTag(ctx, name);
        for (const c of contacts) {
          if (!c.tags.some((t) => t.id === tag.id)) c.tags.push({ id: tag.id, applied_at: ctx.now(), applied_by: ctx.state.meAdminId });
        }
        return { body: presentTagBasic(tag) };
      }
      const id = optId(body, 'id');
      if (id !== undefined) {
        const tag = tagById(ctx, id);
        if (!tag) throw notFound();
        const clash = ctx.state.tags.find((t) => t !== tag && t.name.toLowerCase() === name.toLowerCase());
        if (clash) throw invalid(`A tag named '${clash.name}' already exists`, 'name');
        tag.name = name;
        return { body: presentTagBasic(tag) };
      }
      return { body: presentTagBasic(findOrCreateTag(ctx, name)) };
    },
  },
  {
    method: 'POST',
    path: '/conversations/:id/tags',
    handler(ctx) {
      const conversation = conversationOr404(ctx, ctx.params.id, 'Conversation not found');
      const body = bodyObject(ctx.body);
      const tagId = optId(body, 'id');
      if (tagId === undefined) throw required('id');
      const admin = bodyAdmin(ctx, body);
      const tag = tagById(ctx, tagId);
      if (!tag) throw tagNotFound();
      let applied = conversation.tags.find((t) => t.id === tag.id);
      if (!applied) {
        applied = { id: tag.id, applied_at: ctx.now(), applied_by: admin.id };
        conversation.tags.push(applied);
        conversation.updated_at = Math.max(ctx.now(), conversation.updated_at);
      }
      return { body: presentTag(ctx.state, applied) };
    },
  },
  {
    method: 'DELETE',
    path: '/conversations/:id/tags/:tag_id',
    handler(ctx) {
      const conversation = conversationOr404(ctx, ctx.params.id, 'Conversation not found');
      bodyAdmin(ctx, bodyObject(ctx.body ?? {}));
      const tag = tagById(ctx, ctx.params.tag_id ?? '');
      if (!tag) throw tagNotFound();
      const applied = conversation.tags.find((t) => t.id === tag.id);
      if (!applied) return { body: presentTagBasic(tag) };
      conversation.tags = conversation.tags.filter((t) => t !== applied);
      conversation.updated_at = Math.max(ctx.now(), conversation.updated_at);
      return { body: presentTag(ctx.state, applied) };
    },
  },
];
