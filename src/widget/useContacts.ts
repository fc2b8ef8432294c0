/** Looks up the addresses of a page and keeps what the worker answered, in page order. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { errorInfo } from '../protocol/client';
import type { ContactView, ErrorInfo } from '../protocol/schemas';
import { useCall } from './host';


/** `page`: the origin showing these addresses; the worker charges its background lookups to it. */
export function useContacts(emails: string[] | null, page?: string) {
  const call = useCall();
  const [known, setKnown] = useState<Record<string, ContactView | null>>({});
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [creating, setCreating] = useState<Set<string>>(new Set());
  const [actionError, setActionError] = useState<ErrorInfo | null>(null);
  const [nonce, setNonce] = useState(0);
  const asked = useRef(new Set<string>());

  useEffect(() => {
    if (!emails?.length) return;
    const need = emails.filter((e) => !asked.current.has(e));
    if (!need.length) return;
    for (const e of need) asked.current.add(e);
    let live = true;
    setError(null);
    call('contacts/lookup', { emails: need, priority: 'background', ...(page ? { page } : {}) })
      // Kept even if the page was reported again meanwhile: the next run skips these addresses (already asked),
      // so dropping the answer would leave them "Looking up…" for good.
      .then((r) => setKnown((prev) => ({ ...prev, ...r.contacts })))
      .catch((e: unknown) => {
        for (const email of need) asked.current.delete(email);
        // A superseded run's error belongs to an old page: ask again for whatever of it is still shown.
        if (live) setError(errorInfo(e));
        else setNonce((n) => n + 1);
      });
    return () => {
      live = false;
    };
  }, [emails, nonce]);

  const lookupOne = useCallback(async (email: string): Promise<ContactView | null> => {
    const r = await call('contacts/lookup', { emails: [email] });
    const contact = r.contacts[email] ?? null;
    setKnown((prev) => ({ ...prev, [email]: contact }));
    return contact;
  }, []);

  /** Several addresses asked for by the user (the right-click menu's selection). */
  const lookupMany = useCallback(async (emails: string[]): Promise<Record<string, ContactView | null>> => {
    const r = await call('contacts/lookup', { emails });
    const found = Object.fromEntries(emails.map((e) => [e, r.contacts[e] ?? null]));
    setKnown((prev) => ({ ...prev, ...found }));
    return found;
  }, []);

  /** `name`: the name the page showed beside the address, if any. */
  const createLead = useCallback(async (email: string, name?: string) => {
    setCreating((s) => new Set(s).add(email));
    setActionError(null);
    try {
      const contact = await call('contacts/create-lead', name ? { email, name } : { email });
      setKnown((prev) => ({ ...prev, [email]: contact }));
    } catch (e) {
      setActionError(errorInfo(e));
    } finally {
      setCreating((s) => {
        const next = new Set(s);
        next.delete(email);
        return next;
      });
    }
  }, []);

  const retry = useCallback(() => setNonce((n) => n + 1), []);
  return { known, error, creating, actionError, lookupOne, lookupMany, createLead, retry, setKnown };
}
