/** A side panel on a customer's site (app.acme.co.uk) whose people work at one company: shared by the panel tests. */
import type { CompanyView } from '../../src/protocol/picture';
import type { ContactView, SettingsView } from '../../src/protocol/schemas';
import { contactView } from './fixtures';

export const siteSettings = { region: 'us', apiUrl: null, hasToken: true, tokenHost: null, autoScanOrigins: [], autoScanAll: false, actingAdminId: null, highlightEmails: false, language: null, workspaces: [], activeWorkspace: null } as unknown as SettingsView;
export const sitePerson = (n: number): ContactView => contactView({ id: `c-${n}`, email: `p${n}@acme.co.uk`, name: `Person ${n}`, companies: [{ id: 'co-1', name: 'Acme Ltd' }] });
export const acme: CompanyView = {
  id: 'co-1', companyId: 'acct-1', name: 'Acme Ltd', plan: null, size: null, industry: null, monthlySpend: null, userCount: 2, website: null,
  customAttributes: {}, tags: [], url: 'https://app.intercom.com/a/apps/abc/companies/co-1',
};
