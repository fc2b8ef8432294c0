/** Admins and teams: who the token belongs to (`/me`), the workspace's admins, its teams. */
import type { IntercomHttp } from './http';
import { AdminListSchema, MeSchema, TeamListSchema, parse, type AdminData, type MeData, type TeamData } from './shapes';

export async function getMe(http: IntercomHttp): Promise<MeData> {
  return parse(MeSchema, await http.request('GET', '/me'));
}

export async function listAdmins(http: IntercomHttp): Promise<AdminData[]> {
  return parse(AdminListSchema, await http.request('GET', '/admins')).admins;
}

export async function listTeams(http: IntercomHttp): Promise<TeamData[]> {
  return parse(TeamListSchema, await http.request('GET', '/teams')).teams;
}
