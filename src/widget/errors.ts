/** A sentence a person can act on, for each error the worker can answer with. */
import type { ErrorInfo } from '../protocol/schemas';
import { t } from './i18n';

export function errorMessage(info: ErrorInfo): string {
  switch (info.code) {
    case 'rate_limited':
      return t('err_rate_limited', String(info.retryAfter ?? 10));
    case 'wrong_region':
      return t('err_wrong_region', regionName(info.region));
    case 'unreachable':
    case 'timeout':
    case 'invalid_url':
    case 'no_permission':
      return t(`err_${info.code}`, info.detail ?? '');
    default:
      return t(`err_${info.code}`);
  }
}

/** Errors that are fixed in Settings get a link there. */
export function needsSettings(info: ErrorInfo): boolean {
  return ['no_token', 'unauthorized', 'forbidden', 'wrong_region', 'invalid_url', 'no_permission', 'storage_locked'].includes(info.code);
}

function regionName(region: string | undefined): string {
  if (region === 'EU') return t('regionEU');
  if (region === 'AU') return t('regionAU');
  if (region === 'US') return t('regionUS');
  return region ?? '';
}
