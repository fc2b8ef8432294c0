/** Admin-initiated messages: in-app or email, to a user or a lead. */
import type { Intercom } from 'intercom-client';
import { AppError } from '../errors';
import type { IntercomHttp } from './http';
import { parse } from './shapes';
import { MessageSchema, type MessageData } from './shapes-inbox';

export interface NewMessage {
  channel: 'inapp' | 'email';
  /** Required for email. */
  subject?: string;
  body: string;
  template: 'plain' | 'personal';
  fromAdminId: string;
  to: { type: 'user' | 'lead'; id: string };
}

/**
 * Sends a message. In-app messages are `message_type: "inapp"` (the SDK's and the examples' spelling; the
 * description's enum says `in_app`). A lost answer cannot be checked for: it fails as "may have been sent".
 */
export async function sendMessage(http: IntercomHttp, m: NewMessage): Promise<MessageData> {
  if (m.channel === 'email' && !m.subject?.trim()) throw new AppError('bad_request', { field: 'subject' });
  const from = { type: 'admin' as const, id: Number(m.fromAdminId) };
  const body: Intercom.CreateMessageRequest =
    m.channel === 'email'
      ? { message_type: 'email', subject: m.subject!, body: m.body, template: m.template, from, to: m.to }
      : { message_type: 'inapp', body: m.body, template: m.template, from, to: m.to, ...(m.subject ? { subject: m.subject } : {}) };
  return parse(MessageSchema, await http.request('POST', '/messages', { json: body }));
}
