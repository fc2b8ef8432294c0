/**
 * The panel's single-key shortcuts, as in Intercom's inbox. `keyAction` is the whole mapping (pure, so it is
 * tested on its own); `usePanelKeys` listens on the window and runs what the panel gives it for each action.
 *
 * A shortcut never fires while the user types (text fields, selects, contenteditable), with Ctrl, Alt or ⌘
 * held, during IME composition, or when something else already handled the key (defaultPrevented), and never
 * inside an open menu, picker or dialog. Escape is the one key that also works from a text field (from one
 * with text in it, it first only leaves the field, so a draft is never thrown away by one key). The arrow keys
 * move through the list only from the list itself (or with nothing focused); elsewhere they keep scrolling.
 */
import { useEffect, useRef } from 'preact/hooks';

/** `leave`: Escape in a field holding a draft only leaves the field (a second Escape goes back). */
export type KeyAction = 'next' | 'prev' | 'back' | 'leave' | 'tag' | 'message' | 'ticket' | 'note' | 'search' | 'help';
/** The quick actions the letter keys open on a card. */
export type QuickKey = 'tag' | 'message' | 'ticket' | 'note';

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  isComposing?: boolean;
  defaultPrevented?: boolean;
  target?: EventTarget | null;
}

const SINGLE_KEYS: Record<string, KeyAction> = {
  j: 'next',
  ArrowDown: 'next',
  k: 'prev',
  ArrowUp: 'prev',
  t: 'tag',
  m: 'message',
  i: 'ticket',
  n: 'note',
  '/': 'search',
  '?': 'help',
};

/** Inputs where a key is not text: a letter pressed on one of these is a shortcut. */
const NON_TEXT_INPUTS = new Set(['checkbox', 'button', 'submit', 'reset', 'image', 'file', 'color']);
/** Widgets that own their keys (arrows, letters for type-ahead, Escape). */
const OWNS_KEYS = '[role="listbox"],[role="menu"],[role="menubar"],[role="combobox"],[role="tree"],[role="grid"],[role="radiogroup"],[role="tablist"],[role="slider"],[role="dialog"],[role="alertdialog"]';

function asElement(target: EventTarget | null | undefined): Element | null {
  return target && typeof (target as Element).closest === 'function' ? (target as Element) : null;
}

/** Whether keys pressed on this element are text the user is typing. */
export function isTyping(target: EventTarget | null | undefined): boolean {
  const el = asElement(target);
  if (!el) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !NON_TEXT_INPUTS.has((el as HTMLInputElement).type);
  const editable = el.closest('[contenteditable]');
  return !!editable && editable.getAttribute('contenteditable') !== 'false';
}

/** Whether the element is inside a menu, picker, listbox or dialog that handles its own keys. */
export function inKeyOwner(target: EventTarget | null | undefined): boolean {
  return !!asElement(target)?.closest(OWNS_KEYS);
}

/** Whether a text field holds something the user typed. */
function hasDraft(target: EventTarget | null | undefined): boolean {
  const el = asElement(target);
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return el.value.trim() !== '';
  return el?.tagName !== 'SELECT' && !!el?.closest('[contenteditable]')?.textContent?.trim();
}

/** The action a key press asks for, or null when the key is not a shortcut here. */
export function keyAction(e: KeyInput): KeyAction | null {
  if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.altKey || e.metaKey) return null;
  if (e.key === 'Escape') {
    if (inKeyOwner(e.target)) return null;
    return isTyping(e.target) && hasDraft(e.target) ? 'leave' : 'back';
  }
  if (isTyping(e.target) || inKeyOwner(e.target)) return null;
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    const el = asElement(e.target);
    if (el && el !== document.body && el !== document.documentElement && !el.closest('ul.contacts')) return null;
  }
  return SINGLE_KEYS[e.key] ?? null;
}

/** Each handler answers whether it did something; a key nothing used keeps its default (scrolling, …). */
export type KeyHandlers = Partial<Record<KeyAction, () => boolean>>;

/** Runs the panel's handlers for its shortcuts while `enabled`. */
export function usePanelKeys(handlers: KeyHandlers, enabled = true): void {
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const action = keyAction(e);
      const run = action ? current.current[action] : undefined;
      if (run?.()) e.preventDefault();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [enabled]);
}

/**
 * Moves focus through the people of the panel's contact lists that have a card (their row buttons, which stay
 * ordinary tab stops: focus is the selection); answers whether it moved. Rows of addresses Intercom does not
 * know are skipped, so Enter after j/k opens a card and never creates a lead.
 */
export function moveInLists(root: ParentNode, step: 1 | -1): boolean {
  const rows = [...root.querySelectorAll<HTMLElement>('ul.contacts > li button[data-contact-id]')];
  if (!rows.length) return false;
  const at = rows.indexOf(document.activeElement as HTMLElement);
  const next = at < 0 ? (step === 1 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, at + step));
  rows[next]!.focus();
  return true;
}
