/**
 * A refusal by a rule of the domain, with a stable code. The UI translates the code
 * (messages: errors.<code>), the API answers it as problem+json with the HTTP status.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_input: 422,
  rate_limited: 429,
  /** A transient refusal (the database is busy): the same request may succeed a little later. */
  unavailable: 503,
} as const;

export type ErrorCategory = keyof typeof ERROR_STATUS;

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly category: ErrorCategory = 'invalid_input',
    readonly params: Record<string, string | number> = {},
    /** Per-field codes, for a form to show beside its inputs. */
    readonly fields?: Record<string, string>,
  ) {
    super(code);
    this.name = 'DomainError';
  }

  get status(): number {
    return ERROR_STATUS[this.category];
  }
}

export const forbidden = (code = 'forbidden') => new DomainError(code, 'forbidden');
export const notFound = (code = 'not_found') => new DomainError(code, 'not_found');
