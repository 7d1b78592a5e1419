/** What a form's server action answers; codes are translated by the form (messages: errors.*). Shared by server and client. */
export type FormState =
  | { status: 'idle' }
  | { status: 'ok'; code?: string; params?: Record<string, string | number> }
  | { status: 'error'; code: string; params?: Record<string, string | number>; fields?: Record<string, string> };

export const IDLE: FormState = { status: 'idle' };
