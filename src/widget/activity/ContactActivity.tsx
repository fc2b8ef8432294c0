/** A contact's open conversations and tickets, with their actions (built in src/widget/activity/). */
import type { ContactView } from '../../protocol/schemas';

export function ContactActivity(_props: { contact: ContactView }) {
  return null;
}
