/** How the panel writes: every action goes to the worker's persisted outbox under an id chosen here. */
import type { ActionInput, OutboxEntry } from '../protocol/actions';
import type { Call } from '../protocol/client';

export function newId(): string {
  return crypto.randomUUID();
}

/** Queues the action and resolves with its finished entry (done, failed, or "may have been sent"). */
export function submitAction(call: Call, action: ActionInput, batchId?: string): Promise<OutboxEntry> {
  return call('outbox/submit', { id: newId(), action, ...(batchId ? { batchId } : {}) });
}
