/**
 * Harness for the contract tests: reads Intercom's OpenAPI description from ../shared/intercom/ (next to
 * the project; a fresh clone has none, and the tests skip themselves then) and checks the sandbox's
 * answers against the description's response schemas.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { expect } from 'vitest';
import { check, responseSchema, type OpenApiDoc, type Schema } from './openapi-check';
import { SANDBOX_TOKEN } from './seed';
import type { Sandbox } from './server';

export const SPEC_PATH = path.resolve(__dirname, '../../../shared/intercom/api.intercom.io.2.14.yaml');
export const haveSpec = fs.existsSync(SPEC_PATH);

export function loadSpec(): OpenApiDoc {
  return parse(fs.readFileSync(SPEC_PATH, 'utf8')) as OpenApiDoc;
}

export interface ConformsOptions {
  body?: unknown;
  status?: number;
  token?: string;
  /** Check against this component schema instead of the operation's documented answer (e.g. a status the description does not document). */
  schema?: string;
}

export interface Answer {
  status: number;
  json: unknown;
  headers: Headers;
}

export function contractClient(getDoc: () => OpenApiDoc, getSandbox: () => Sandbox) {
  async function call(method: string, url: string, body?: unknown, token = SANDBOX_TOKEN): Promise<Answer> {
    const res = await fetch(`${getSandbox().url}${url}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Intercom-Version': '2.14', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: text === '' ? undefined : (JSON.parse(text) as unknown), headers: res.headers };
  }

  /** Calls the sandbox and checks the answer against the description's schema for that operation and status. */
  async function conforms(specPath: string, method: string, url: string, opts: ConformsOptions = {}): Promise<Record<string, unknown>> {
    const doc = getDoc();
    const { status, json } = await call(method.toUpperCase(), url, opts.body, opts.token);
    expect(status, JSON.stringify(json).slice(0, 300)).toBe(opts.status ?? 200);
    const schema: Schema = opts.schema ? { $ref: `#/components/schemas/${opts.schema}` } : responseSchema(doc, specPath, method, status);
    expect(check(doc, schema, json), `${method.toUpperCase()} ${url}`).toEqual([]);
    return json as Record<string, unknown>;
  }

  return { call, conforms };
}
