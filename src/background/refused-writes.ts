/**
 * Writes Intercom refused to this token (403: the app lacks that permission), learned when one is tried — a
 * check cannot try writes without changing something. Per live connection: another token starts with none.
 * The card then stops offering them (WorkspaceView.refusedWrites).
 */
import type { Action } from '../protocol/actions';
import type { Session } from '../core/session';

const refused = new WeakMap<Session, Set<Action['kind']>>();

export function noteRefusedWrite(s: Session, kind: Action['kind']): void {
  let set = refused.get(s);
  if (!set) refused.set(s, (set = new Set()));
  set.add(kind);
}

export function refusedWrites(s: Session): Action['kind'][] {
  return [...(refused.get(s) ?? [])];
}
