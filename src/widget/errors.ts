/**
 * A sentence a person can act on, for each error the worker (or a team's endpoint) can answer with. The words
 * depend on the host: in the extension the reader fixes the token in Settings; in an embedded card the token is
 * on the endpoint, so the reader is told whom to ask, and the endpoint's own failures (its address, the page's
 * sign-in token) get sentences of their own.
 */
import type { ErrorInfo } from '../protocol/schemas';
import type { Host } from './host';
import { t, tn } from './i18n';

type Kind = Host['kind'];

/** In an embed, errors about the endpoint's Intercom token or set-up are for whoever runs the endpoint. */
const EMBED_WORDING: Partial<Record<ErrorInfo['code'], string>> = {
  no_token: 'err_embed_no_token',
  unauthorized: 'err_embed_unauthorized',
  forbidden: 'err_embed_forbidden',
  wrong_region: 'err_embed_setup',
  invalid_url: 'err_embed_setup',
  no_permission: 'err_embed_setup',
  storage_locked: 'err_embed_setup',
  unreachable: 'err_embed_intercom_unreachable',
  timeout: 'err_embed_intercom_unreachable',
};

export function errorMessage(info: ErrorInfo, kind: Kind = 'extension'): string {
  const embedKey = kind === 'embed' ? EMBED_WORDING[info.code] : undefined;
  if (embedKey) return t(embedKey);
  switch (info.code) {
    case 'rate_limited':
      return tn('err_rate_limited', info.retryAfter ?? 10);
    case 'wrong_region':
      return t('err_wrong_region', regionName(info.region));
    case 'unreachable':
    case 'timeout':
    case 'invalid_url':
    case 'no_permission':
    case 'endpoint_unreachable':
    case 'token_origin':
      return t(`err_${info.code}`, info.detail ?? '');
    default:
      return t(`err_${info.code}`);
  }
}

/** Errors that are fixed in the extension's Settings get a link there (an embed has no Settings). */
export function needsSettings(info: ErrorInfo, kind: Kind = 'extension'): boolean {
  return kind === 'extension' && ['no_token', 'unauthorized', 'forbidden', 'wrong_region', 'invalid_url', 'no_permission', 'storage_locked', 'token_origin'].includes(info.code);
}

/**
 * Whether `detail` is Intercom's own words, shown under the sentence as "Intercom said: …". Only an answer from
 * Intercom carries them (with its error code): words the worker or an endpoint wrote themselves are English, not
 * Intercom's, and are never shown as if they were.
 */
export function showsDetail(info: ErrorInfo): boolean {
  return !!info.detail && !!info.intercomCode;
}

function regionName(region: string | undefined): string {
  if (region === 'EU') return t('regionEU');
  if (region === 'AU') return t('regionAU');
  if (region === 'US') return t('regionUS');
  return region ?? '';
}
