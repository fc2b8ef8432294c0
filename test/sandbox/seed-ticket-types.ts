/**
 * Three ticket types in the shape of `GET /ticket_types` (API 2.14).
 *
 * The description disagrees with itself on the attribute list: the `ticket_type_attribute_list` schema
 * (and the SDK) say `{type, ticket_type_attributes: [...]}`, the recorded example says
 * `{type: "list", data: [...]}`. We send both keys holding the same array so either reader works.
 */
import type { TicketTypeJson } from './state';

type AttrSpec = { name: string; data_type: string; description: string; input_options: Record<string, unknown>; required?: boolean };

const DEFAULT_ATTRS: AttrSpec[] = [
  { name: '_default_title_', data_type: 'string', description: '', input_options: { multiline: false } },
  { name: '_default_description_', data_type: 'string', description: '', input_options: { multiline: true } },
];

const TYPES: { id: string; name: string; description: string; icon: string; category: 'Customer' | 'Back-office' | 'Tracker'; attrs: AttrSpec[] }[] = [
  {
    id: '4401',
    name: 'Bug report',
    description: 'Something in the product is broken',
    icon: '🐞',
    category: 'Customer',
    attrs: [
      { name: 'Severity', data_type: 'list', description: 'How bad is it?', required: true, input_options: { list_options: [{ label: 'Low', id: 'sev-low' }, { label: 'Medium', id: 'sev-medium' }, { label: 'High', id: 'sev-high' }, { label: 'Critical', id: 'sev-critical' }] } },
      { name: 'Affected URL', data_type: 'string', description: 'Where it happens', input_options: { multiline: false } },
    ],
  },
  {
    id: '4402',
    name: 'Billing question',
    description: 'Invoices, refunds and payment methods',
    icon: '💳',
    category: 'Customer',
    attrs: [
      { name: 'Invoice number', data_type: 'string', description: 'As printed on the invoice', input_options: { multiline: false } },
      { name: 'Amount disputed', data_type: 'decimal', description: 'In the invoice currency', input_options: {} },
    ],
  },
  {
    id: '4403',
    name: 'Feature request',
    description: 'Ideas from customers, tracked for the product team',
    icon: '💡',
    category: 'Tracker',
    attrs: [
      { name: 'Product area', data_type: 'list', description: 'Which part of the product', input_options: { list_options: [{ label: 'Reporting', id: 'area-reporting' }, { label: 'Integrations', id: 'area-integrations' }, { label: 'Mobile', id: 'area-mobile' }] } },
    ],
  },
];

const STATES = [
  ['submitted', 'Submitted', 'Submitted'],
  ['in_progress', 'In progress', 'In progress'],
  ['waiting_on_customer', 'Waiting on customer', 'Waiting on you'],
  ['resolved', 'Resolved', 'Resolved'],
] as const;

export function buildTicketTypes(workspaceId: string, createdAt: number): TicketTypeJson[] {
  let attrId = 9100;
  return TYPES.map((t, ti) => {
    const attributes = [...DEFAULT_ATTRS, ...t.attrs].map((a, order) => ({
      type: 'ticket_type_attribute',
      id: String(attrId++),
      workspace_id: workspaceId,
      name: a.name,
      description: a.description,
      data_type: a.data_type,
      input_options: a.input_options,
      order,
      required_to_create: a.required ?? false,
      required_to_create_for_contacts: false,
      visible_on_create: true,
      visible_to_contacts: t.category !== 'Tracker',
      default: a.name.startsWith('_default_'),
      ticket_type_id: Number(t.id),
      archived: false,
      created_at: createdAt + ti * 3_600,
      updated_at: createdAt + ti * 3_600,
    }));
    return {
      type: 'ticket_type',
      id: t.id,
      category: t.category,
      name: t.name,
      description: t.description,
      icon: t.icon,
      workspace_id: workspaceId,
      archived: false,
      is_internal: t.category === 'Tracker',
      created_at: createdAt + ti * 3_600,
      updated_at: createdAt + ti * 3_600,
      ticket_type_attributes: { type: 'list', data: attributes, ticket_type_attributes: attributes },
      ticket_states: {
        type: 'list',
        data: STATES.map(([category, internal, external], si) => ({
          type: 'ticket_state',
          id: String(8300 + ti * 10 + si),
          category,
          internal_label: internal,
          external_label: external,
        })),
      },
    };
  });
}
