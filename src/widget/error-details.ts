/**
 * "Copy details": what a support ticket to Intercom needs about a failed call — Intercom's request id, the
 * request (method and path, never a query or a body), when, the status and the codes. Never the token: nothing
 * here ever held it, and anything shaped like a credential is blanked all the same.
 */
import type { ErrorInfo } from '../protocol/schemas';
import { t } from './i18n';

/** `seenAt`: when the page learned of the error (Unix ms), for errors that carry no time of their own. */
export function errorDetails(info: ErrorInfo, seenAt: number): string {
  const lines = [
    `${t('details_requestId')}: ${info.requestId ?? t('details_none')}`,
    ...(info.request ? [`${t('details_request')}: ${info.request}`] : []),
    `${t('details_time')}: ${new Date(info.at ?? seenAt).toISOString()}`,
    ...(info.status ? [`${t('details_status')}: ${info.status}`] : []),
    ...(info.intercomCode ? [`${t('details_intercomCode')}: ${info.intercomCode}${info.field ? ` (${info.field})` : ''}`] : []),
    ...(info.intercomCode && info.detail ? [`${t('details_message')}: ${info.detail}`] : []),
    `${t('details_code')}: ${info.code}`,
  ];
  return scrub(lines.join('\n'));
}

/** Blanks anything that looks like a credential (an Authorization value, a JWT, a long opaque token). */
export function scrub(text: string): string {
  return text
    .replace(/\b(Bearer|Basic)\s+[^\s]+/gi, '$1 [removed]')
    .replace(/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[removed]')
    .replace(/[A-Za-z0-9+/_=-]{40,}/g, '[removed]');
}
