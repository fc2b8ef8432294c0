/** Pending and failed actions with their reason and a "Retry" button (built in src/widget/outbox/). */
export function OutboxPanel() {
  return null;
}
