/** The workspace around the contacts: who the token belongs to, tag names, company names. */
import type { IntercomHttp } from './http';
import { CompanySchema, MeSchema, TagListSchema, parse, type MeData } from './shapes';

export async function getMe(http: IntercomHttp): Promise<MeData> {
  return parse(MeSchema, await http.request('GET', '/me'));
}

export async function listTags(http: IntercomHttp): Promise<Map<string, string>> {
  const list = parse(TagListSchema, await http.request('GET', '/tags'));
  return new Map(list.data.map((t) => [String(t.id), t.name]));
}

export async function getCompanyName(http: IntercomHttp, id: string): Promise<string | null> {
  const company = parse(CompanySchema, await http.request('GET', `/companies/${encodeURIComponent(id)}`));
  return company.name;
}
