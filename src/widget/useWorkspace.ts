/**
 * The workspace around the card (admins, teams, tags, ticket types, the acting admin), fetched once per
 * transport and shared by every component of that host (two embedded cards with different endpoints never mix).
 */
import { useEffect, useState } from 'preact/hooks';
import type { WorkspaceView } from '../protocol/actions';
import { errorInfo, type Call } from '../protocol/client';
import type { ErrorInfo } from '../protocol/schemas';
import { useCall } from './host';

interface Shared {
  pending: Promise<WorkspaceView> | null;
  listeners: Set<(w: WorkspaceView) => void>;
}

let byCall = new WeakMap<Call, Shared>();

function sharedOf(call: Call): Shared {
  let s = byCall.get(call);
  if (!s) byCall.set(call, (s = { pending: null, listeners: new Set() }));
  return s;
}

export function loadWorkspace(call: Call, refresh = false): Promise<WorkspaceView> {
  const shared = sharedOf(call);
  if (!shared.pending || refresh) {
    const pending = call('workspace/info', { refresh });
    shared.pending = pending;
    pending.then((w) => shared.listeners.forEach((l) => l(w))).catch(() => {
      if (shared.pending === pending) shared.pending = null;
    });
    return pending;
  }
  return shared.pending;
}

/** For tests: forget what was fetched. */
export function resetWorkspace(): void {
  byCall = new WeakMap();
}

export function useWorkspace(): { workspace: WorkspaceView | null; error: ErrorInfo | null; refresh: () => void } {
  const call = useCall();
  const [workspace, setWorkspace] = useState<WorkspaceView | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  useEffect(() => {
    let live = true;
    const { listeners } = sharedOf(call);
    listeners.add(setWorkspace);
    loadWorkspace(call)
      .then((w) => live && setWorkspace(w))
      .catch((e: unknown) => live && setError(errorInfo(e)));
    return () => {
      live = false;
      listeners.delete(setWorkspace);
    };
  }, [call]);
  return { workspace, error, refresh: () => void loadWorkspace(call, true).catch(() => undefined) };
}
