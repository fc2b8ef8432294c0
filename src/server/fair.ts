/**
 * Fair share per colleague. Everyone behind the endpoint spends one Intercom budget through one limiter, so
 * a colleague who sends a hundred calls at once must not make everyone else wait behind them. Calls run at
 * most `maxInFlight` at a time; when a slot frees up, the next call is taken from the next colleague in turn
 * (round-robin over those with calls waiting), not from the longest queue. One colleague may keep at most
 * `maxQueuedPerKey` calls waiting; more are refused at once (the endpoint answers 429) rather than queued.
 */

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
  /** Waiting calls per key; the map's order is the round-robin order (a served key moves to the end). */
  private readonly queues = new Map<string, Waiting[]>();
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
      this.active++;
    } else {
      const queue = this.queues.get(key) ?? [];
      if (queue.length >= this.maxQueuedPerKey) throw new QueueFull(this.retryAfterSeconds);
      await new Promise<void>((start) => {
        queue.push({ start });
        if (!this.queues.has(key)) this.queues.set(key, queue);
      });
    }
    try {
      return await task();
    } finally {
      this.active--;
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

  private next(): void {
    while (this.active < this.maxInFlight && this.queues.size) {
      const [key, queue] = this.queues.entries().next().value as [string, Waiting[]];
      const waiting = queue.shift()!;
      // The served key goes to the back of the line; a key with nothing left waiting leaves it.
      this.queues.delete(key);
      if (queue.length) this.queues.set(key, queue);
      this.active++;
      waiting.start();
    }
  }
}
