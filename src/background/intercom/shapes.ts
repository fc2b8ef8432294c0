/**
 * Runtime checks of the parts of Intercom's answers the extension relies on. `looseObject` keeps fields
 * Intercom adds later; the static types come from the official SDK (type-only import, nothing bundled).
 */
import * as v from 'valibot';
import type { Intercom } from 'intercom-client';

const Ref = v.looseObject({ id: v.union([v.string(), v.number()]) });
const RefList = v.looseObject({ data: v.optional(v.array(Ref), []), has_more: v.optional(v.boolean()) });
const optStr = v.optional(v.nullable(v.string()), null);
const optNum = v.optional(v.nullable(v.number()), null);

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
  custom_attributes: v.optional(v.nullable(v.record(v.string(), v.unknown())), null),
  tags: v.optional(v.nullable(RefList), null),
  companies: v.optional(v.nullable(RefList), null),
  location: v.optional(
    v.nullable(v.looseObject({ city: optStr, region: optStr, country: optStr })),
    null,
  ),
});
export type ContactData = v.InferOutput<typeof ContactSchema>;

export const ContactListSchema = v.looseObject({
  data: v.array(ContactSchema),
  total_count: v.optional(v.number()),
  pages: v.optional(
    v.nullable(
      v.looseObject({
        next: v.optional(v.nullable(v.looseObject({ starting_after: v.optional(v.nullable(v.string())) }))),
      }),
    ),
  ),
});

export const CompanySchema = v.looseObject({ type: v.optional(v.string()), id: v.string(), name: optStr });
export const TagListSchema = v.looseObject({ data: v.array(v.looseObject({ id: v.union([v.string(), v.number()]), name: v.string() })) });

export const MeSchema = v.looseObject({
  type: v.optional(v.string()),
  id: v.union([v.string(), v.number()]),
  name: optStr,
  email: optStr,
  app: v.optional(
    v.nullable(v.looseObject({ id_code: v.string(), name: optStr, region: optStr })),
    null,
  ),
});
export type MeData = v.InferOutput<typeof MeSchema>;

/** Fails with a clear message instead of crashing on an answer we cannot read. */
export function parse<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  throw new ShapeError(result.issues[0]?.message ?? 'unexpected answer');
}

export class ShapeError extends Error {}

// Compile-time checks that our request bodies agree with Intercom's own types.
export type SearchBody = Intercom.SearchRequest;
export type CreateContactBody = Intercom.CreateContactRequest;
