/**
 * A small OpenAPI 3.0 schema checker for contract tests: type, required, properties, items, enum,
 * nullable (also beside a $ref), allOf, oneOf, anyOf, local $refs. Additional properties are tolerated and not checked
 * (Intercom adds fields over time, and the description's own `additionalProperties` contradict its
 * examples: company `custom_attributes` are typed string-only, the example holds numbers and booleans).
 * `format` is not checked.
 */

export type Schema = { [key: string]: unknown };
export interface OpenApiDoc {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
  components: { schemas: Record<string, Schema> };
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

export function resolve(doc: OpenApiDoc, schema: Schema): Schema {
  let s = schema;
  for (let hops = 0; typeof s.$ref === 'string'; hops++) {
    const ref = s.$ref;
    const m = /^#\/components\/schemas\/(.+)$/.exec(ref);
    const target = m?.[1] === undefined ? undefined : doc.components.schemas[m[1]];
    if (!target || hops > 20) throw new Error(`unresolvable $ref ${ref}`);
    s = target;
  }
  return s;
}

/** The JSON schema of one documented answer, e.g. responseSchema(doc, '/contacts/{contact_id}', 'get', 200). */
export function responseSchema(doc: OpenApiDoc, path: string, method: string, status: number): Schema {
  const op = doc.paths[path]?.[method.toLowerCase()];
  const schema = op?.responses?.[String(status)]?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`the description documents no JSON ${status} for ${method.toUpperCase()} ${path}`);
  return schema;
}

function typeOk(type: unknown, v: unknown): boolean {
  switch (type) {
    case 'object':
      return isObj(v);
    case 'array':
      return Array.isArray(v);
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    default:
      return true;
  }
}

/** Every way `value` breaks `schema`, as "path: problem" strings (empty when it conforms). */
export function check(doc: OpenApiDoc, schema: Schema, value: unknown, at = '$'): string[] {
  const s = resolve(doc, schema);
  const enumList = Array.isArray(s.enum) ? (s.enum as unknown[]) : null;
  if (value === null) {
    // `{$ref, nullable: true}`: OpenAPI 3.0 ignores siblings of $ref, but the description means "nullable" (its examples send null).
    if (s.nullable === true || schema.nullable === true || enumList?.includes(null)) return [];
    // A null can still satisfy a nullable branch of a combinator.
    for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
      const branches = s[key];
      if (Array.isArray(branches) && key !== 'allOf' && branches.some((b) => check(doc, b as Schema, null, at).length === 0)) return [];
    }
    return [`${at}: null where the schema is not nullable`];
  }
  const errors: string[] = [];
  if (s.type !== undefined && !typeOk(s.type, value)) return [`${at}: expected ${String(s.type)}, got ${JSON.stringify(value)?.slice(0, 60)}`];
  if (enumList && !enumList.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(enumList)}`);

  if (Array.isArray(s.allOf)) for (const sub of s.allOf) errors.push(...check(doc, sub as Schema, value, at));
  if (Array.isArray(s.anyOf) && !s.anyOf.some((sub) => check(doc, sub as Schema, value, at).length === 0)) {
    errors.push(`${at}: matches none of anyOf (${s.anyOf.length} branches)`);
  }
  if (Array.isArray(s.oneOf)) {
    const passing = s.oneOf.filter((sub) => check(doc, sub as Schema, value, at).length === 0).length;
    if (passing !== 1) errors.push(`${at}: matches ${passing} of oneOf's ${s.oneOf.length} branches (needs exactly 1)`);
  }

  if (isObj(value)) {
    const props = isObj(s.properties) ? s.properties : {};
    if (Array.isArray(s.required)) {
      for (const key of s.required) if (typeof key === 'string' && value[key] === undefined) errors.push(`${at}.${key}: required but missing`);
    }
    for (const [key, v] of Object.entries(value)) {
      const sub = props[key];
      if (isObj(sub)) errors.push(...check(doc, sub, v, `${at}.${key}`));
    }
  }
  if (Array.isArray(value) && isObj(s.items)) {
    const items = s.items;
    value.forEach((v, i) => errors.push(...check(doc, items, v, `${at}[${i}]`)));
  }
  return errors;
}
