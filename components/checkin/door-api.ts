import type { CheckinRoster, ScanInput, ScanResult } from './types';

/** The server answered with a refusal (problem+json): retrying the same request will not help. */
export class ProblemError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
  ) {
    super(code);
    this.name = 'ProblemError';
  }
}

/**
 * A JSON request to the check-in routes. A network failure or a server error (5xx, a proxy's
 * error page) rejects with a plain error, which the door treats as being offline.
 */
async function requestJson<T>(url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  if (response.status >= 500) throw new Error(`server error ${response.status}`);
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const code = json && typeof json === 'object' && 'code' in json && typeof json.code === 'string' ? json.code : 'unexpected';
    throw new ProblemError(code, response.status);
  }
  if (json === null) throw new Error('unreadable answer');
  return json as T;
}

const base = (eventId: number) => `/ops/checkin/${eventId}`;

/** The answers come back in the order of the scans. */
export async function postScans(eventId: number, scans: readonly ScanInput[]): Promise<ScanResult[]> {
  return (await requestJson<{ results: ScanResult[] }>(`${base(eventId)}/scans`, { scans })).results;
}

export function fetchRoster(eventId: number): Promise<CheckinRoster> {
  return requestJson<CheckinRoster>(`${base(eventId)}/roster`);
}

export function postUndo(eventId: number, registrationId: number): Promise<{ registrationId: number; status: 'confirmed' }> {
  return requestJson(`${base(eventId)}/undo`, { registrationId });
}
