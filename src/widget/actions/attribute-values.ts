/**
 * A data attribute's value in a form field and back: the control each type gets, and the value Intercom takes
 * from what was typed (dates are Unix seconds, a list takes one of its options). Pure: no DOM, no calls.
 */
import type { AttributeType, AttributeView } from '../../protocol/edits';

export type Scalar = string | number | boolean | null;
export type Control = 'text' | 'integer' | 'number' | 'checkbox' | 'date' | 'select';
export type FieldValue = string | boolean;

/** The control an attribute gets: a list's options in a select, otherwise one per type. */
export function controlFor(type: AttributeType, options: readonly string[] = []): Control {
  if (options.length && type !== 'boolean') return 'select';
  switch (type) {
    case 'integer':
      return 'integer';
    case 'float':
      return 'number';
    case 'boolean':
      return 'checkbox';
    case 'date':
      return 'date';
    default:
      return 'text';
  }
}

/** A value's type when the workspace's attributes could not be read: what the value itself is. */
export function typeOfValue(v: Scalar): AttributeType {
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return 'float';
  return 'string';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** What a field shows for a stored value. Dates (Unix seconds) as the UTC day, YYYY-MM-DD. */
export function toField(type: AttributeType, v: Scalar): FieldValue {
  if (type === 'boolean') return v === true;
  if (v === null || v === undefined) return '';
  if (type === 'date' && typeof v === 'number' && Number.isFinite(v)) {
    const d = new Date(v * 1000);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  }
  return String(v);
}

/** The value to send for a field, or `invalid` when it is not one of this type (nothing is sent then). */
export function fromField(type: AttributeType, field: FieldValue, options: readonly string[] = []): { ok: true; value: Scalar } | { ok: false } {
  if (type === 'boolean') return { ok: true, value: field === true };
  const text = typeof field === 'string' ? field.trim() : '';
  if (text === '') return { ok: true, value: null };
  switch (type) {
    case 'integer': {
      const n = Number(text);
      return Number.isSafeInteger(n) ? { ok: true, value: n } : { ok: false };
    }
    case 'float': {
      const n = Number(text);
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false };
    }
    case 'date': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
      if (!m) return { ok: false };
      const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
      const back = new Date(ms);
      if (back.getUTCDate() !== Number(m[3]) || back.getUTCMonth() !== Number(m[2]) - 1) return { ok: false };
      return { ok: true, value: Math.floor(ms / 1000) };
    }
    default:
      if (options.length && !options.includes(text)) return { ok: false };
      return { ok: true, value: typeof field === 'string' ? field : text };
  }
}

/** The attribute a contact's key stands for: the workspace's description, or one made up from the value. */
export function attributeFor(key: string, value: Scalar, known: readonly AttributeView[] | null): AttributeView {
  const found = known?.find((a) => a.custom && a.name === key);
  return found ?? { name: key, label: key, description: null, type: typeOfValue(value), options: [], writable: true, custom: true };
}
