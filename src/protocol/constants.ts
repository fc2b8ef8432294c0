/**
 * The protocol's plain constants, without a schema: pages import them from here, so a page that needs only a
 * list (the error codes, the languages) does not load valibot with it. schemas.ts builds its schemas on them and
 * re-exports them.
 */

/** The languages the extension speaks (catalogue folders); Settings → Language may pick one over the browser's. */
export const LANGUAGES = ['en', 'de', 'fr', 'ja', 'th', 'fa'] as const;
/** The sandbox build's pseudo-locale (src/widget/pseudo.ts): a test language, accepted only there, never offered to users. */
export const PSEUDO = 'pseudo' as const;

/** Error codes the worker answers with; the widget turns each into a sentence through chrome.i18n. */
export const ERROR_CODES = [
  'no_token', // nothing saved yet
  'unauthorized', // 401: the token was refused
  'forbidden', // 403: the token lacks a scope
  'wrong_region', // /me says the workspace lives in another region
  'not_found',
  'gone', // 410: the contact was merged into another (canonicalId names it)
  'conflict',
  'bad_request', // 400
  'unprocessable', // 422
  'uncertain', // a write whose answer was lost: it may or may not have been applied
  'rate_limited', // 429, retryAfter says when
  'server', // 5xx
  'unreachable', // DNS, refused connection, offline
  'timeout',
  'invalid_url', // a custom API URL that is not https (or loopback in the sandbox build)
  'no_permission', // host permission for a custom API URL or a site was not granted
  'unscannable', // chrome://, the Web Store, …
  'invalid_message', // a request that failed validation or came from the wrong sender
  'storage_locked', // chrome.storage.local could not be restricted to trusted contexts
  'token_origin', // the saved token belongs to another API host: it must be typed again for this one
  // The embedded card's endpoint (HTTP transport):
  'endpoint_unreachable', // the endpoint did not answer (down, wrong URL, CORS refused this page)
  'auth_missing', // no sign-in token (JWT) was given to the element
  'auth_expired', // the JWT's time is up: the page should get a new one
  'auth_refused', // the endpoint refused the JWT (forged, another secret, alg none, malformed)
  'scope_missing', // the JWT's scope does not allow this (a write with `read` scope)
  'too_large', // the request body was over the endpoint's limit
  'workspace_removed', // an action or card names a workspace removed in Settings since: nothing is sent
  'stale', // a queued action waited too long (or from before the browser started): not sent without the user's say
  'internal',
] as const;

/** Where the worker keeps a window's request from the menu or a shortcut (storage.session); see menu.ts. */
export const menuRequestKey = (windowId: number) => `menu:request:${windowId}`;
/** The most of a selection that is looked at (the keyboard command reads no more than this either). */
export const MAX_SELECTION_LENGTH = 10_000;
/** A mailto: link longer than this is not handed over (no real one is). */
export const MAX_LINK_LENGTH = 65_536;

/** The id an older version's single workspace gets (its settings and token move there unchanged). */
export const FIRST_WORKSPACE_ID = 'ws1';

/** The optional host permissions "Scan every site automatically" asks for (manifest optional_host_permissions). */
export const ALL_SITES = ['https://*/*', 'http://*/*'];
