/** What a refused input is told: valibot's words for the first problem and where it is, never the value itself (it may be a secret). */
import type * as v from 'valibot';

export function invalidInput(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'The input is not valid.';
  // A record's keys are data too (addresses, attribute names): only object fields and array positions are named.
  const where = issue.path?.map((p) => (p.type === 'object' || p.type === 'array' ? String(p.key) : '*')).join('.') || 'input';
  // valibot's message ends with "but received <value>": keep the expectation, drop the value. A check of ours
  // (src/protocol/schemas.ts) says what it expects in its own message, which never holds the value.
  const own = issue.type === 'check' && !/received/i.test(issue.message);
  const expected = issue.expected ? `: expected ${issue.expected}` : own ? `: expected ${issue.message}` : '';
  const what = issue.kind === 'schema' ? 'type' : issue.type === 'check' ? 'value' : issue.type;
  return `Invalid ${what} at ${where.slice(0, 200)}${expected.slice(0, 300)}.`;
}
