/**
 * Fair share per colleague. Everyone behind the endpoint spends one Intercom budget through one limiter, so
 * a colleague who sends a hundred calls at once must not make everyone else wait behind them. Calls run at
 * most `maxInFlight` at a time; when a slot frees up, the next call is taken from the next colleague in turn
 * (round-robin over those with calls waiting), not from the longest queue. One colleague may keep at most
 * `maxQueuedPerKey` calls waiting; more are refused at once (the endpoint answers 429) rather than queued.
 */

/** Colleagues whose last turn is remembered; past this, the longest idle are forgotten (they come back first). */
const MAX_REMEMBERED = 10_000;

export class QueueFull extends Error {
  override name = 'QueueFull';
  constructor(readonly retryAfterSeconds: number) {
    super('Too many calls from one caller are waiting.');
  }
}

interface Waiting {
  start: () => void;
}

export interface FairOptions {
  maxInFlight?: number;
  maxQueuedPerKey?: number;
  /** What a refused caller is told to wait, in seconds. */
  retryAfterSeconds?: number;
}

export class FairScheduler {
  private active = 0;
  private readonly queues = new Map<string, Waiting[]>();
  /** Calls running per key. */
  private readonly running = new Map<string, number>();
  /**
   * When each key last got a slot (a counter, not a clock). Kept while the key is idle too: a colleague who
   * sends one call at a time must not jump ahead of one who waited, just because they had nothing running.
   */
  private readonly lastServed = new Map<string, number>();
  private tick = 0;
  private readonly maxInFlight: number;
  private readonly maxQueuedPerKey: number;
  private readonly retryAfterSeconds: number;

  constructor(opts: FairOptions = {}) {
    this.maxInFlight = opts.maxInFlight ?? 4;
    this.maxQueuedPerKey = opts.maxQueuedPerKey ?? 32;
    this.retryAfterSeconds = opts.retryAfterSeconds ?? 2;
  }

  /** Runs `task` in `key`'s turn. Throws QueueFull when `key` already has too many calls waiting. */
  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    if (this.active < this.maxInFlight && !this.queues.size) {
      this.start(key);
    } else {
      const queue = this.queues.get(key) ?? [];
      if (queue.length >= this.maxQueuedPerKey) throw new QueueFull(this.retryAfterSeconds);
      this.queues.set(key, queue);
      // `next()` calls start(key) before it resolves this.
      await new Promise<void>((start) => queue.push({ start }));
    }
    try {
      return await task();
    } finally {
      this.active--;
      const left = (this.running.get(key) ?? 1) - 1;
      if (left > 0) this.running.set(key, left);
      else this.running.delete(key);
      this.next();
    }
  }

  /** Calls waiting for `key` (for tests and logs). */
  waiting(key: string): number {
    return this.queues.get(key)?.length ?? 0;
  }

  get inFlight(): number {
    return this.active;
  }

  private start(key: string): void {
    this.active++;
    this.running.set(key, (this.running.get(key) ?? 0) + 1);
    this.lastServed.delete(key);
    this.lastServed.set(key, ++this.tick);
    // Insertion order is service order: the first key is the one served longest ago.
    if (this.lastServed.size > MAX_REMEMBERED) this.lastServed.delete(this.lastServed.keys().next().value!);
  }

  private next(): void {
    while (this.active < this.maxInFlight && this.queues.size) {
      let pick: string | null = null;
      for (const key of this.queues.keys()) {
        if (pick === null || this.before(key, pick)) pick = key;
      }
      const queue = this.queues.get(pick!)!;
      const waiting = queue.shift()!;
      if (!queue.length) this.queues.delete(pick!);
      this.start(pick!);
      waiting.start();
    }
  }

  /** Whether `a` goes before `b`: served longer ago (never served: first). One turn per colleague per round. */
  private before(a: string, b: string): boolean {
    return (this.lastServed.get(a) ?? 0) < (this.lastServed.get(b) ?? 0);
  }
}
