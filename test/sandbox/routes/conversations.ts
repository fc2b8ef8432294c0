/** `POST /conversations/search` and `GET /conversations/{id}` (`?display_as=plaintext`). Replies and state changes: conversation-actions.ts. */
import type { Route } from '../http';
import { conversationOr404 } from '../lookups';
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
      const conversation = conversationOr404(ctx);
      return { body: presentConversation(ctx.state, conversation, { withParts: true, plaintext: ctx.query.get('display_as') === 'plaintext' }) };
    },
  },
];
