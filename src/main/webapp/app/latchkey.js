// latchkey.js: a small client for SPAs that use Latchkey. Copy it as it is; it has no dependencies.
//
// The access token lives only in this object's memory (never in localStorage or a readable cookie); the refresh
// token lives in the HttpOnly refresh_cookie, which the browser sends to /api/v1/auth only. The client refreshes
// on start-up (so a reload keeps the user signed in), silently before the access token expires, and once after
// a 401. Refreshes are serialised across the tabs of a browser with the Web Locks API, so two tabs never present
// the same refresh token and never trip Latchkey's reuse detection. Passkeys: registerPasskey() and
// loginWithPasskey() wrap navigator.credentials, with the base64url conversions of the WebAuthn JSON forms.

const REFRESH_LOCK = 'latchkey-refresh';
const STEP_UP = 'urn:latchkey:problem:step-up-required';

/** An error answered by Latchkey, with its problem body (status, message, data.errors). */
export class LatchkeyError extends Error {
  constructor(status, problem) {
    super((problem && (problem.message || problem.detail)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }

  /**
   * A sensitive action needs a step-up: ask for a code from the authenticator app and send it again as mfa_code,
   * or have the user sign in again.
   */
  get stepUpRequired() {
    return this.status === 401 && this.problem.type === STEP_UP;
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

/** base64url (no padding) to bytes, and back: the WebAuthn JSON forms carry every binary value so. */
function fromBase64Url(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

function toBase64Url(buffer) {
  const bytes = new Uint8Array(buffer instanceof ArrayBuffer ? buffer : buffer.buffer);
  let binary = '';
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function descriptors(list) {
  return (list || []).map((c) => ({ ...c, id: fromBase64Url(c.id) }));
}

/** What parseCreationOptionsFromJSON() does, for browsers without it. */
function creationOptions(json) {
  return {
    ...json,
    challenge: fromBase64Url(json.challenge),
    user: { ...json.user, id: fromBase64Url(json.user.id) },
    excludeCredentials: descriptors(json.excludeCredentials),
  };
}

/** What parseRequestOptionsFromJSON() does, for browsers without it. */
function requestOptions(json) {
  return { ...json, challenge: fromBase64Url(json.challenge), allowCredentials: descriptors(json.allowCredentials) };
}

/** What PublicKeyCredential.toJSON() gives, for browsers without it. */
function credentialJson(credential) {
  const r = credential.response;
  const response = { clientDataJSON: toBase64Url(r.clientDataJSON) };
  if (r.attestationObject) {
    response.attestationObject = toBase64Url(r.attestationObject);
    response.transports = r.getTransports ? r.getTransports() : [];
  } else {
    response.authenticatorData = toBase64Url(r.authenticatorData);
    response.signature = toBase64Url(r.signature);
    if (r.userHandle) {
      response.userHandle = toBase64Url(r.userHandle);
    }
  }
  return {
    id: credential.id,
    rawId: toBase64Url(credential.rawId),
    type: credential.type,
    response,
    authenticatorAttachment: credential.authenticatorAttachment || undefined,
    clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
  };
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

  /** The groups of the access token ("user", "verified", "admin"): what the user may see, not a security check. */
  get groups() {
    if (!this.#token) return [];
    try {
      const payload = this.#token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(atob(payload)).groups || [];
    } catch {
      return [];
    }
  }

  /**
   * Call once when the app starts: completes a sign-in through an identity provider that just came back (see
   * signInWith), else signs the user in again from the refresh cookie, if there is one. What came back from a
   * provider is in `provider` afterwards: {signedIn} | {mfaRequired, methods, completeMfa, ...} | {linked} | {error}.
   */
  async start() {
    this.provider = null;
    const back = Latchkey.#providerFragment();
    if (back.get('sso')) {
      try {
        const step = this.#signedIn(await this.#request('POST', '/api/v1/auth/providers/complete',
          { flow: back.get('sso') }));
        this.provider = step && step.mfaRequired ? step : { signedIn: true };
        return this.#user;
      } catch {
        this.provider = { error: 'invalid' };
      }
    } else if (back.get('sso_error')) {
      this.provider = { error: back.get('sso_error') };
    } else if (back.get('sso_linked')) {
      this.provider = { linked: back.get('sso_linked') };
    }
    try {
      await this.refresh();
    } catch {
      // No session: the user is signed out, which is a normal start.
    }
    return this.#user;
  }

  /** What a provider's redirect put in the fragment (#sso=, #sso_error=, #sso_linked=), taken off the address. */
  static #providerFragment() {
    if (typeof location === 'undefined' || !/^#sso(_error|_linked)?=/.test(location.hash)) {
      return new URLSearchParams();
    }
    const values = new URLSearchParams(location.hash.slice(1));
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    return values;
  }

  /** The identity providers to offer: [{id, name, domains}] (domains: addresses that must sign in there). */
  async providers() {
    const response = await fetch(`${this.#baseUrl}/api/v1/auth/providers`);
    return response.ok ? (await response.json()).providers : [];
  }

  /**
   * Sends the browser to a provider to sign in. It comes back to returnTo (a path of the SPA) and start() completes
   * the sign-in. loginHint: the address typed, for the provider's form.
   */
  signInWith(providerId, returnTo = '/', loginHint = undefined) {
    const query = new URLSearchParams({ return_to: returnTo });
    if (loginHint) query.set('login_hint', loginHint);
    location.assign(`${this.#baseUrl}/api/v1/auth/providers/${encodeURIComponent(providerId)}/start?${query}`);
  }

  /**
   * Links a provider to the signed-in account (a step-up, as adding a passkey: mfaCode unless the sign-in is recent):
   * the browser goes to the provider and comes back to returnTo with provider = {linked}.
   */
  async linkProvider(providerId, { returnTo = '/', mfaCode } = {}) {
    const { url } = await this.json('POST', `/api/v1/auth/providers/${encodeURIComponent(providerId)}/link`,
      { return_to: returnTo, ...(mfaCode ? { mfa_code: mfaCode } : {}) });
    location.assign(url);
  }

  /** The providers' accounts linked to this one: [{id, provider, provider_name, email, linked_at, last_used_at}]. */
  async identities() {
    return (await this.json('GET', '/api/v1/auth/identities')).identities;
  }

  /** Unlinks one (a step-up); refused (409) when it is the last way to sign in. */
  async unlinkIdentity(id, mfaCode) {
    return this.json('DELETE', `/api/v1/auth/identities/${encodeURIComponent(id)}`, mfaCode ? { mfa_code: mfaCode } : {});
  }

  /** Whether this browser has WebAuthn, so that passkeys can be offered at all. */
  static get passkeysSupported() {
    return typeof window !== 'undefined' && typeof window.PublicKeyCredential === 'function'
      && !!navigator.credentials;
  }

  /** Whether the browser offers passkeys in the autofill of a username field (conditional UI). */
  static async passkeyAutofillSupported() {
    return Latchkey.passkeysSupported && typeof PublicKeyCredential.isConditionalMediationAvailable === 'function'
      && PublicKeyCredential.isConditionalMediationAvailable();
  }

  /**
   * Signs in with a password. Resolves to the user; or, for an account with a second factor, to
   * {mfaRequired: true, methods, completeMfa(code), completeWithPasskey()}: call completeMfa with a code from the
   * authenticator app or a recovery code, or (when methods includes 'webauthn') completeWithPasskey, and it
   * resolves to the user. A wrong code rejects with a LatchkeyError and can be tried again (five times); after
   * that, or after a few minutes, sign in again.
   */
  async login(email, password) {
    return this.#signedIn(await this.#request('POST', '/api/v1/auth/login', { email, password }));
  }

  /** Whether the operator turned on sign-in by emailed code (EMAIL_LOGIN_ENABLED). */
  async emailLoginEnabled() {
    const response = await fetch(`${this.#baseUrl}/api/v1/auth/login/email`, { credentials: 'include' });
    return response.ok && (await response.json()).enabled === true;
  }

  /** Mails a 6-digit code and a link to the address, if it has an account: the answer is the same either way. */
  requestEmailCode(email) {
    return this.#request('POST', '/api/v1/auth/login/email', { email });
  }

  /** Signs in with the mailed code; resolves as login() does (a second factor may follow). */
  async loginWithEmailCode(email, code) {
    return this.#signedIn(await this.#request('POST', '/api/v1/auth/login/email/verify', { email, code }));
  }

  /** Signs in with the token of the mailed link; resolves as login() does. */
  async loginWithEmailLink(token) {
    return this.#signedIn(await this.#request('POST', '/api/v1/auth/login/email/verify', { token }));
  }

  /** The signed-in user as they see themselves: {id, name, email, ..., locale, new_device_notice, pending_email}. */
  async me() {
    return (await this.json('GET', '/api/v1/auth/me')).user;
  }

  /** Changes name, locale (the language of mails) or new_device_notice; resolves to the user as me() does. */
  /** Saves the name, mail language or new-device notices; listeners of 'change' see the new name at once. */
  async updateProfile(changes) {
    const { user } = await this.json('PATCH', '/api/v1/auth/me', changes);
    this.#user = { ...this.#user, ...user };
    this.dispatchEvent(new CustomEvent('change', { detail: { user: this.#user } }));
    return user;
  }

  /** Sends the new address a link that makes the change (a step-up, as for disableTotp). */
  changeEmail(email, currentPassword, mfaCode) {
    return this.json('POST', '/api/v1/auth/email',
      { email, current_password: currentPassword, ...(mfaCode ? { mfa_code: mfaCode } : {}) });
  }

  /** Everything Latchkey holds about the user, as JSON (a step-up, as for disableTotp). */
  async exportAccount(mfaCode) {
    const response = await this.fetch('/api/v1/auth/account/export', mfaCode ? { headers: { 'X-MFA-Code': mfaCode } } : {});
    return Latchkey.#parse(response);
  }

  /** Deletes the account, proven by the password or a second-factor code; this browser is then signed out. */
  async deleteAccount({ password, mfaCode }) {
    const answer = await this.json('DELETE', '/api/v1/auth/account',
      { ...(password ? { password } : {}), ...(mfaCode ? { mfa_code: mfaCode } : {}) });
    this.#forget();
    return answer;
  }

  /** The answer of a first step: signed in, or a second step to complete. */
  #signedIn(answer) {
    if (answer.mfa_required) {
      const mfaToken = answer.mfa_token;
      return {
        mfaRequired: true,
        methods: answer.methods,
        completeMfa: async (code) => {
          this.#accept(await this.#request('POST', '/api/v1/auth/login/mfa', { mfa_token: mfaToken, code }));
          return this.#user;
        },
        completeWithPasskey: async () => {
          const options = await this.#request('POST', '/api/v1/auth/passkeys/login/options', { mfa_token: mfaToken });
          const credential = await navigator.credentials.get({ publicKey: requestOptions(options) });
          this.#accept(await this.#request('POST', '/api/v1/auth/login/mfa',
            { mfa_token: mfaToken, credential: credentialJson(credential) }));
          return this.#user;
        },
      };
    }
    this.#accept(answer);
    return this.#user;
  }

  /**
   * Signs in with a passkey, no password, and resolves to the user. With {conditional: true} the browser offers
   * the passkeys in the autofill of the field marked autocomplete="username webauthn" and resolves only when the
   * user picks one; abort it with {signal} before starting another sign-in. Rejects with the browser's
   * DOMException when the user cancels (NotAllowedError) or the request is aborted (AbortError).
   */
  async loginWithPasskey({ conditional = false, signal } = {}) {
    const options = await this.#request('POST', '/api/v1/auth/passkeys/login/options', {});
    const credential = await navigator.credentials.get({
      publicKey: requestOptions(options), signal, ...(conditional ? { mediation: 'conditional' } : {}),
    });
    this.#accept(await this.#request('POST', '/api/v1/auth/passkeys/login', credentialJson(credential)));
    return this.#user;
  }

  /**
   * Adds a passkey for the signed-in user (a step-up: mfaCode unless the user signed in a few minutes ago) and
   * resolves to it: {id, name, created_at, last_used_at, backed_up}.
   */
  async registerPasskey(mfaCode) {
    const options = await this.json('POST', '/api/v1/auth/passkeys/register/options', mfaCode ? { mfa_code: mfaCode } : {});
    const credential = await navigator.credentials.create({ publicKey: creationOptions(options) });
    return this.json('POST', '/api/v1/auth/passkeys/register', credentialJson(credential));
  }

  /** The signed-in user's passkeys, oldest first. */
  async passkeys() {
    return (await this.json('GET', '/api/v1/auth/passkeys')).passkeys;
  }

  renamePasskey(id, name) {
    return this.json('PATCH', `/api/v1/auth/passkeys/${encodeURIComponent(id)}`, { name });
  }

  /** Removes a passkey (a step-up, as for disableTotp); the user's other sessions end. */
  removePasskey(id, mfaCode) {
    return this.json('DELETE', `/api/v1/auth/passkeys/${encodeURIComponent(id)}`, mfaCode ? { mfa_code: mfaCode } : {});
  }

  /** The second factor of the signed-in user: {enabled, methods, totp: {added_at}, recovery_codes_left}. */
  mfa() {
    return this.json('GET', '/api/v1/auth/mfa');
  }

  /** Starts setting up an authenticator app: {secret, otpauth_uri, qr_code (an image URL), expires_at}. */
  startTotp(mfaCode) {
    return this.json('POST', '/api/v1/auth/mfa/totp', mfaCode ? { mfa_code: mfaCode } : {});
  }

  /** Turns the app on with a code it shows; resolves to the ten recovery codes, shown this once. */
  async confirmTotp(code) {
    return (await this.json('POST', '/api/v1/auth/mfa/totp/confirm', { code })).recovery_codes;
  }

  /** Turns the second factor off (a step-up: mfaCode unless the user signed in a few minutes ago). */
  disableTotp(mfaCode) {
    return this.json('DELETE', '/api/v1/auth/mfa/totp', mfaCode ? { mfa_code: mfaCode } : {});
  }

  /** New recovery codes in place of the old ones (a step-up, as for disableTotp). */
  async newRecoveryCodes(mfaCode) {
    return (await this.json('POST', '/api/v1/auth/mfa/recovery-codes', mfaCode ? { mfa_code: mfaCode } : {}))
      .recovery_codes;
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

  /**
   * fetch() with the access token; after a 401 it refreshes once and tries once more (but not for a step-up, which
   * a refresh cannot give).
   */
  async fetch(path, options = {}) {
    let response = await this.#authorized(path, options);
    if (response.status === 401 && this.#token && !(await Latchkey.#isStepUp(response))) {
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

  static async #isStepUp(response) {
    const body = await Latchkey.#body(response.clone());
    return body.type === STEP_UP;
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
