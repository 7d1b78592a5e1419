const PROBLEM_TYPE = 'https://club-hub.example/problems/';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  params?: Record<string, string | number>;
  errors?: Record<string, string>;
}

/**
 * An RFC 9457 problem document: `type` and `code` are stable per error, `title` is the code in
 * words for a developer, `errors` carries per-field codes for invalid input. The route handlers
 * and the HTTP server in front of Next answer with the same shape.
 */
export function problemDocument(
  status: number,
  code: string,
  extra: { detail?: string; errors?: Record<string, string>; params?: Record<string, string | number> } = {},
): ProblemDocument {
  return {
    type: `${PROBLEM_TYPE}${code}`,
    title: code.replace(/_/g, ' '),
    status,
    code,
    ...(extra.detail ? { detail: extra.detail } : {}),
    ...(extra.params && Object.keys(extra.params).length > 0 ? { params: extra.params } : {}),
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
