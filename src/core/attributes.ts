/** The workspace's contact data attributes, as the card's editor shows them; cached for a while per connection. */
import type { AttributeType, AttributeView, ContactAttributes } from '../protocol/edits';
import { listDataAttributes, type DataAttributeData } from './intercom/data-attributes';
import type { Session } from './session';

export const ATTRIBUTES_TTL_MS = 5 * 60_000;
const TYPES: AttributeType[] = ['string', 'integer', 'float', 'boolean', 'date'];

const cache = new WeakMap<Session, { at: number; view: Promise<ContactAttributes> }>();

export function attributeView(a: DataAttributeData): AttributeView | null {
  if (a.archived) return null;
  const type = TYPES.find((t) => t === a.data_type);
  if (!type) return null;
  const custom = !!a.custom;
  // A nested standard attribute (`location.city`) is not a field of the contact the editor could set.
  if (!custom && (a.full_name ?? a.name).includes('.')) return null;
  return {
    name: a.name,
    label: a.label || a.name,
    description: a.description || null,
    type,
    options: (a.options ?? []).filter((o) => typeof o === 'string'),
    writable: a.api_writable !== false,
    custom,
  };
}

export function contactAttributes(s: Session, refresh = false, now = Date.now()): Promise<ContactAttributes> {
  const cached = cache.get(s);
  if (cached && !refresh && now - cached.at < ATTRIBUTES_TTL_MS) return cached.view;
  const view = listDataAttributes(s.http, 'contact').then((list) => ({
    attributes: list.map(attributeView).filter((a): a is AttributeView => a !== null),
  }));
  cache.set(s, { at: now, view });
  view.catch(() => {
    if (cache.get(s)?.view === view) cache.delete(s);
  });
  return view;
}
