/**
 * What the card reads from the page's JWT: only whether its scope includes `write`, to leave write controls out
 * for a read-only viewer. The signature is not checked here — this decides what is shown, never what is
 * allowed; the endpoint verifies every request and answers 403 to a write without the scope.
 */
export function scopeAllowsWrite(jwt: string | null | undefined): boolean {
  const payload = jwt?.split('.')[1];
  if (!payload) return false;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
    const claims = JSON.parse(json) as { scope?: unknown };
    return typeof claims.scope === 'string' && claims.scope.split(/\s+/).includes('write');
  } catch {
    return false;
  }
}
