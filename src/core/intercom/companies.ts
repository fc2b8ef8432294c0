/** Companies: create or update, get, list, find by name or company_id, attach and detach a contact. */
import { AppError } from '../errors';
import type { IntercomHttp } from './http';
import { listPage, listPages, type OnePage } from './paginate';
import { CompanyListSchema, CompanySchema, ContactCompaniesSchema, ContactListSchema, parse, type CompanyData, type ContactData } from './shapes';

export interface CompanyFields {
  company_id: string;
  name?: string;
  website?: string;
  industry?: string;
  size?: number;
  plan?: string;
  monthly_spend?: number;
  remote_created_at?: number;
  custom_attributes?: Record<string, string | number | boolean | null>;
}

/** Creates the company, or updates the one with this company_id: the same request twice does no harm. */
export async function upsertCompany(http: IntercomHttp, fields: CompanyFields): Promise<CompanyData> {
  return parse(CompanySchema, await http.request('POST', '/companies', { json: fields, idempotent: true }));
}

export async function getCompany(http: IntercomHttp, id: string): Promise<CompanyData> {
  return parse(CompanySchema, await http.request('GET', `/companies/${encodeURIComponent(id)}`));
}

/** Every company, 60 a page (Intercom's largest). */
export function listCompanies(http: IntercomHttp): AsyncGenerator<CompanyData[]> {
  return listPages(http, '/companies/list', CompanyListSchema, (p) => p.data, 60, 'POST');
}

/**
 * Companies with this exact name or company_id. Intercom answers one company object or a list, depending on
 * the match; both come back as a list, and "none" is an empty list rather than an error.
 */
export async function findCompanies(http: IntercomHttp, by: { name: string } | { company_id: string }): Promise<CompanyData[]> {
  try {
    const answer: unknown = await http.request('GET', '/companies', { searchParams: by });
    const isList = !!answer && typeof answer === 'object' && Array.isArray((answer as { data?: unknown }).data);
    return isList ? parse(CompanyListSchema, answer).data : [parse(CompanySchema, answer)];
  } catch (e) {
    if (e instanceof AppError && e.info.code === 'not_found') return [];
    throw e;
  }
}

export async function contactCompanies(http: IntercomHttp, contactId: string): Promise<CompanyData[]> {
  return parse(ContactCompaniesSchema, await http.request('GET', `/contacts/${encodeURIComponent(contactId)}/companies`));
}

/** The contact's company with this id, if the contact is in it (how an attach or detach is verified). */
export const attached = async (http: IntercomHttp, contactId: string, companyId: string) =>
  (await contactCompanies(http, contactId)).find((c) => c.id === companyId);

export async function attachContact(http: IntercomHttp, contactId: string, companyId: string): Promise<CompanyData> {
  return parse(
    CompanySchema,
    await http.request('POST', `/contacts/${encodeURIComponent(contactId)}/companies`, {
      json: { id: companyId },
      verify: () => attached(http, contactId, companyId),
    }),
  );
}

export async function detachContact(http: IntercomHttp, contactId: string, company: CompanyData): Promise<CompanyData> {
  return parse(
    CompanySchema,
    await http.request('DELETE', `/contacts/${encodeURIComponent(contactId)}/companies/${encodeURIComponent(company.id)}`, {
      verify: async () => ((await attached(http, contactId, company.id)) ? undefined : company),
    }),
  );
}

/** The company's name, or null when it cannot be read (a lookup still shows the contact). */
export async function companyName(http: IntercomHttp, id: string): Promise<string | null> {
  return (await getCompany(http, id)).name;
}

/** One page of the company's people (`GET /companies/{id}/contacts`). */
export function companyContacts(http: IntercomHttp, id: string, perPage: number, cursor?: string): Promise<OnePage<ContactData>> {
  return listPage(http, `/companies/${encodeURIComponent(id)}/contacts`, ContactListSchema, (p) => p.data, perPage, cursor);
}
