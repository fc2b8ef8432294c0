/** `GET /conversations/{id}` and `POST /conversations/search`. */
import { notFound } from '../errors';
import type { Route } from '../http';
import { presentConversation } from '../present';
import { search } from '../search';
import { conversationSearchSpec } from '../search-fields';

export const conversationRoutes: Route[] = [
  {
    method: 'POST',
    path: '/conversations/search',
    handler(ctx) {
      const page = search(ctx.state.conversations, ctx.body, conversationSearchSpec(ctx.state));
      return {
        body: {
          type: 'conversation.list',
          conversations: page.items.map((c) => presentConversation(ctx.state, c, false)),
          total_count: page.total_count,
          pages: page.pages,
        },
      };
    },
  },
  {
    method: 'GET',
    path: '/conversations/:id',
    handler(ctx) {
      const conversation = ctx.state.conversations.find((c) => c.id === ctx.params.id);
      if (!conversation) throw notFound();
      return { body: presentConversation(ctx.state, conversation, true) };
    },
  },
];
