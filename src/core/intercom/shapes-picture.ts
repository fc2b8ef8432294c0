/** Answers behind the card's fuller picture: segments and data events. */
import * as v from 'valibot';
import { Id, optNum, optStr } from './shapes';

export const SegmentSchema = v.looseObject({
  id: Id,
  name: v.optional(v.nullable(v.string()), null),
});
export type SegmentData = v.InferOutput<typeof SegmentSchema>;
/** `GET /contacts/{id}/segments`: `data`; `GET /segments`: `segments`. */
export const ContactSegmentsSchema = v.looseObject({ data: v.optional(v.array(SegmentSchema), []) });
export const SegmentListSchema = v.looseObject({ segments: v.optional(v.array(SegmentSchema), []) });

export const DataEventSchema = v.looseObject({
  event_name: v.string(),
  created_at: optNum,
  metadata: v.optional(v.nullable(v.record(v.string(), v.unknown())), null),
});
export type DataEventData = v.InferOutput<typeof DataEventSchema>;
/** `GET /events?type=user&…`: `events`, and `pages.next` as a URL to the next page. */
export const DataEventListSchema = v.looseObject({
  events: v.optional(v.array(DataEventSchema), []),
  pages: v.optional(v.nullable(v.looseObject({ next: optStr })), null),
});
