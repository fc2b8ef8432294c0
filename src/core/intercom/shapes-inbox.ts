/** Runtime checks for conversations, tickets and messages (see shapes.ts). */
import * as v from 'valibot';
import { Id, listOf, optNum, optStr } from './shapes';

const Author = v.optional(v.nullable(v.looseObject({ type: optStr, id: v.optional(v.nullable(Id), null), name: optStr })), null);

export const ConversationPartSchema = v.looseObject({
  id: Id,
  part_type: optStr,
  body: optStr,
  created_at: optNum,
  author: Author,
});

export const ConversationSchema = v.looseObject({
  type: v.optional(v.string()),
  id: Id,
  title: optStr,
  state: v.optional(v.nullable(v.string()), null),
  open: v.optional(v.nullable(v.boolean()), null),
  created_at: optNum,
  updated_at: optNum,
  snoozed_until: optNum,
  admin_assignee_id: v.optional(v.nullable(Id), null),
  team_assignee_id: v.optional(v.nullable(Id), null),
  source: v.optional(v.nullable(v.looseObject({ subject: optStr, body: optStr, author: Author })), null),
  tags: v.optional(v.nullable(v.looseObject({ tags: v.optional(v.array(v.looseObject({ id: Id, name: optStr })), []) })), null),
  conversation_parts: v.optional(
    v.nullable(v.looseObject({ conversation_parts: v.optional(v.array(ConversationPartSchema), []) })),
    null,
  ),
});
export type ConversationData = v.InferOutput<typeof ConversationSchema>;
/** `POST /conversations/search` answers `conversations`, not `data`. */
export const ConversationListSchema = v.looseObject({
  conversations: v.array(ConversationSchema),
  pages: v.optional(v.nullable(v.looseObject({ next: v.optional(v.nullable(v.looseObject({ starting_after: optStr }))) }))),
});

export const TicketTypeAttributeSchema = v.looseObject({
  id: Id,
  name: v.string(),
  description: optStr,
  data_type: v.string(),
  input_options: v.optional(v.nullable(v.record(v.string(), v.unknown())), null),
  required_to_create: v.optional(v.nullable(v.boolean()), null),
  required_to_create_for_contacts: v.optional(v.nullable(v.boolean()), null),
  archived: v.optional(v.nullable(v.boolean()), null),
});
export type TicketTypeAttributeData = v.InferOutput<typeof TicketTypeAttributeSchema>;

export const TicketTypeSchema = v.looseObject({
  id: Id,
  name: v.string(),
  description: optStr,
  category: optStr,
  archived: v.optional(v.nullable(v.boolean()), null),
  ticket_type_attributes: v.optional(
    v.nullable(
      v.pipe(
        v.looseObject({
          ticket_type_attributes: v.optional(v.array(TicketTypeAttributeSchema)),
          data: v.optional(v.array(TicketTypeAttributeSchema)),
        }),
        v.transform((l) => l.ticket_type_attributes ?? l.data ?? []),
      ),
    ),
    null,
  ),
});
export type TicketTypeData = v.InferOutput<typeof TicketTypeSchema>;
export const TicketTypeListSchema = listOf(TicketTypeSchema);

export const TicketSchema = v.looseObject({
  type: v.optional(v.string()),
  id: Id,
  ticket_id: v.optional(v.nullable(Id), null),
  ticket_attributes: v.optional(v.nullable(v.record(v.string(), v.unknown())), null),
  ticket_state: v.optional(v.nullable(v.union([v.string(), v.looseObject({ category: optStr, internal_label: optStr })])), null),
  ticket_type: v.optional(v.nullable(v.looseObject({ id: Id, name: optStr })), null),
  created_at: optNum,
  updated_at: optNum,
  open: v.optional(v.nullable(v.boolean()), null),
});
export type TicketData = v.InferOutput<typeof TicketSchema>;
/** `POST /tickets/search` answers `tickets`. */
export const TicketListSchema = v.looseObject({
  tickets: v.array(TicketSchema),
  pages: v.optional(v.nullable(v.looseObject({ next: v.optional(v.nullable(v.looseObject({ starting_after: optStr }))) }))),
});

export const MessageSchema = v.looseObject({
  type: v.optional(v.string()),
  id: Id,
  message_type: v.string(),
});
export type MessageData = v.InferOutput<typeof MessageSchema>;
