// The one way the UI talks to verp: same-origin fetch with the session cookie, the CSRF token
// echoed in X-CSRF-Token on every write (identity rule ID-005), Accept-Language of the UI, and
// problem+json turned into ApiError.
import { ApiError, type Problem } from './problem';

let csrfToken = '';
let language = 'zh-CN';

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token ?? '';
}
export function setApiLanguage(lang: string): void {
  language = lang;
}

export const UNAUTHENTICATED_EVENT = 'verp:unauthenticated';

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined | null>;
  body?: unknown;
  raw?: BodyInit;
  contentType?: string;
  signal?: AbortSignal;
  /** Don't announce a 401 (the sign-in page probes /auth/me). */
  quiet401?: boolean;
}

export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.append(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
  let body: BodyInit | undefined;
  if (options.raw !== undefined) {
    body = options.raw;
    // FormData brings its own multipart Content-Type with the boundary; setting one would break it.
    if (!(body instanceof FormData)) headers['Content-Type'] = options.contentType ?? 'application/octet-stream';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(withQuery(path, options.query), {
    method,
    headers,
    body,
    credentials: 'same-origin',
    signal: options.signal,
  });
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('Content-Type') ?? '';
  const data = type.includes('json') ? await response.json().catch(() => ({})) : await response.text();
  if (!response.ok) {
    const problem: Problem = typeof data === 'object' && data !== null ? (data as Problem) : { title: String(data) };
    if (response.status === 401 && !options.quiet401) window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
    throw new ApiError(response.status, { status: response.status, ...problem });
  }
  return data as T;
}

/**
 * A file the server makes (a report's `?format=xlsx`), fetched like any request — same origin,
 * so the session cookie goes along, in the UI's language — and handed over as a blob with the
 * name from Content-Disposition. A refusal is an ApiError, as for JSON.
 */
export async function fetchFile(path: string, query?: RequestOptions['query']): Promise<{ blob: Blob; fileName: string }> {
  const response = await fetch(withQuery(path, query), {
    headers: { 'Accept-Language': language },
    credentials: 'same-origin',
  });
  if (!response.ok) {
    const type = response.headers.get('Content-Type') ?? '';
    const data = type.includes('json') ? await response.json().catch(() => ({})) : { title: await response.text() };
    if (response.status === 401) window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
    throw new ApiError(response.status, { status: response.status, ...(data as Problem) });
  }
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const named = /filename\*=UTF-8''([^;]+)/i.exec(disposition) ?? /filename="?([^";]+)"?/i.exec(disposition);
  const fileName = named ? decodeURIComponent(named[1]) : path.split('/').pop() ?? 'download';
  return { blob: await response.blob(), fileName };
}

/** Hands a fetched file to the browser to save under its name (the object URL lives ten seconds). */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query'], options: RequestOptions = {}) =>
    request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options: RequestOptions = {}) => request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options: RequestOptions = {}) => request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options: RequestOptions = {}) => request<T>('PUT', path, { ...options, body }),
  del: <T>(path: string, options: RequestOptions = {}) => request<T>('DELETE', path, options),
};
