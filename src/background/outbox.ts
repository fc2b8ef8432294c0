/**
 * The persisted outbox of quick actions. Every write the panel asks for is stored (chrome.storage.local,
 * trusted contexts only) before it is sent, marked `sending` before the request leaves, and settled after.
 * An id is sent at most once without the user's say: submitting it again answers the same entry, and a
 * worker that restarts with an entry still `sending` checks Intercom before sending it again.
 */
import * as v from 'valibot';
import { ActionSchema, type Action, type ActionResult, type OutboxEntry, type OutboxState } from '../protocol/actions';
import { emit, OUTBOX_EVENT } from '../protocol/events';
import { AppError, toErrorInfo } from '../core/errors';
import { ShapeError } from '../core/intercom/shapes';

export const OUTBOX_KEY = 'outbox';
const KEEP_DONE = 50;
const KEEP_DONE_MS = 60 * 60_000;
const CONCURRENCY = 2;
/** A request in flight when the worker died may still land: wait this long after it left before checking. */
const SETTLE_MS = 10_000;
/**
 * An action still waiting this long after it was asked for (or from before the browser was last started) is
 * not sent by itself any more: the person may have moved on. It becomes "failed" with Retry.
 */
export const STALE_MS = 60 * 60_000;
const SESSION_MARK = 'outbox.session';

/** True once per browser session: storage.session is empty after the browser starts, not after the worker does. */
async function browserJustStarted(): Promise<boolean> {
  try {
    if ((await chrome.storage.session.get(SESSION_MARK))[SESSION_MARK]) return false;
    await chrome.storage.session.set({ [SESSION_MARK]: true });
    return true;
  } catch {
    return false;
  }
}

const TERMINAL: ReadonlySet<OutboxState> = new Set(['done', 'failed', 'uncertain', 'cancelled']);

const StoredEntry = v.object({
  id: v.string(),
  action: ActionSchema,
  state: v.picklist(['pending', 'sending', 'done', 'failed', 'uncertain', 'cancelled']),
  createdAt: v.number(),
  updatedAt: v.number(),
  attempts: v.number(),
  batchId: v.optional(v.string()),
  workspaceId: v.optional(v.string()),
  error: v.optional(v.looseObject({ code: v.string() })),
  result: v.optional(v.record(v.string(), v.unknown())),
});

export interface OutboxDeps {
  /** Sends the action in its workspace (reads that workspace's session and acting admin). */
  run(action: Action, workspaceId: string | undefined): Promise<ActionResult>;
  /** After a restart: true applied (with what to show), false not applied, null unknown. */
  verify(action: Action, sentAt: number, workspaceId: string | undefined): Promise<{ applied: true; result: ActionResult } | { applied: false } | null>;
  now?: () => number;
  settleMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Whether this is the first load since the browser started (pending actions from before are not sent). */
  browserJustStarted?: () => Promise<boolean>;
}

export class Outbox {
  #entries: OutboxEntry[] = [];
  #loaded: Promise<void> | null = null;
  #writes: Promise<void> = Promise.resolve();
  readonly #waiters = new Map<string, Array<(e: OutboxEntry) => void>>();
  /** Ids in the queue, with whether they must be checked (a `sending` left by a dead worker) rather than sent. */
  readonly #queue: Array<{ id: string; check: boolean }> = [];
  readonly #active = new Set<string>();
  readonly #activeKeys = new Set<string>();
  readonly #now: () => number;
  readonly #settleMs: number;
  readonly #sleep: (ms: number) => Promise<void>;

  readonly #deps: OutboxDeps;

  constructor(deps: OutboxDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    this.#settleMs = deps.settleMs ?? SETTLE_MS;
    this.#sleep = deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Queues an action and answers when it has settled. The same id twice is the same entry, sent once. */
  async submit(id: string, action: Action, batchId?: string, workspaceId?: string): Promise<OutboxEntry> {
    await this.#load();
    const existing = this.#find(id);
    if (existing) {
      if (!TERMINAL.has(existing.state)) this.#resumeEntry(existing);
      return TERMINAL.has(existing.state) ? existing : this.#settled(id);
    }
    const at = this.#now();
    const entry: OutboxEntry = {
      id, action, state: 'pending', createdAt: at, updatedAt: at, attempts: 0, ...(batchId ? { batchId } : {}), ...(workspaceId ? { workspaceId } : {}),
    };
    this.#entries.push(entry);
    const done = this.#settled(id);
    await this.#persist();
    this.#enqueue(id, false);
    return done;
  }

  async list(): Promise<OutboxEntry[]> {
    await this.#load();
    return this.#snapshot();
  }

  /** The user's say: send a failed or "may have been sent" action again. */
  async retry(id: string): Promise<OutboxEntry> {
    await this.#load();
    const entry = this.#find(id);
    if (!entry) throw new AppError('not_found', { detail: id });
    if (entry.state !== 'failed' && entry.state !== 'uncertain') return TERMINAL.has(entry.state) ? entry : this.#settled(id);
    const done = this.#settled(id);
    await this.#update(entry, { state: 'pending', error: undefined });
    this.#enqueue(id, false);
    return done;
  }

  async dismiss(id: string): Promise<OutboxEntry[]> {
    await this.#load();
    const entry = this.#find(id);
    if (entry && TERMINAL.has(entry.state)) {
      this.#entries = this.#entries.filter((e) => e !== entry);
      await this.#persist();
    }
    return this.#snapshot();
  }

  /** What of a bulk run has not left yet is cancelled. */
  async cancel(batchId: string): Promise<number> {
    await this.#load();
    const pending = this.#entries.filter((e) => e.batchId === batchId && e.state === 'pending' && !this.#active.has(e.id));
    if (!pending.length) return 0;
    const at = this.#now();
    for (const e of pending) Object.assign(e, { state: 'cancelled', updatedAt: at });
    await this.#persist();
    for (const e of pending) this.#notify(e);
    return pending.length;
  }

  /** On worker start and whenever it is woken: sends what is pending, checks what a dead worker left `sending`. */
  async resume(): Promise<void> {
    await this.#load();
    await this.#expireStale(false);
    for (const e of this.#entries) this.#resumeEntry(e);
  }

  /**
   * Pending actions from before the browser started, or waiting longer than STALE_MS, are never sent silently:
   * they become "failed" and the person decides (Retry or Dismiss). Ones caught mid-request are still checked.
   */
  async #expireStale(restarted: boolean): Promise<void> {
    const cutoff = this.#now() - STALE_MS;
    // What this worker has queued is being worked through (a long bulk run under a small budget): left alone.
    const queued = new Set(this.#queue.map((q) => q.id));
    const stale = this.#entries.filter(
      (e) => e.state === 'pending' && !this.#active.has(e.id) && !queued.has(e.id) && (restarted || e.createdAt < cutoff),
    );
    if (!stale.length) return;
    const at = this.#now();
    for (const e of stale) Object.assign(e, { state: 'failed', updatedAt: at, error: { code: 'stale' } });
    await this.#persist();
    for (const e of stale) this.#notify(e);
  }

  #resumeEntry(e: OutboxEntry): void {
    if (this.#active.has(e.id) || this.#queue.some((q) => q.id === e.id)) return;
    if (e.state === 'pending') this.#enqueue(e.id, false);
    else if (e.state === 'sending') this.#enqueue(e.id, true);
  }

  #enqueue(id: string, check: boolean): void {
    if (this.#active.has(id) || this.#queue.some((q) => q.id === id)) return;
    this.#queue.push({ id, check });
    this.#pump();
  }

  /** Starts what may start: at most CONCURRENCY at once, one at a time per contact or conversation. */
  #pump(): void {
    for (let i = 0; i < this.#queue.length && this.#active.size < CONCURRENCY; ) {
      const item = this.#queue[i]!;
      const entry = this.#find(item.id);
      if (!entry || (entry.state !== 'pending' && entry.state !== 'sending')) {
        this.#queue.splice(i, 1);
        continue;
      }
      const key = `${entry.workspaceId ?? ''} ${keyOf(entry.action)}`;
      if (this.#activeKeys.has(key)) {
        i++;
        continue;
      }
      this.#queue.splice(i, 1);
      this.#active.add(entry.id);
      this.#activeKeys.add(key);
      void this.#process(entry, item.check).finally(() => {
        this.#active.delete(entry.id);
        this.#activeKeys.delete(key);
        this.#pump();
      });
    }
  }

  async #process(entry: OutboxEntry, check: boolean): Promise<void> {
    try {
      if (check) {
        const wait = entry.updatedAt + this.#settleMs - this.#now();
        if (wait > 0) await this.#sleep(wait);
        let verdict: Awaited<ReturnType<OutboxDeps['verify']>>;
        try {
          verdict = await this.#deps.verify(entry.action, entry.updatedAt, entry.workspaceId);
        } catch {
          verdict = null;
        }
        if (verdict === null) {
          await this.#settle(entry, { state: 'uncertain', error: { code: 'uncertain' } });
          return;
        }
        if (verdict.applied) {
          await this.#settle(entry, { state: 'done', result: verdict.result });
          return;
        }
      }
      // Stored as `sending` before the request leaves: a worker that dies now will check, not resend.
      await this.#update(entry, { state: 'sending', attempts: entry.attempts + 1, error: undefined });
      let result: ActionResult;
      try {
        result = await this.#deps.run(entry.action, entry.workspaceId);
      } catch (err) {
        const info = toErrorInfo(err);
        // An answer we could not read came after the request: it was probably applied.
        const state = info.code === 'uncertain' || err instanceof ShapeError ? 'uncertain' : 'failed';
        await this.#settle(entry, { state, error: err instanceof ShapeError ? { code: 'uncertain', detail: err.message } : info });
        return;
      }
      await this.#settle(entry, { state: 'done', result });
    } catch {
      // Storage failed: the entry stays as stored and is picked up on the next resume.
    }
  }

  async #settle(entry: OutboxEntry, patch: Partial<OutboxEntry>): Promise<void> {
    await this.#update(entry, patch);
    this.#notify(entry);
  }

  #notify(entry: OutboxEntry): void {
    const list = this.#waiters.get(entry.id) ?? [];
    this.#waiters.delete(entry.id);
    for (const resolve of list) resolve({ ...entry });
  }

  #settled(id: string): Promise<OutboxEntry> {
    return new Promise((resolve) => {
      const list = this.#waiters.get(id) ?? [];
      list.push(resolve);
      this.#waiters.set(id, list);
    });
  }

  async #update(entry: OutboxEntry, patch: Partial<OutboxEntry>): Promise<void> {
    Object.assign(entry, patch, { updatedAt: this.#now() });
    for (const k of ['error', 'result'] as const) if (entry[k] === undefined) delete entry[k];
    await this.#persist();
  }

  #find(id: string): OutboxEntry | undefined {
    return this.#entries.find((e) => e.id === id);
  }

  #snapshot(): OutboxEntry[] {
    return this.#entries.map((e) => ({ ...e }));
  }

  #load(): Promise<void> {
    this.#loaded ??= Promise.all([chrome.storage.local.get(OUTBOX_KEY), (this.#deps.browserJustStarted ?? browserJustStarted)()]).then(
      async ([got, restarted]) => {
        const raw: unknown = got[OUTBOX_KEY];
        const list = Array.isArray(raw) ? raw : [];
        this.#entries = list.flatMap((item) => {
          const parsed = v.safeParse(StoredEntry, item);
          return parsed.success ? [parsed.output as OutboxEntry] : [];
        });
        await this.#expireStale(restarted);
      },
      (err: unknown) => {
        this.#loaded = null;
        throw err;
      },
    );
    return this.#loaded;
  }

  /** Writes the whole list (pruned), one write at a time, and tells the pages. */
  #persist(): Promise<void> {
    this.#prune();
    const entries = this.#snapshot();
    const write = this.#writes.then(() => chrome.storage.local.set({ [OUTBOX_KEY]: entries }));
    this.#writes = write.catch(() => undefined);
    return write.then(() => {
      emit(OUTBOX_EVENT, { entries });
    });
  }

  /** Done and cancelled entries stay an hour (the newest 50); failed and uncertain until dismissed. */
  #prune(): void {
    const cutoff = this.#now() - KEEP_DONE_MS;
    const finished = this.#entries.filter((e) => e.state === 'done' || e.state === 'cancelled');
    const keep = new Set(finished.filter((e) => e.updatedAt >= cutoff).sort((a, b) => b.updatedAt - a.updatedAt).slice(0, KEEP_DONE));
    this.#entries = this.#entries.filter((e) => (e.state !== 'done' && e.state !== 'cancelled') || keep.has(e));
  }
}

/** Actions on one contact or conversation go one at a time, in order. */
function keyOf(a: Action): string {
  if ('contactId' in a) return `contact:${a.contactId}`;
  if ('conversationId' in a) return `conversation:${a.conversationId}`;
  return `kind:${a.kind}:${'email' in a ? a.email : ''}`;
}
