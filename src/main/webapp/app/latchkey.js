// latchkey.js: a small client for SPAs that use Latchkey. Copy it as it is; it has no dependencies.
//
// The access token lives only in this object's memory (never in localStorage or a readable cookie); the refresh
// token lives in the HttpOnly refresh_cookie, which the browser sends to /api/v1/auth only. The client refreshes
// on start-up (so a reload keeps the user signed in), silently before the access token expires, and once after
// a 401. Refreshes are serialised across the tabs of a browser with the Web Locks API, so two tabs never present
// the same refresh token and never trip Latchkey's reuse detection.

const REFRESH_LOCK = 'latchkey-refresh';

/** An error answered by Latchkey, with its problem body (status, message, data.errors). */
export class LatchkeyError extends Error {
  constructor(status, problem) {
    super((problem && (problem.message || problem.detail)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }

  /** Field errors of a 422, as {field: message}. */
  get fieldErrors() {
    const errors = {};
    for (const e of (this.problem.data && this.problem.data.errors) || []) {
      errors[e.param] = errors[e.param] || e.msg;
    }
    return errors;
  }
}

export class Latchkey extends EventTarget {
  #baseUrl;
  #refreshAt;
  #token = null;
  #user = null;
  #timer = null;
  #inflight = null;

  /**
   * @param baseUrl where Latchkey is ('' when it serves the SPA itself)
   * @param refreshAt the fraction of the access token's lifetime after which it is refreshed
   */
  constructor({ baseUrl = '', refreshAt = 0.8 } = {}) {
    super();
    this.#baseUrl = baseUrl;
    this.#refreshAt = refreshAt;
  }

  get user() { return this.#user; }

  get signedIn() { return this.#token !== null; }

  /** Call once when the app starts: signs the user in again from the refresh cookie, if there is one. */
  async start() {
    try {
      await this.refresh();
    } catch {
      // No session: the user is signed out, which is a normal start.
    }
    return this.#user;
  }

  async login(email, password) {
    this.#accept(await this.#request('POST', '/api/v1/auth/login', { email, password }));
    return this.#user;
  }

  /** Ends this session on the server, and forgets the tokens here whatever the server says. */
  async logout() {
    try {
      if (this.#user) {
        await this.fetch(`/api/v1/auth/logout/${this.#user.id}`, { method: 'POST' });
      }
    } finally {
      this.#forget();
    }
  }

  /** fetch() with the access token; after a 401 it refreshes once and tries once more. */
  async fetch(path, options = {}) {
    let response = await this.#authorized(path, options);
    if (response.status === 401 && this.#token) {
      try {
        await this.refresh();
      } catch {
        return response;
      }
      response = await this.#authorized(path, options);
    }
    return response;
  }

  /** Like fetch(), for JSON APIs: the parsed body, or a LatchkeyError. */
  async json(method, path, body) {
    const response = await this.fetch(path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return Latchkey.#parse(response);
  }

  /** For the endpoints that need no token: the parsed body, or a LatchkeyError. */
  async send(method, path, body) {
    return this.#request(method, path, body);
  }

  /** Exchanges the refresh cookie for a new access token; one at a time in this tab and across tabs. */
  refresh() {
    if (!this.#inflight) {
      const exchange = () => this.#refreshNow();
      const run = navigator.locks ? navigator.locks.request(REFRESH_LOCK, exchange) : exchange();
      this.#inflight = run.finally(() => { this.#inflight = null; });
    }
    return this.#inflight;
  }

  async #refreshNow() {
    const response = await fetch(`${this.#baseUrl}/api/v1/auth/tokens/refresh`, {
      method: 'POST',
      credentials: 'include',
    });
    if (!response.ok) {
      this.#forget();
      throw new LatchkeyError(response.status, await Latchkey.#body(response));
    }
    this.#accept(await response.json());
  }

  /** A request without the access token (register, login, reset...). */
  async #request(method, path, body) {
    const response = await fetch(`${this.#baseUrl}${path}`, {
      method,
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return Latchkey.#parse(response);
  }

  #authorized(path, options) {
    const headers = new Headers(options.headers || {});
    if (this.#token) {
      headers.set('Authorization', `Bearer ${this.#token}`);
    }
    return fetch(`${this.#baseUrl}${path}`, { ...options, headers, credentials: 'include' });
  }

  #accept({ token, expires_in: expiresIn, user }) {
    this.#token = token;
    this.#user = user;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.refresh().catch(() => {}), Math.max(1000, expiresIn * this.#refreshAt));
    this.dispatchEvent(new CustomEvent('change', { detail: { user } }));
  }

  #forget() {
    const wasSignedIn = this.#token !== null;
    this.#token = null;
    this.#user = null;
    clearTimeout(this.#timer);
    if (wasSignedIn) {
      this.dispatchEvent(new CustomEvent('change', { detail: { user: null } }));
    }
  }

  static async #parse(response) {
    const body = await Latchkey.#body(response);
    if (!response.ok) {
      throw new LatchkeyError(response.status, body);
    }
    return body;
  }

  static async #body(response) {
    const text = await response.text();
    try {
      return text ? JSON.parse(text) : {};
    } catch {
      return { message: text };
    }
  }
}
