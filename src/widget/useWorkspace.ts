/** The workspace around the panel (admins, teams, tags, ticket types, the acting admin), fetched once and shared. */
import { useEffect, useState } from 'preact/hooks';
import type { WorkspaceView } from '../protocol/actions';
import { call, errorInfo } from '../protocol/client';
import type { ErrorInfo } from '../protocol/schemas';

let shared: Promise<WorkspaceView> | null = null;
const listeners = new Set<(w: WorkspaceView) => void>();

export function loadWorkspace(refresh = false): Promise<WorkspaceView> {
  if (!shared || refresh) {
    const pending = call('workspace/info', { refresh });
    shared = pending;
    pending.then((w) => listeners.forEach((l) => l(w))).catch(() => {
      if (shared === pending) shared = null;
    });
  }
  return shared;
}

/** For tests: forget what was fetched. */
export function resetWorkspace(): void {
  shared = null;
}

export function useWorkspace(): { workspace: WorkspaceView | null; error: ErrorInfo | null; refresh: () => void } {
  const [workspace, setWorkspace] = useState<WorkspaceView | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  useEffect(() => {
    let live = true;
    listeners.add(setWorkspace);
    loadWorkspace()
      .then((w) => live && setWorkspace(w))
      .catch((e: unknown) => live && setError(errorInfo(e)));
    return () => {
      live = false;
      listeners.delete(setWorkspace);
    };
  }, []);
  return { workspace, error, refresh: () => void loadWorkspace(true).catch(() => undefined) };
}
