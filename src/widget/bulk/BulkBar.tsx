/** "Tag all" and "Create leads for all" over the people on the page (built in src/widget/bulk/). */
import type { ContactView } from '../../protocol/schemas';

export interface BulkBarProps {
  /** Every address on the page with what the lookup found (null: not in Intercom; undefined: not known yet). */
  rows: Array<{ email: string; contact: ContactView | null | undefined }>;
  onContacts: (updates: Record<string, ContactView>) => void;
}

export function BulkBar(_props: BulkBarProps) {
  return null;
}
