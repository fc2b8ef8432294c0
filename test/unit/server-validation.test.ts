/** What the endpoint tells a refused input: the rule and where, never the value (it may be a secret). */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { invalidInput } from '../../src/server/validation';
import { CountSchema, filled, most } from '../../src/protocol/schemas';

const refuse = (schema: v.GenericSchema, input: unknown) => {
  const result = v.safeParse(schema, input);
  expect(result.success).toBe(false);
  return invalidInput(result.issues!);
};

describe('invalidInput', () => {
  it('names the bound our checks expect, and where', () => {
    expect(refuse(v.object({ name: v.pipe(v.string(), most(5)) }), { name: 'secret-value' })).toBe('Invalid value at name: expected length <=5.');
    expect(refuse(v.object({ name: v.pipe(v.string(), filled) }), { name: '' })).toBe('Invalid value at name: expected length >=1.');
    expect(refuse(v.object({ list: v.array(v.object({ n: CountSchema })) }), { list: [{ n: 1 }, { n: 1.5 }] })).toBe('Invalid value at list.1.n: expected a whole number >=0.');
  });

  it('never repeats the value, whatever the rule says of it', () => {
    const plain = refuse(v.object({ token: v.pipe(v.string(), v.check(() => false)) }), { token: 'sk-secret-123' });
    expect(plain).toBe('Invalid value at token.');
    expect(refuse(v.object({ token: v.number() }), { token: 'sk-secret-123' })).toBe('Invalid type at token: expected number.');
    expect(refuse(v.object({ token: v.pipe(v.string(), v.email()) }), { token: 'sk-secret-123' })).not.toContain('secret');
  });
});
