/**
 * Runtime checks of the parts of Intercom's answers the extension relies on. `looseObject` keeps fields
 * Intercom adds later; the static request types come from the official SDK (type-only import).
 */
import * as v from 'valibot';

/** Intercom sends some ids as numbers: always strings here. */
export const Id = v.pipe(v.union([v.string(), v.number()]), v.transform(String));
const Ref = v.looseObject({ id: Id });
const RefList = v.looseObject({ data: v.optional(v.array(Ref), []) });
export const optStr = v.optional(v.nullable(v.string()), null);
export const optNum = v.optional(v.nullable(v.number()), null);
const Pages = v.optional(
  v.nullable(
    v.looseObject({
      page: v.optional(v.nullable(v.number())),
      total_pages: v.optional(v.nullable(v.number())),
      next: v.optional(v.nullable(v.union([v.string(), v.looseObject({ starting_after: v.optional(v.nullable(v.string())) })]))),
    }),
  ),
);

/** Any list answer: `data`, and where Intercom pages it, `pages` (cursor or page number). */
export function listOf<S extends v.GenericSchema>(item: S) {
  return v.looseObject({ data: v.array(item), pages: Pages });
}

export const ContactSchema = v.looseObject({
  type: v.literal('contact'),
  id: v.string(),
  role: v.string(),
  email: optStr,
  name: optStr,
  phone: optStr,
  avatar: v.optional(v.nullable(v.union([v.string(), v.looseObject({ image_url: optStr })])), null),
  last_seen_at: optNum,
  updated_at: optNum,
  unsubscribed_from_emails: v.optional(v.nullable(v.boolean()), null),
  owner_id: v.optional(v.nullable(Id), null),
  has_hard_bounced: v.optional(v.nullable(v.boolean()), null),
  marked_email_as_spam: v.optional(v.nullable(v.boolean()), null),
  custom_attributes: v.optional(v.nullable(v.record(v.string(), v.unknown())), null),
  tags: v.optional(v.nullable(RefList), null),
  companies: v.optional(v.nullable(RefList), null),
  location: v.optional(v.nullable(v.looseObject({ city: optStr, region: optStr, country: optStr })), null),
});
export type ContactData = v.InferOutput<typeof ContactSchema>;
export const ContactListSchema = listOf(ContactSchema);

export const DeletedSchema = v.looseObject({ id: Id, deleted: v.boolean() });

export const CompanySchema = v.looseObject({
  type: v.optional(v.string()),
  id: v.string(),
  company_id: optStr,
  name: optStr,
  website: optStr,
  industry: optStr,
  size: optNum,
  user_count: optNum,
  monthly_spend: optNum,
  plan: v.optional(v.nullable(v.union([v.looseObject({ name: optStr }), v.array(v.unknown())])), null),
  custom_attributes: v.optional(v.nullable(v.record(v.string(), v.unknown())), null),
});
export type CompanyData = v.InferOutput<typeof CompanySchema>;
export const CompanyListSchema = listOf(CompanySchema);
/** `GET /contacts/{id}/companies`: the description says `companies`, its example `data`. */
export const ContactCompaniesSchema = v.pipe(
  v.looseObject({ data: v.optional(v.array(CompanySchema)), companies: v.optional(v.array(CompanySchema)) }),
  v.transform((l) => l.data ?? l.companies ?? []),
);

export const TagSchema = v.looseObject({ id: Id, name: v.string() });
export type TagData = v.InferOutput<typeof TagSchema>;
export const TagListSchema = listOf(TagSchema);

export const NoteSchema = v.looseObject({
  id: Id,
  body: optStr,
  created_at: optNum,
  author: v.optional(v.nullable(v.looseObject({ id: Id, name: optStr })), null),
});
export type NoteData = v.InferOutput<typeof NoteSchema>;
export const NoteListSchema = listOf(NoteSchema);

export const AdminSchema = v.looseObject({
  id: Id,
  name: optStr,
  email: optStr,
});
export type AdminData = v.InferOutput<typeof AdminSchema>;
export const AdminListSchema = v.looseObject({ admins: v.array(AdminSchema) });

export const MeSchema = v.looseObject({
  ...AdminSchema.entries,
  app: v.optional(v.nullable(v.looseObject({ id_code: v.string(), name: optStr, region: optStr })), null),
});
export type MeData = v.InferOutput<typeof MeSchema>;

export const TeamSchema = v.looseObject({ id: Id, name: v.string() });
export type TeamData = v.InferOutput<typeof TeamSchema>;
export const TeamListSchema = v.looseObject({ teams: v.array(TeamSchema) });

/** Fails with a clear message instead of crashing on an answer we cannot read. */
export function parse<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const where = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
  throw new ShapeError(`Intercom's answer was not understood${where ? ` at ${where}` : ''}: ${issue?.message ?? 'unexpected shape'}`);
}

export class ShapeError extends Error {
  override name = 'ShapeError';
}
