/** A company renamed from this page: views read before show the new name; a name changed since elsewhere shows as it comes. */
import { beforeEach, describe, expect, it } from 'vitest';
import { companyName, renameCompany, renamedCompanies } from '../../src/widget/format';

const co = (name: string) => ({ id: 'co-1', name });

describe('companyName after a rename from this page', () => {
  beforeEach(() => renamedCompanies.clear());

  it('shows the new name for a view that still holds the old one, and leaves other companies alone', () => {
    renameCompany('co-1', 'Northwind', 'Northwind Labs');
    expect(companyName(co('Northwind'))).toBe('Northwind Labs');
    expect(companyName(co('Northwind Labs'))).toBe('Northwind Labs');
    expect(companyName({ id: 'co-2', name: 'Northwind' })).toBe('Northwind');
  });

  it('shows a name changed since in Intercom itself as it comes, not the page’s', () => {
    renameCompany('co-1', 'Northwind', 'Northwind Labs');
    expect(companyName(co('Northwind Group'))).toBe('Northwind Group');
  });

  it('follows several renames, back to an old name too', () => {
    renameCompany('co-1', 'A', 'B');
    renameCompany('co-1', 'B', 'C');
    expect([companyName(co('A')), companyName(co('B')), companyName(co('C'))]).toEqual(['C', 'C', 'C']);
    renameCompany('co-1', 'C', 'A');
    expect([companyName(co('A')), companyName(co('B')), companyName(co('C'))]).toEqual(['A', 'A', 'A']);
  });
});
