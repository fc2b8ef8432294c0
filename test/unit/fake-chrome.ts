/**
 * A small stand-in for the parts of `chrome` the widget touches, for component tests. The worker's answers
 * come from `answers` (route → function), and i18n reads the real messages.json, so tests see real text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { vi } from 'vitest';
import { formatMessage, type Catalogue } from '../../src/widget/i18n';

const messages = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8'),
) as Catalogue;

/** chrome.i18n.getMessage over the real catalogue (the same rules, checked against Chromium in test/e2e/i18n.test.ts). */
export function getMessage(key: string, subs?: string | string[]): string {
  return Object.prototype.hasOwnProperty.call(messages, key) ? formatMessage(messages, key, subs) : '';
}

export type Answer = (input: any) => unknown;

export interface FakeChrome {
  answers: Record<string, Answer>;
  sent: Array<{ type: string; input: unknown }>;
  /** Delivers a message to the page's runtime.onMessage listeners, as the worker would. */
  emit(message: unknown, sender?: Partial<chrome.runtime.MessageSender>): void;
  permissionsGranted: boolean;
}

export function installFakeChrome(): FakeChrome {
  const listeners = new Set<(msg: unknown, sender: chrome.runtime.MessageSender) => void>();
  const fake: FakeChrome = {
    answers: {},
    sent: [],
    permissionsGranted: true,
    emit(message, sender = {}) {
      for (const l of listeners) l(message, { id: 'ext', origin: location.origin, ...sender });
    },
  };
  const api = {
    runtime: {
      id: 'ext',
      getURL: (p: string) => `chrome-extension://ext/${p.replace(/^\//, '')}`,
      openOptionsPage: vi.fn(async () => undefined),
      sendMessage: vi.fn(async (msg: { type: string; input: unknown }) => {
        fake.sent.push(msg);
        const answer = fake.answers[msg.type];
        if (!answer) return { ok: false, error: { code: 'internal' } };
        try {
          return { ok: true, data: await answer(msg.input) };
        } catch (e) {
          return { ok: false, error: (e as { info?: unknown }).info ?? { code: 'internal' } };
        }
      }),
      onMessage: {
        addListener: (l: (msg: unknown, sender: chrome.runtime.MessageSender) => void) => listeners.add(l),
        removeListener: (l: (msg: unknown, sender: chrome.runtime.MessageSender) => void) => listeners.delete(l),
      },
    },
    i18n: { getMessage, getUILanguage: () => 'en' },
    tabs: {
      query: vi.fn(async () => [{ id: 7, active: true, windowId: 1 }]),
      onActivated: { addListener: vi.fn(), removeListener: vi.fn() },
    },
    windows: { getCurrent: vi.fn(async () => ({ id: 1 })), create: vi.fn(async () => ({ id: 2 })) },
    permissions: { request: vi.fn(async () => fake.permissionsGranted) },
  };
  (globalThis as unknown as { chrome: unknown }).chrome = api;
  return fake;
}

/** An error the fake worker answers with. */
export function fail(code: string, extra: Record<string, unknown> = {}): never {
  throw Object.assign(new Error(code), { info: { code, ...extra } });
}
