/** What every quick-action form shares: sending through the outbox, the outcome, and the form's keys. */
import type { ComponentChildren, TargetedEvent, TargetedKeyboardEvent } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { ActionInput, OutboxEntry } from '../../protocol/actions';
import { errorInfo, type Call } from '../../protocol/client';
import type { ContactView, ErrorInfo, NamedRef } from '../../protocol/schemas';
import { errorMessage } from '../errors';
import { useHost } from '../host';
import { t } from '../i18n';
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

/** Busy while an action runs; what went wrong when it did not end well. */
export function useOutcome() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ error: ErrorInfo; uncertain: boolean } | null>(null);
  const live = useRef(true);
  const track = async (run: () => Promise<Outcome>): Promise<Outcome> => {
    setBusy(true);
    setProblem(null);
    const outcome = await run();
    if (live.current) {
      setBusy(false);
      if (!outcome.ok) setProblem({ error: outcome.error, uncertain: outcome.uncertain });
    }
    return outcome;
  };
  const fail = (error: ErrorInfo) => setProblem({ error, uncertain: false });
  return { busy, problem, track, fail, clear: () => setProblem(null) };
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

interface ActionFormProps {
  label: string;
  /** A form with a textarea: Enter writes a new line, Ctrl+Enter (⌘+Enter) submits. Otherwise Enter submits too. */
  multiline?: boolean;
  onSubmit: () => void;
  children: ComponentChildren;
  class?: string;
}

/** A form that checks its required fields itself (no browser bubbles) and knows the submit keys. */
export function ActionForm({ label, multiline = false, onSubmit, children, class: cls }: ActionFormProps) {
  const [invalid, setInvalid] = useState(false);
  const submit = (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const bad = [...form.elements].find(
      (el): el is HTMLInputElement => 'checkValidity' in el && !(el as HTMLInputElement).checkValidity(),
    );
    if (bad) {
      setInvalid(true);
      bad.focus();
      return;
    }
    setInvalid(false);
    onSubmit();
  };
  const onKeyDown = (e: TargetedKeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Enter' || e.isComposing || e.defaultPrevented) return;
    const target = e.target as HTMLElement;
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      e.currentTarget.requestSubmit();
      return;
    }
    if (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type)) {
      e.preventDefault();
      if (!multiline) e.currentTarget.requestSubmit();
    }
  };
  return (
    <form class={`qa-form ${cls ?? ''}`} aria-label={label} noValidate onSubmit={submit} onKeyDown={onKeyDown}>
      {children}
      {invalid && (
        <p class="qa-invalid" role="alert">
          {t('qa_required')}
        </p>
      )}
    </form>
  );
}

export function SubmitButton({ busy, children }: { busy: boolean; children: ComponentChildren }) {
  return (
    <button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy}>
      {children}
      {busy && <span class="qa-spinner" aria-hidden="true" />}
    </button>
  );
}
