/**
 * `GET /data_attributes?model=contact|company|conversation&include_archived=…` (schema `data_attribute_list`):
 * the workspace's standard attributes with Intercom's own labels and `api_writable` flags, then its custom data
 * attributes (`custom: true`, `full_name: custom_attributes.<name>`, a list-type one with its `options`). Custom
 * attributes are the contacts' only; companies get their standard ones, conversations none.
 */
import { invalid } from '../errors';
import type { Route } from '../http';
import type { AttributeMeta, SandboxState } from '../state';
import type { FieldType } from '../search';

type Std = [name: string, label: string, type: FieldType, apiWritable: boolean, description: string];

/** The standard contact attributes, as Intercom lists them (a subset: the ones a contact card deals with). */
const CONTACT_STANDARD: Std[] = [
  ['name', 'Name', 'string', true, 'The name of the contact'],
  ['email', 'Email', 'string', true, 'The email address of the contact'],
  ['phone', 'Phone', 'string', true, 'The phone number of the contact'],
  ['external_id', 'User ID', 'string', true, 'A unique identifier for the contact that you have provided'],
  ['role', 'Role', 'string', false, 'The role of the contact: user or lead'],
  ['owner_id', 'Owner', 'integer', true, 'The id of the admin who owns the contact'],
  ['unsubscribed_from_emails', 'Unsubscribed from emails', 'boolean', true, 'Whether the contact is unsubscribed from emails'],
  ['signed_up_at', 'Signed up', 'date', true, 'The time the user signed up'],
  ['last_seen_at', 'Last seen', 'date', true, 'The last time the contact was seen'],
  ['created_at', 'First seen', 'date', false, 'The time the contact was created'],
  ['updated_at', 'Updated at', 'date', false, 'The last time the contact was updated'],
  ['id', 'ID', 'string', false, 'The Intercom defined id representing the contact'],
];

const COMPANY_STANDARD: Std[] = [
  ['name', 'Company name', 'string', true, 'The name of a company'],
  ['company_id', 'Company ID', 'string', false, 'A number identifying a company'],
  ['monthly_spend', 'Monthly Spend', 'float', true, 'The monthly revenue you receive from a company'],
  ['size', 'Company size', 'integer', true, 'The number of people employed in this company, expressed as a single number'],
  ['industry', 'Company industry', 'string', true, "The category or domain this company belongs to e.g. 'ecommerce' or 'SaaS'"],
  ['website', 'Company website', 'string', true, "The web address for the company's primary marketing site"],
  ['user_count', 'People', 'integer', false, 'The number of people in a company'],
];

function standard(model: string, rows: Std[]) {
  return rows.map(([name, label, type, apiWritable, description]) => ({
    type: 'data_attribute',
    name,
    full_name: name,
    label,
    description,
    data_type: type,
    api_writable: apiWritable,
    ui_writable: apiWritable,
    messenger_writable: false,
    custom: false,
    archived: false,
    model,
  }));
}

function custom(state: SandboxState, includeArchived: boolean) {
  return Object.entries(state.contactAttributes).flatMap(([name, type], i) => {
    const meta: AttributeMeta = state.contactAttributeMeta[name] ?? {};
    if (meta.archived && !includeArchived) return [];
    return [
      {
        id: 1000 + i,
        type: 'data_attribute',
        name,
        full_name: `custom_attributes.${name}`,
        label: meta.label ?? name,
        description: meta.description ?? '',
        data_type: type,
        ...(meta.options ? { options: [...meta.options] } : {}),
        api_writable: meta.apiWritable ?? true,
        ui_writable: true,
        messenger_writable: false,
        custom: true,
        archived: meta.archived ?? false,
        admin_id: state.meAdminId,
        created_at: state.app.created_at,
        updated_at: state.app.created_at,
        model: 'contact',
      },
    ];
  });
}

export const dataAttributeRoutes: Route[] = [
  {
    method: 'GET',
    path: '/data_attributes',
    handler(ctx) {
      const model = ctx.query.get('model') ?? 'contact';
      const archived = ctx.query.get('include_archived');
      if (archived !== null && archived !== 'true' && archived !== 'false') throw invalid('include_archived must be a boolean', 'include_archived');
      let data: unknown[];
      if (model === 'contact') data = [...standard('contact', CONTACT_STANDARD), ...custom(ctx.state, archived === 'true')];
      else if (model === 'company') data = standard('company', COMPANY_STANDARD);
      // The description accepts model=conversation but its data_attribute schema knows only contact and company
      // models: this workspace has no conversation attributes, which answers the request and stays in the schema.
      else if (model === 'conversation') data = [];
      else throw invalid("model must be one of 'contact', 'company', 'conversation'", 'model');
      return { body: { type: 'list', data } };
    },
  },
];
