/** How extension pages call the worker. One function, typed by route. */
import type { ErrorInfo, Result } from './schemas';
import type { RouteInput, RouteName, RouteOutput } from './messages';

export class RpcError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.detail ?? info.code);
    this.name = 'RpcError';
  }
}

/** What a page shows for a failed call: the worker's error, or "internal" for anything else (a dead worker). */
export const errorInfo = (e: unknown): ErrorInfo => (e instanceof RpcError ? e.info : { code: 'internal' });

export async function call<R extends RouteName>(type: R, input: RouteInput<R>): Promise<RouteOutput<R>> {
  let answer: Result<RouteOutput<R>> | undefined;
  try {
    answer = (await chrome.runtime.sendMessage({ type, input })) as Result<RouteOutput<R>> | undefined;
  } catch {
    throw new RpcError({ code: 'internal', detail: 'The extension’s background worker did not answer.' });
  }
  if (!answer || typeof answer !== 'object') throw new RpcError({ code: 'internal' });
  if (!answer.ok) throw new RpcError(answer.error);
  return answer.data;
}
