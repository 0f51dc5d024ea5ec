// The one place the web app talks to netrad's /api/v1. JSON in and out, same-origin cookies,
// the session's CSRF token on every write, ETag/If-Match for optimistic locking. Errors come
// back as ApiError carrying the server's {error:{code,message,field}} and the HTTP status.

export const API = '/api/v1';

let csrfToken = sessionStorage.getItem('netra.csrf') || '';

/** Remembers the CSRF token the login answered with (kept for this tab only). */
export function setCsrf(token) {
  csrfToken = token || '';
  if (csrfToken) sessionStorage.setItem('netra.csrf', csrfToken);
  else sessionStorage.removeItem('netra.csrf');
}

export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message || `HTTP ${status}`);
    this.status = status;
    this.code = e.code || '';
    this.field = e.field || '';
    this.retryAfter = 0;
  }
}

/**
 * One request. `body` is sent as JSON unless it is FormData. Returns {data, etag, status}.
 * @param {string} method
 * @param {string} path under /api/v1 (starting with '/')
 * @param {{body?:any, ifMatch?:string, query?:Record<string,any>, signal?:AbortSignal}} [opt]
 */
export async function request(method, path, opt = {}) {
  let url = API + path;
  if (opt.query) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(opt.query)) {
      if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
    }
    const s = q.toString();
    if (s) url += (url.includes('?') ? '&' : '?') + s;
  }
  const headers = { Accept: 'application/json' };
  let body;
  if (opt.body instanceof FormData) body = opt.body;
  else if (typeof Blob !== 'undefined' && opt.body instanceof Blob) {
    headers['Content-Type'] = opt.body.type || 'application/octet-stream'; // raw upload
    body = opt.body;
  }
  else if (opt.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opt.body);
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (opt.ifMatch) headers['If-Match'] = opt.ifMatch;
  const res = await fetch(url, { method, headers, body, credentials: 'same-origin', signal: opt.signal });
  let data = null;
  const type = res.headers.get('Content-Type') || '';
  if (res.status !== 204 && type.includes('json')) data = await res.json().catch(() => null);
  if (!res.ok) {
    const err = new ApiError(res.status, data);
    err.retryAfter = Number(res.headers.get('Retry-After')) || 0;
    throw err;
  }
  return { data, etag: res.headers.get('ETag') || '', status: res.status };
}

export const get = (path, query, signal) => request('GET', path, { query, signal });
export const post = (path, body, opt = {}) => request('POST', path, { ...opt, body });
