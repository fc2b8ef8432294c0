/** What only the quick-action forms share (loaded with them, not with the card's toolbar): busy state, keys, submit. */
import type { ComponentChildren, TargetedEvent, TargetedKeyboardEvent } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { ErrorInfo } from '../../protocol/schemas';
import { t } from '../i18n';
import type { Outcome } from './shared';

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
