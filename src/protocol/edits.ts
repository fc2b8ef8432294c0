/** What the card's editor reads about a contact's data attributes. Pure types: safe in every context. */

export type AttributeType = 'string' | 'integer' | 'float' | 'boolean' | 'date';

/** One of the workspace's contact data attributes, as the card's editor needs it. */
export interface AttributeView {
  /** For a custom attribute, its key in `custom_attributes`; for a standard one, the contact's field (`owner_id`). */
  name: string;
  label: string;
  description: string | null;
  type: AttributeType;
  /** A list attribute: the values it may take (a select). */
  options: string[];
  /** Intercom's `api_writable`: false is shown but never offered for editing. */
  writable: boolean;
  custom: boolean;
}

export interface ContactAttributes {
  attributes: AttributeView[];
}
