/** What component tests build their contacts from. */
import type { ContactView } from '../../src/protocol/schemas';

export function contactView(over: Partial<ContactView> & Pick<ContactView, 'id' | 'email'>): ContactView {
  return {
    name: null,
    role: 'user',
    avatar: null,
    phone: null,
    companies: [],
    tags: [],
    location: null,
    unsubscribed: false,
    lastSeenAt: null,
    customAttributes: {},
    url: `https://app.intercom.com/a/apps/abc/users/${over.id}/all-conversations`,
    ...over,
  };
}
