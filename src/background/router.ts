/**
 * Validates every message and checks its caller before any handler runs. Undeclared routes, bad input and
 * privileged routes called by content scripts are rejected with a logged reason and no effect.
 */
import * as v from 'valibot';
import { EnvelopeSchema, ROUTES, isRouteName, mayCall, type RouteName, type RouteOutput, type RouteParsed } from '../protocol/messages';
import type { Result } from '../protocol/schemas';
import { toErrorInfo } from '../core/errors';
import { classifySender, type Caller, type Self } from './sender';

export type Handlers = {
  [R in RouteName]: (input: RouteParsed<R>, caller: Caller) => Promise<RouteOutput<R>>;
};

export type Log = (reason: string) => void;

export function createRouter(handlers: Handlers, self: Self, log: Log = (r) => console.warn(`[sidekick] rejected: ${r}`)) {
  return async function route(message: unknown, sender: chrome.runtime.MessageSender): Promise<Result<unknown>> {
    const reject = (reason: string): Result<unknown> => {
      log(reason);
      return { ok: false, error: { code: 'invalid_message' } };
    };
    const caller = classifySender(sender, self);
    if (caller.kind === 'unknown') return reject(caller.reason);
    const envelope = v.safeParse(EnvelopeSchema, message);
    if (!envelope.success) return reject('not a { type, input } message');
    const { type } = envelope.output;
    if (!isRouteName(type)) return reject(`unknown route ${JSON.stringify(type.slice(0, 64))}`);
    const route = ROUTES[type];
    if (!mayCall(type, caller.kind)) {
      return reject(`${type} is privileged; a caller of kind ${caller.kind} may not call it`);
    }
    const input = v.safeParse(route.input as v.GenericSchema, envelope.output.input);
    // Name the field and the rule, never the value: a rejected value may be a token.
    if (!input.success) return reject(`${type}: invalid ${issueWhere(input.issues[0])}`);
    try {
      const handler = handlers[type] as (input: unknown, caller: Caller) => Promise<unknown>;
      return { ok: true, data: await handler(input.output, caller) };
    } catch (err) {
      const info = toErrorInfo(err);
      if (info.code === 'internal') console.error('[sidekick]', type, err instanceof Error ? err.message : 'failed');
      return { ok: false, error: info };
    }
  };
}

function issueWhere(issue: v.BaseIssue<unknown> | undefined): string {
  if (!issue) return 'input';
  const path = issue.path?.map((p) => String(p.key)).join('.') || 'input';
  return `${path} (${issue.type})`;
}
