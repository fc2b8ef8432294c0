/** Data attributes (`GET /data_attributes?model=…`): what a workspace records about contacts, with each one's type. */
import * as v from 'valibot';
import type { IntercomHttp } from './http';
import { parse } from './shapes';

export const DataAttributeSchema = v.looseObject({
  name: v.string(),
  full_name: v.optional(v.nullable(v.string()), null),
  label: v.optional(v.nullable(v.string()), null),
  description: v.optional(v.nullable(v.string()), null),
  data_type: v.optional(v.nullable(v.string()), null),
  options: v.optional(v.nullable(v.array(v.string())), null),
  api_writable: v.optional(v.nullable(v.boolean()), null),
  custom: v.optional(v.nullable(v.boolean()), null),
  archived: v.optional(v.nullable(v.boolean()), null),
});
export type DataAttributeData = v.InferOutput<typeof DataAttributeSchema>;
const DataAttributeListSchema = v.looseObject({ data: v.array(DataAttributeSchema) });

/** The workspace's data attributes of one model (archived ones left out, as Intercom does by default). */
export async function listDataAttributes(http: IntercomHttp, model: 'contact' | 'company' | 'conversation'): Promise<DataAttributeData[]> {
  return parse(DataAttributeListSchema, await http.request('GET', '/data_attributes', { searchParams: { model } })).data;
}
