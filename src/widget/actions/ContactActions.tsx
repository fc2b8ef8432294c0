/** The quick actions on a contact's card (built in src/widget/actions/). */
import type { ContactView } from '../../protocol/schemas';

export interface ContactActionsProps {
  contact: ContactView;
  /** The card shows the contact as the worker last answered it. */
  onContact: (c: ContactView) => void;
}

export function ContactActions(_props: ContactActionsProps) {
  return null;
}
