/**
 * The "open the first card" command: once asked, waits for the page's people to be looked up and opens the
 * first one, in page order, whom Intercom knows — or says no one is.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ContactView, ErrorInfo, ScanState } from '../protocol/schemas';

export function useFirstCard(
  scan: ScanState | null,
  known: Record<string, ContactView | null>,
  lookupError: ErrorInfo | null,
  onFound: (contact: ContactView, email: string) => void,
) {
  const [wanted, setWanted] = useState(false);
  const [none, setNone] = useState(false);
  useEffect(() => {
    if (!wanted || scan === null || scan.status === 'pending') return;
    for (const email of scan.status === 'ok' ? scan.emails : []) {
      const contact = known[email];
      if (contact === undefined && lookupError === null) return; // not answered yet: wait, to keep page order
      if (contact) {
        setWanted(false);
        onFound(contact, email);
        return;
      }
    }
    setWanted(false);
    setNone(true);
  }, [wanted, scan, known, lookupError]);
  return {
    /** No one on the page is in Intercom (shown until the next request). */
    none,
    /** Asks (true) or forgets (false) the first card. */
    want(yes: boolean) {
      setWanted(yes);
      setNone(false);
    },
  };
}
