/** The quick actions on a contact's card: a row of buttons, each opening its form inline, one at a time. */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ContactView, NamedRef } from '../../protocol/schemas';
import { listText, t } from '../i18n';
import { WriteButton } from '../WriteButton';
import type { QuickKey } from '../keys';
import { changeTag, Problem, type FormProps, type Gone, type Outcome, type Status } from './shared';
import { lazyForm, type LazyForm } from './lazy';
import { activeElementOf } from '../dom';
import { useCall } from '../host';
import { useWorkspace } from '../useWorkspace';

export interface ContactActionsProps {
  contact: ContactView;
  /** The card shows the contact as the worker last answered it. */
  onContact: (c: ContactView) => void;
  /** A form open from the start. */
  initialAction?: QuickKey;
  /** Open this form now (a shortcut key on an open card); each new nonce asks again. */
  request?: { kind: QuickKey; nonce: number } | null;
  /** The contact was deleted, or merged into a user: the card says so. */
  onGone?: (g: Gone) => void;
}

const KINDS = ['tag', 'message', 'ticket', 'note', 'convert', 'edit', 'company', 'event', 'merge', 'delete'] as const;
type Kind = (typeof KINDS)[number];

// Every form loads apart from the card (the card's first paint goes without them), and is fetched once the card
// has painted (preloadForms), so a form opens at once when asked for.
const FORMS: Record<Kind, { label: string; Form: ((p: FormProps) => JSX.Element) | LazyForm }> = {
  tag: { label: 'qa_tag', Form: lazyForm(() => import('./TagForm').then((m) => m.TagForm)) },
  message: { label: 'qa_message', Form: lazyForm(() => import('./MessageForm').then((m) => m.MessageForm)) },
  ticket: { label: 'qa_ticket', Form: lazyForm(() => import('./TicketForm').then((m) => m.TicketForm)) },
  note: { label: 'qa_note', Form: lazyForm(() => import('./NoteForm').then((m) => m.NoteForm)) },
  convert: { label: 'qa_convert', Form: lazyForm(() => import('./ConvertForm').then((m) => m.ConvertForm)) },
  edit: { label: 'qa_edit', Form: lazyForm(() => import('./EditForm').then((m) => m.EditForm)) },
  company: { label: 'qa_company', Form: lazyForm(() => import('./CompanyForm').then((m) => m.CompanyForm)) },
  event: { label: 'qa_event', Form: lazyForm(() => import('./EventForm').then((m) => m.EventForm)) },
  merge: { label: 'qa_merge', Form: lazyForm(() => import('./MergeForm').then((m) => m.MergeForm)) },
  delete: { label: 'qa_delete', Form: lazyForm(() => import('./DeleteForm').then((m) => m.DeleteForm)) },
};

/** Fetches every lazily loaded form (the card does after its first paint; tests before they open one). */
export function preloadForms(): Promise<unknown> {
  return Promise.all(Object.values(FORMS).map(({ Form }) => ('preload' in Form ? Form.preload() : undefined)));
}

/** The write each quick action sends, as the worker names it when Intercom refuses it. */
const WRITE_OF: Record<Kind, string> = {
  tag: 'contact.tag',
  message: 'contact.message',
  ticket: 'contact.ticket',
  note: 'contact.note',
  convert: 'contact.convert',
  edit: 'contact.update',
  company: 'contact.attach-company',
  event: 'contact.event',
  merge: 'contact.merge',
  delete: 'contact.delete',
};

/** How long "Undo" stays after a tag is added. */
export const UNDO_MS = 5000;

export function ContactActions({ contact, onContact, initialAction, request, onGone }: ContactActionsProps) {
  const call = useCall();
  const [open, setOpen] = useState<Kind | null>(initialAction ?? request?.kind ?? null);
  const [status, setStatus] = useState<Status | null>(null);
  const [undo, setUndo] = useState<NamedRef | null>(null);
  const [undoProblem, setUndoProblem] = useState<Extract<Outcome, { ok: false }> | null>(null);
  const buttons = useRef<Partial<Record<Kind, HTMLButtonElement | null>>>({});
  const pane = useRef<HTMLDivElement>(null);
  // The latest contact, for an Undo clicked after the card has changed.
  const latest = useRef(contact);
  latest.current = contact;

  // A write Intercom refused to this token is not offered again (the worker learned it when it was tried).
  const { workspace } = useWorkspace();
  const refused = new Set(workspace?.refusedWrites ?? []);
  // The open form stays (with Intercom's refusal in it) until it is closed.
  const withheld = KINDS.filter((k) => refused.has(WRITE_OF[k]) && k !== open);
  const kinds = KINDS.filter((k) => ((k !== 'convert' && k !== 'merge') || contact.role === 'lead') && !withheld.includes(k));

  useEffect(() => {
    // After the first paint, while the user reads the card: a form asked for later opens without waiting.
    const timer = setTimeout(() => void preloadForms().catch(() => undefined), 0);
    return () => clearTimeout(timer);
  }, []);

  const shownId = useRef(contact.id);
  useEffect(() => {
    // Another contact: its forms start closed (the first contact keeps `initialAction`).
    if (shownId.current === contact.id) return;
    shownId.current = contact.id;
    setOpen(null);
    setStatus(null);
    setUndo(null);
    setUndoProblem(null);
  }, [contact.id]);
  // A field to type in comes first (a form may start with buttons, like the Tag form's current tags).
  const focusPane = (): boolean => {
    // A confirmation names its safe choice (`data-autofocus`: Cancel) as where focus starts.
    const target =
      pane.current?.querySelector<HTMLElement>('[data-autofocus]') ??
      pane.current?.querySelector<HTMLElement>('input:not([type="hidden"]), select, textarea') ??
      pane.current?.querySelector<HTMLElement>('button');
    target?.focus();
    return !!target;
  };
  useEffect(() => {
    if (!open || focusPane() || !pane.current) return;
    // The form is still loading (the Tag form waits for the workspace's tags): focus its field when it appears,
    // unless the user has moved on meanwhile — so what they type next is text, not a shortcut.
    const root = pane.current;
    const before = activeElementOf(root);
    const watcher = new MutationObserver(() => {
      if (activeElementOf(root) !== before) return watcher.disconnect();
      if (focusPane()) watcher.disconnect();
    });
    watcher.observe(pane.current, { childList: true, subtree: true });
    return () => watcher.disconnect();
  }, [open]);
  useEffect(() => {
    if (!request) return;
    if (open === request.kind) return void focusPane();
    setStatus(null);
    setUndo(null);
    setUndoProblem(null);
    setOpen(request.kind);
  }, [request?.nonce]);
  useEffect(() => {
    if (!undo) return;
    const timer = setTimeout(() => setUndo(null), UNDO_MS);
    return () => clearTimeout(timer);
  }, [undo]);

  const close = (kind: Kind) => {
    setOpen(null);
    buttons.current[kind]?.focus();
  };
  const toggle = (kind: Kind) => {
    if (open === kind) return close(kind);
    setStatus(null);
    setUndo(null);
    setUndoProblem(null);
    setOpen(kind);
  };
  const done = (kind: Kind) => (s: Status) => {
    setStatus(s);
    setUndo(s.undoTag ?? null);
    setUndoProblem(null);
    close(kind);
  };
  const runUndo = async (tag: NamedRef) => {
    setUndo(null);
    setStatus(null);
    const outcome = await changeTag(call, 'contact.untag', latest.current, tag, onContact);
    if (outcome.ok) setStatus({ text: t('qa_tagRemoved') });
    else setUndoProblem(outcome);
  };

  const current = open && kinds.includes(open) ? open : null;
  const Form = current ? FORMS[current].Form : null;
  return (
    <div class="qa">
      <div class="qa-toolbar" role="group" aria-label={t('qa_toolbar')}>
        {kinds.map((kind) => (
          <button
            key={kind}
            type="button"
            class={`btn btn-small${current === kind ? ' qa-current' : ''}`}
            ref={(b) => {
              buttons.current[kind] = b;
            }}
            aria-expanded={current === kind}
            aria-controls={current === kind ? 'qa-pane' : undefined}
            onClick={() => toggle(kind)}
          >
            {t(FORMS[kind].label)}
          </button>
        ))}
      </div>
      {withheld.length > 0 && (
        <p class="muted qa-withheld">{t('qa_withheld', listText(withheld.map((k) => t(FORMS[k].label))))}</p>
      )}
      {current && Form && (
        <div
          id="qa-pane"
          class="qa-pane"
          ref={pane}
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            // Esc here is the form's (the panel's own Esc goes back to the list); a list inside may have used it.
            e.stopPropagation();
            if (!e.defaultPrevented) close(current);
          }}
        >
          <Form key={current} contact={contact} onContact={onContact} onDone={done(current)} onClose={() => close(current)} onGone={onGone} />
        </div>
      )}
      <div class="qa-status" role="status" aria-live="polite">
        {status && (
          <p>
            {status.text} {status.extra}{' '}
            {undo && (
              <WriteButton class="btn btn-small" label={t('qa_undo')} onClick={() => void runUndo(undo)} />
            )}
          </p>
        )}
      </div>
      <Problem problem={undoProblem} />
    </div>
  );
}
