// The console's only way to Roster: the public REST API under /api/v1, with the session token in this tab only.
import { flash } from './messages.js';

const TOKEN = 'roster.token';

export const session = {
  token: () => sessionStorage.getItem(TOKEN),
  start: (token) => sessionStorage.setItem(TOKEN, token),
  end: () => sessionStorage.removeItem(TOKEN),
};

/** A refused call: HTTP status, the problem+json body, the response headers. */
export class ApiError extends Error {
  constructor(status, problem, headers) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.headers = headers;
  }

  get slug() {
    return (this.problem.type || '').split('/').pop();
  }
}

/** Thrown when a 401 sent the page to the login: nothing more to show. */
export class SessionEnded extends Error {}

/** api('PATCH', '/accounts/1/users/2', {body, headers}) → {status, data, headers}; throws ApiError when refused. */
export async function api(method, path, { body, headers = {}, anonymous = false } = {}) {
  const sent = { Accept: 'application/json', ...headers };
  if (body !== undefined) sent['Content-Type'] = 'application/json';
  const token = session.token();
  if (!anonymous && token) sent.Authorization = `Bearer ${token}`;
  let res;
  try {
    res = await fetch(`/api/v1${path}`, {
      method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store', credentials: 'omit',
    });
  } catch (e) {
    throw new ApiError(0, { title: 'Roster could not be reached', detail: 'Roster could not be reached. Check the connection and try again.' });
  }
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (e) {
    data = null;
  }
  if (res.ok) return { status: res.status, data, headers: res.headers };
  const error = new ApiError(res.status, data && typeof data === 'object' ? data : { title: `HTTP ${res.status}` }, res.headers);
  if (res.status === 401 && !anonymous && token && error.slug === 'unauthenticated') {
    session.end();
    flash('error', 'Your session has ended. Log in again.');
    location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
    throw new SessionEnded();
  }
  throw error;
}

/** What to tell a person about a refused call. */
export function explain(error) {
  if (!(error instanceof ApiError)) return 'Something went wrong. Reload the page and try again.';
  const p = error.problem;
  if (error.slug === 'too-many-requests' && error.headers?.get('Retry-After')) {
    return waitOnce(p.detail || p.title || '', error.headers.get('Retry-After'));
  }
  if (Array.isArray(p.errors) && p.errors.length) return p.errors.map((e) => e.message).join(' ');
  return p.detail || p.title || `The request failed (HTTP ${error.status}).`;
}

/**
 * A "too many requests" detail that says the wait once: "…after the time in Retry-After." gets the
 * seconds; a detail that already names them ("Wait 52 s before resending.") stays as it is; any other
 * gets "Try again in N seconds." once.
 */
export function waitOnce(detail, retryAfter) {
  const seconds = `${retryAfter} second${retryAfter === '1' ? '' : 's'}`;
  if (/Retry-After/.test(detail)) return detail.replace(/after the time in Retry-After|in Retry-After/, `in ${seconds}`);
  if (/Try again later/i.test(detail)) return detail.replace(/Try again later/i, `Try again in ${seconds}`);
  if (/\b(wait|in)\s+\d+\s*(s|sec|seconds?|min|minutes?)\b/i.test(detail)) return detail;
  return `${detail} Try again in ${seconds}.`.trim();
}
