import { am } from '../views/admin-messages.js';

/** An API error as the server tells it: a code for the script, a Chinese message for the person. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';

/**
 * Calls the admin API as the signed-in person: the session cookie goes by
 * itself, the CSRF token in a header. When the token is stale (the person
 * signed in again in another tab) it fetches the new one and tries once more,
 * so a long editing session is not lost to "页面已过期".
 */
export async function api<T = unknown>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await send(method, url, body);
  if (response.status === 403 && (await peekCode(response)) === 'auth.csrf' && (await refreshCsrfToken())) {
    return readResponse<T>(await send(method, url, body));
  }
  return readResponse<T>(response);
}

async function send(method: string, url: string, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  const isForm = body instanceof FormData;
  if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
  try {
    return await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', am.form.network);
  }
}

async function peekCode(response: Response): Promise<string | undefined> {
  const data = (await response
    .clone()
    .json()
    .catch(() => undefined)) as { error?: string } | undefined;
  return data?.error;
}

async function refreshCsrfToken(): Promise<boolean> {
  const response = await send('GET', '/api/admin/session', undefined);
  if (!response.ok) return false;
  const data = (await response.json()) as { csrfToken?: string };
  csrfToken = data.csrfToken ?? '';
  return csrfToken !== '';
}

async function readResponse<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (response.ok) return data as T;
  const message = typeof data?.message === 'string' ? data.message : response.status >= 500 ? am.form.serverError : am.form.network;
  throw new ApiError(
    response.status,
    typeof data?.error === 'string' ? data.error : 'unknown',
    message,
    typeof data?.field === 'string' ? data.field : undefined,
    data?.details as Record<string, unknown> | undefined,
  );
}

/** Any thrown value as a sentence to show. */
export function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : am.form.serverError;
}
