/** The one error type of the application; http/errors.ts turns it into a page or JSON. */
export const ERROR_STATUS = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): (typeof ERROR_STATUS)[ErrorCode] {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = 'That page') => new AppError('not_found', `${what} was not found.`);
export const forbidden = (message = 'You are not allowed to do that.') =>
  new AppError('forbidden', message);
export const invalidInput = (message: string, fields?: FieldErrors) =>
  new AppError('invalid_input', message, fields);
