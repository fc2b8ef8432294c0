/**
 * What the toolbar and every quick-action form share: sending through the outbox and showing what went wrong.
 * What only the forms use (the busy state, the form's keys, the submit button) is in ./form, loaded with them.
 */
import type { ComponentChildren } from 'preact';
import type { ActionInput, OutboxEntry } from '../../protocol/actions';
import { errorInfo, type Call } from '../../protocol/client';
import type { ContactView, ErrorInfo, NamedRef } from '../../protocol/schemas';
import { errorMessage } from '../errors';
import { useHost } from '../host';
import { ErrorState } from '../States';
import { CopyDetails } from '../CopyDetails';
import { submitAction } from '../submit';
import { loadWorkspace } from '../useWorkspace';

/** What the card says once an action is done. */
export interface Status {
  text: string;
  /** Shown after the text (a link to what was created). */
  extra?: ComponentChildren;
  /** A tag just added: the card offers to take it off again for a few seconds. */
  undoTag?: NamedRef;
}

export interface FormProps {
  contact: ContactView;
  onContact: (c: ContactView) => void;
  /** The action is done: close the form and say so. */
  onDone: (s: Status) => void;
  /** Close the form without doing anything (Cancel). */
  onClose?: () => void;
  /** The contact no longer exists in Intercom: deleted, or merged into the user `into`. */
  onGone?: (g: Gone) => void;
}

export type Gone = { kind: 'deleted' } | { kind: 'merged'; into: ContactView };

export type Outcome = { ok: true; entry: OutboxEntry } | { ok: false; error: ErrorInfo; uncertain: boolean };

/** Submits one action and waits for its end. The card gets the worker's new contact whenever there is one. */
export async function send(call: Call, action: ActionInput, onContact?: (c: ContactView) => void): Promise<Outcome> {
  let entry: OutboxEntry;
  try {
    entry = await submitAction(call, action);
  } catch (e) {
    return { ok: false, error: errorInfo(e), uncertain: false };
  }
  if (entry.result?.contact) onContact?.(entry.result.contact);
  // Refused to this token: the worker now knows, and the card stops offering it.
  if (entry.error?.code === 'forbidden') void loadWorkspace(call, true).catch(() => undefined);
  if (entry.state === 'done') return { ok: true, entry };
  if (entry.state === 'uncertain') return { ok: false, error: entry.error ?? { code: 'uncertain' }, uncertain: true };
  return { ok: false, error: entry.error ?? { code: 'internal' }, uncertain: false };
}

/** Adds or removes a tag, showing the change at once and taking it back if it did not happen. */
export async function changeTag(
  call: Call,
  kind: 'contact.tag' | 'contact.untag',
  contact: ContactView,
  tag: NamedRef,
  onContact: (c: ContactView) => void,
): Promise<Outcome> {
  const tags =
    kind === 'contact.tag'
      ? contact.tags.some((x) => x.id === tag.id)
        ? contact.tags
        : [...contact.tags, tag]
      : contact.tags.filter((x) => x.id !== tag.id);
  const optimistic = { ...contact, tags };
  onContact(optimistic);
  const outcome = await send(call, { kind, contactId: contact.id, tagId: tag.id });
  if (outcome.ok) onContact(outcome.entry.result?.contact ?? optimistic);
  else onContact(contact);
  return outcome;
}

export function Problem({ problem }: { problem: { error: ErrorInfo; uncertain: boolean } | null }) {
  const { kind } = useHost();
  if (!problem) return null;
  if (problem.uncertain) {
    const error = problem.error.code === 'uncertain' ? problem.error : { ...problem.error, code: 'uncertain' as const };
    return (
      <div class="notice notice-error" role="alert">
        <p class="notice-title">{errorMessage(error, kind)}</p>
        <p class="notice-actions">
          <CopyDetails error={error} />
        </p>
      </div>
    );
  }
  return <ErrorState error={problem.error} />;
}
