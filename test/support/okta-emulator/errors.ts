// Okta error bodies ({errorCode, errorSummary, errorLink, errorId, errorCauses}) as Hono responses.
import type { Context } from 'hono';
import { oktaId } from './state.js';

export const ERROR_SUMMARIES: Record<string, string> = {
  E0000001: 'Api validation failed: {0}',
  E0000006: 'You do not have permission to perform the requested action',
  E0000007: 'Not found: Resource not found: {0}',
  E0000009: 'Internal Server Error',
  E0000011: 'Invalid token provided',
  E0000016: 'Activation failed because the user is already active',
  E0000022: 'The endpoint does not support the provided HTTP method',
  E0000031: 'Invalid search criteria.',
  E0000038: "This operation is not allowed in the user's current status.",
  E0000046: 'Deactivate application for user forbidden.',
  E0000047: 'API call exceeded rate limit due to too many requests.',
  E0000053: 'Invalid filter parameter: {0}',
  E0000060: 'Unsupported operation.',
  E0000062: 'The specified user is already assigned to the application.',
  E0000089: 'Service unavailable.',
};

/** The JSON body Okta sends with an error; `arg` fills the `{0}` of the summary. */
export function errorBody(code: string, arg = '', causes: string[] = []): Record<string, unknown> {
  const summary = (ERROR_SUMMARIES[code] ?? 'Error').replace('{0}', arg);
  return {
    errorCode: code,
    errorSummary: summary,
    errorLink: code,
    errorId: oktaId('oae', 25),
    errorCauses: causes.map((c) => ({ errorSummary: c })),
  };
}

/** Sends an Okta error response. */
export function oktaError(
  c: Context,
  status: 400 | 401 | 403 | 404 | 405 | 409 | 429 | 500 | 501 | 503,
  code: string,
  arg = '',
  causes: string[] = [],
): Response {
  return c.json(errorBody(code, arg, causes), status);
}

export const notFound = (c: Context, key: string, type: 'User' | 'UserGroup' | 'AppInstance' | 'AppUser'): Response =>
  oktaError(c, 404, 'E0000007', `${key} (${type})`);
