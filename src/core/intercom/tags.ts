/** Tags: list, create, and tag or untag a conversation (a contact's tags live in contacts.ts). */
import type { IntercomHttp } from './http';
import { ConversationSchema } from './shapes-inbox';
import { TagListSchema, TagSchema, parse, type TagData } from './shapes';

export async function listTags(http: IntercomHttp): Promise<TagData[]> {
  return parse(TagListSchema, await http.request('GET', '/tags')).data;
}

/** Creates a tag, or finds the one with this name: the same request twice does no harm. */
export async function createTag(http: IntercomHttp, name: string): Promise<TagData> {
  return parse(TagSchema, await http.request('POST', '/tags', { json: { name }, idempotent: true }));
}

/** The conversation's tag with this id, if it has it (how a tag or untag is verified). */
export const conversationTag = async (http: IntercomHttp, conversationId: string, tagId: string) => {
  const c = parse(ConversationSchema, await http.request('GET', `/conversations/${encodeURIComponent(conversationId)}`));
  const tag = c.tags?.tags.find((t) => t.id === tagId);
  return tag ? { id: tag.id, name: tag.name ?? '' } : undefined;
};

export async function tagConversation(http: IntercomHttp, conversationId: string, tagId: string, adminId: string): Promise<TagData> {
  return parse(
    TagSchema,
    await http.request('POST', `/conversations/${encodeURIComponent(conversationId)}/tags`, {
      json: { id: tagId, admin_id: adminId },
      verify: () => conversationTag(http, conversationId, tagId),
    }),
  );
}

export async function untagConversation(http: IntercomHttp, conversationId: string, tag: TagData, adminId: string): Promise<TagData> {
  return parse(
    TagSchema,
    await http.request('DELETE', `/conversations/${encodeURIComponent(conversationId)}/tags/${encodeURIComponent(tag.id)}`, {
      json: { admin_id: adminId },
      verify: async () => ((await conversationTag(http, conversationId, tag.id)) ? undefined : tag),
    }),
  );
}
