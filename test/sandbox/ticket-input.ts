/**
 * Validation of `POST /tickets` `ticket_attributes` against the ticket type, like Intercom: every
 * attribute must belong to the type, `required_to_create` ones must be present, values must have the
 * attribute's data type, and list attributes take the id of one of their options.
 */
import { ApiError, invalid } from './errors';
import { isRecord } from './http';
import type { TicketAttributeValue, TicketTypeJson } from './state';

export interface TicketTypeAttribute {
  id: string;
  name: string;
  data_type: 'string' | 'list' | 'integer' | 'decimal' | 'boolean' | 'datetime' | 'files' | string;
  required_to_create: boolean;
  archived: boolean;
  input_options?: { list_options?: { id: string; label: string }[] } | null;
}

export function attributesOf(type: TicketTypeJson): TicketTypeAttribute[] {
  const list = type.ticket_type_attributes as { ticket_type_attributes?: TicketTypeAttribute[]; data?: TicketTypeAttribute[] } | undefined;
  return (list?.ticket_type_attributes ?? list?.data ?? []).filter((a) => !a.archived);
}

const A_AN = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

function checkValue(attr: TicketTypeAttribute, value: unknown, field: string): TicketAttributeValue {
  const bad = (what: string) => invalid(`Ticket attribute '${attr.name}' must be ${what}, got ${JSON.stringify(value)}`, field);
  switch (attr.data_type) {
    case 'string':
      if (typeof value !== 'string') throw bad('a string');
      return value;
    case 'list': {
      const options = attr.input_options?.list_options ?? [];
      if (typeof value !== 'string') throw bad('the id of one of its list options (a string)');
      if (!options.some((o) => o.id === value)) {
        throw invalid(`'${value}' is not an option of ticket attribute '${attr.name}'; use one of the option ids: ${options.map((o) => o.id).join(', ')}`, field);
      }
      return value;
    }
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw bad('an integer');
      return value;
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw bad('a decimal number');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw bad('a boolean');
      return value;
    case 'datetime':
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return value;
      throw bad('a date-time (Unix seconds or ISO 8601)');
    case 'files':
      if (!Array.isArray(value)) throw bad('an array of files');
      return value;
    default:
      throw bad(A_AN(attr.data_type));
  }
}

/** The validated attributes (unknown keys, missing required values and wrong types are 400s). */
export function readTicketAttributes(type: TicketTypeJson, raw: unknown): Record<string, TicketAttributeValue> {
  if (raw !== undefined && raw !== null && !isRecord(raw)) throw invalid('ticket_attributes must be an object', 'ticket_attributes');
  const given = raw ?? {};
  const attrs = attributesOf(type);
  const out: Record<string, TicketAttributeValue> = {};
  for (const key of Object.keys(given)) {
    if (!attrs.some((a) => a.name === key)) {
      throw invalid(`'${key}' is not an attribute of ticket type '${type.name}' (${attrs.map((a) => a.name).join(', ')})`, `ticket_attributes.${key}`);
    }
  }
  for (const attr of attrs) {
    const field = `ticket_attributes.${attr.name}`;
    const value = given[attr.name];
    const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty) {
      if (attr.required_to_create) {
        throw new ApiError(400, [{ code: 'parameter_not_found', message: `Ticket attribute '${attr.name}' is required to create a '${type.name}' ticket`, field }]);
      }
      if (value !== undefined) out[attr.name] = null;
      continue;
    }
    out[attr.name] = checkValue(attr, value, field);
  }
  return out;
}
