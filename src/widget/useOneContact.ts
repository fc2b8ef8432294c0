/**
 * One address's card, wherever it is shown alone (the in-page card, the embedded element): looks the address
 * up, keeps the contact the card last changed, creates the lead for an unknown address, and tries again.
 */
import { useEffect, useState } from 'preact/hooks';
import { errorInfo } from '../protocol/client';
import type { ContactView, ErrorInfo } from '../protocol/schemas';
import { useCall } from './host';

export interface OneContact {
  /** undefined while looking up; null: not in Intercom. */
  contact: ContactView | null | undefined;
  setContact: (c: ContactView) => void;
  error: ErrorInfo | null;
  creating: boolean;
  createLead: () => Promise<void>;
  retry: () => void;
}

/** `email` null: nothing to look up (the host says why). */
export function useOneContact(email: string | null): OneContact {
  const call = useCall();
  const [contact, setContact] = useState<ContactView | null | undefined>(undefined);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [creating, setCreating] = useState(false);
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    if (!email) return;
    let live = true;
    setError(null);
    setContact(undefined);
    call('contacts/lookup', { emails: [email] })
      .then((r) => live && setContact(r.contacts[email] ?? null))
      .catch((e: unknown) => live && setError(errorInfo(e)));
    return () => {
      live = false;
    };
  }, [email, call, nonce]);

  const createLead = async () => {
    if (!email) return;
    setCreating(true);
    setError(null);
    try {
      setContact(await call('contacts/create-lead', { email }));
    } catch (e) {
      setError(errorInfo(e));
    } finally {
      setCreating(false);
    }
  };

  return { contact, setContact, error, creating, createLead, retry: () => setNonce((n) => n + 1) };
}
