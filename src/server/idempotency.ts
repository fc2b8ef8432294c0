/**
 * Every write carries a request id (the queued action's id, else the Idempotency-Key header). The first
 * attempt's answer is kept here, as a promise, so a repeat — while the first is still running or after it
 * ended — gets that same answer and Intercom never sees the write twice.
 *
 * The window is in this process's memory: bounded (oldest keys go first) and timed (24 h by default). With
 * several instances of the endpoint behind a load balancer, each has its own window: a repeat that lands on
 * another instance is sent again. Route a colleague to one instance (sticky sessions), or run one instance,
 * when that matters; a restart forgets the window too.
 */

export interface Remembered<T> {
  /** Whether the answer came from an earlier attempt. */
  repeat: boolean;
  answer: Promise<T>;
}

interface Slot<T> {
  at: number;
  fingerprint: string;
  answer: Promise<T>;
}

export class KeyMismatch extends Error {
  override name = 'KeyMismatch';
}

export class IdempotencyWindow<T> {
  private readonly slots = new Map<string, Slot<T>>();

  constructor(
    private readonly maxKeys = 10_000,
    private readonly ttlMs = 24 * 60 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The first attempt's answer for `key`, or `run()`'s when this is the first. `fingerprint` (the request's
   * input) must match the first attempt's: the same key for another write is refused with KeyMismatch.
   */
  remember(key: string, fingerprint: string, run: () => Promise<T>): Remembered<T> {
    const at = this.now();
    const slot = this.slots.get(key);
    if (slot && at - slot.at < this.ttlMs) {
      if (slot.fingerprint !== fingerprint) throw new KeyMismatch('This request id was already used for another request.');
      return { repeat: true, answer: slot.answer };
    }
    this.slots.delete(key);
    const answer = run();
    this.slots.set(key, { at, fingerprint, answer });
    this.prune(at);
    return { repeat: false, answer };
  }

  /** Forgets a key whose attempt provably did nothing (refused before anything was sent), so it may be tried again. */
  forget(key: string, answer: Promise<T>): void {
    if (this.slots.get(key)?.answer === answer) this.slots.delete(key);
  }

  get size(): number {
    return this.slots.size;
  }

  private prune(at: number): void {
    // Insertion order is age order: expired keys and the oldest past the bound are at the front.
    for (const [key, slot] of this.slots) {
      if (this.slots.size <= this.maxKeys && at - slot.at < this.ttlMs) break;
      this.slots.delete(key);
    }
  }
}
