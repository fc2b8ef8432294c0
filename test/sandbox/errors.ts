/** Intercom's error envelope: `{type: "error.list", request_id, errors: [{code, message, field?}]}`. */
import type { ErrorItem } from './search';

export type { ErrorItem };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ErrorItem[],
    readonly headers: Record<string, string> = {},
  ) {
    super(errors.map((e) => `${e.code}: ${e.message}`).join('; '));
  }
}

export function errorBody(requestId: string, errors: ErrorItem[]) {
  return { type: 'error.list', request_id: requestId, errors };
}

/** The code and message Intercom answers with for a bare status (used by injected faults). */
export function defaultError(status: number): ErrorItem {
  switch (status) {
    case 400:
      return { code: 'parameter_invalid', message: 'Bad Request' };
    case 401:
      return { code: 'unauthorized', message: 'Access Token Invalid' };
    case 403:
      return { code: 'forbidden', message: 'Forbidden' };
    case 404:
      return { code: 'not_found', message: 'Resource Not Found' };
    case 409:
      return { code: 'conflict', message: 'Conflict' };
    case 422:
      return { code: 'parameter_invalid', message: 'Unprocessable Entity' };
    case 429:
      return { code: 'rate_limit_exceeded', message: 'Rate Limit Exceeded' };
    case 502:
      return { code: 'bad_gateway', message: 'Bad Gateway' };
    case 503:
      return { code: 'service_unavailable', message: 'Service Unavailable' };
    case 504:
      return { code: 'gateway_timeout', message: 'Gateway Timeout' };
    default:
      return status >= 500 ? { code: 'server_error', message: 'Server Error' } : { code: 'error', message: `HTTP ${status}` };
  }
}

export const unauthorized = () => new ApiError(401, [defaultError(401)]);
export const forbidden = (code = 'api_plan_restricted', message = 'Active subscription needed.') => new ApiError(403, [{ code, message }]);
export const notFound = (message = 'Resource Not Found', code = 'not_found') => new ApiError(404, [{ code, message }]);
export const invalid = (message: string, field?: string) =>
  new ApiError(400, [{ code: 'parameter_invalid', message, ...(field === undefined ? {} : { field }) }]);
export const missing = (message: string, field?: string) =>
  new ApiError(400, [{ code: 'parameter_not_found', message, ...(field === undefined ? {} : { field }) }]);

/** A required body parameter is absent: 400 `parameter_not_found` "<name> is required". */
export const required = (field: string) => missing(`${field} is required`, field);

/**
 * A contact merged into another: 410 `contact_merged` with `Link: <…/contacts/{canonical}>; rel="canonical"`
 * (or, when asked to answer like the OpenAPI description's prose, a plain 404 "User Not Found").
 */
export function merged(baseUrl: string, canonicalId: string, status: 404 | 410 = 410): ApiError {
  if (status === 404) return notFound('User Not Found');
  return new ApiError(
    410,
    [{ code: 'contact_merged', message: `This contact was merged into contact ${canonicalId}` }],
    { Link: `<${baseUrl}/contacts/${encodeURIComponent(canonicalId)}>; rel="canonical"` },
  );
}
