/** What Settings → Test connection reports. */
import type { ConnectionInfo, Region } from '../protocol/schemas';
import { AppError } from '../core/errors';
import type { MeData } from '../core/intercom/shapes';

const REGION_OF: Record<string, string> = { us: 'US', eu: 'EU', au: 'AU' };

/**
 * What Test connection shows. Intercom may serve a token from the wrong regional host (it proxies), so the
 * workspace's own region from /me is compared with the one chosen, and a mismatch is named.
 */
export function connectionInfo(region: Region, me: MeData): ConnectionInfo {
  const actual = me.app?.region?.toUpperCase() ?? null;
  const expected = REGION_OF[region];
  if (expected && actual && actual !== expected) throw new AppError('wrong_region', { region: actual });
  return { workspace: me.app?.name ?? '', appId: me.app?.id_code ?? '', region: actual, admin: { name: me.name ?? '', email: me.email } };
}
