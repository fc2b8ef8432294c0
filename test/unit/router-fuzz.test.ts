// @vitest-environment node
/**
 * The router against random and malformed messages from every kind of sender (issue 11): nothing undeclared
 * is accepted, nothing reaches a handler a sender may not call or with input its schema refuses, and the
 * router never throws — whatever arrives, it answers a Result.
 */
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { createRouter, type Handlers } from '../../src/background/router';
import { classifySender } from '../../src/background/sender';
import { ROUTES, isRouteName, mayCall, type RouteName } from '../../src/protocol/messages';

const self = { id: 'abcdefghijklmnopabcdefghijklmnop', origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' };
const ROUTE_NAMES = Object.keys(ROUTES) as RouteName[];

const senders: fc.Arbitrary<chrome.runtime.MessageSender> = fc.oneof(
  fc.constant({ id: self.id, origin: self.origin, url: `${self.origin}/src/sidepanel/index.html` }),
  fc.constant({ id: self.id, origin: self.origin, tab: { id: 3 } as chrome.tabs.Tab, frameId: 2, url: `${self.origin}/src/card/index.html` }),
  fc.record({ id: fc.constant(self.id), origin: fc.constantFrom('https://crm.example', 'http://evil.test'), tab: fc.constant({ id: 7 } as chrome.tabs.Tab), frameId: fc.nat(3), url: fc.webUrl() }),
  fc.record({ id: fc.oneof(fc.string(), fc.constant(undefined)), origin: fc.oneof(fc.webUrl(), fc.constant(undefined)), url: fc.oneof(fc.webUrl(), fc.constant(undefined)) }),
  fc.constant({}),
);

/** Messages: random values, envelopes with random routes and inputs, and near-misses of real routes. */
const messages: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything(),
  fc.record({ type: fc.string(), input: fc.anything() }),
  fc.record({ type: fc.constantFrom(...ROUTE_NAMES, '__proto__', 'constructor', 'toString', 'settings/get/', 'SETTINGS/GET'), input: fc.anything() }),
  fc.record({ type: fc.constantFrom(...ROUTE_NAMES), input: fc.oneof(fc.constant({}), fc.dictionary(fc.string(), fc.anything()), fc.record({ emails: fc.array(fc.emailAddress()), total: fc.nat(), tabId: fc.integer(), id: fc.string(), enabled: fc.boolean(), origin: fc.webUrl() }, { requiredKeys: [] })) }),
);

describe('router fuzz', () => {
  it('answers a Result for anything, and runs a handler only for a declared route, an allowed sender and valid input', async () => {
    const calls: Array<{ route: string; input: unknown; kind: string }> = [];
    const handlers = new Proxy({}, {
      get: (_t, route: string) => vi.fn(async (input: unknown, caller: { kind: string }) => {
        calls.push({ route, input, kind: caller.kind });
        return { fine: true };
      }),
    }) as unknown as Handlers;
    const route = createRouter(handlers, self, () => undefined);
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(senders, messages, async (sender, message) => {
        calls.length = 0;
        const answer = await route(message, sender);
        expect(answer && typeof answer === 'object' && typeof answer.ok === 'boolean').toBe(true);
        const caller = classifySender(sender, self);
        const type = (message as { type?: unknown } | null)?.type;
        const declared = typeof type === 'string' && isRouteName(type);
        if (!answer.ok) {
          expect(answer.error).toEqual({ code: 'invalid_message' });
          expect(calls).toEqual([]);
          return;
        }
        accepted++;
        // Accepted: a declared route, a sender allowed to call it, input its schema takes.
        expect(declared).toBe(true);
        expect(caller.kind).not.toBe('unknown');
        expect(mayCall(type as RouteName, caller.kind as 'extension')).toBe(true);
        expect(calls).toHaveLength(1);
        expect(v.safeParse(ROUTES[type as RouteName].input as v.GenericSchema, (message as { input: unknown }).input).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
    // The property saw accepted messages too, not only refusals.
    expect(accepted).toBeGreaterThan(20);
  });
});
