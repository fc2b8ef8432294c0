import type { ErrorCode, ErrorInfo } from '../protocol/schemas';

/** The one error type the worker throws; the router turns it into `{ ok: false, error }`. */
export class AppError extends Error {
  readonly info: ErrorInfo;
  constructor(code: ErrorCode, extra: Omit<ErrorInfo, 'code'> = {}) {
    super(extra.detail ? `${code}: ${extra.detail}` : code);
    this.name = 'AppError';
    this.info = { code, ...extra };
  }
}

export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof AppError) return err.info;
  return { code: 'internal' };
}
