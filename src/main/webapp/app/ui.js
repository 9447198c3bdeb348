// What every view of the SPA shares: the client, DOM helpers, forms with the API's field errors, pages, step-ups.
import { Latchkey, LatchkeyError } from './latchkey.js';

export const auth = new Latchkey();
const main = document.getElementById('app');

/** State that outlives a page. */
export const state = {
  /** The pending passkey autofill of the sign-in page, aborted whenever another page is shown. */
  passkeyAutofill: null,
  /** Set while the account is being deleted: its page then stays on screen after the sign-out. */
  accountDeleted: false,
  /** Set by a password sign-in: the account page then suggests adding a passkey, once. */
  suggestPasskey: false,
};

/** A DOM element; children are nodes or text (never parsed as HTML). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else if (value !== false && value !== undefined) {
      element.setAttribute(name, value === true ? '' : value);
    }
  }
  element.append(...children.flat().filter((c) => c !== null && c !== undefined));
  return element;
}

/** A labelled input; {@code id} differs from the default where two forms of one page send the same field. */
export function field(name, label, type = 'text', autocomplete = 'off', id = `field-${name}`) {
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('input', { id, name, type, autocomplete, required: true, 'aria-describedby': `${id}-error` }),
    h('p', { class: 'error', id: `${id}-error`, 'data-error-for': name, role: 'alert' }));
}

/** A form that posts its fields and shows the API's field errors next to the fields. */
export function form(title, fields, submitLabel, action) {
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, submitLabel);
  const element = h('form', { novalidate: true, 'aria-label': title }, ...fields, submit, status);
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    element.querySelectorAll('.error').forEach((e) => { e.textContent = ''; });
    element.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
    status.textContent = '';
    status.classList.remove('failed');
    submit.disabled = true;
    try {
      await action(Object.fromEntries(new FormData(element)), status);
    } catch (error) {
      showError(element, status, error);
    } finally {
      submit.disabled = false;
    }
  });
  return element;
}

/** What to tell the user about an error of Latchkey or of the browser's WebAuthn. */
export function explain(error) {
  if (error instanceof LatchkeyError) return error.message;
  if (error && error.name === 'NotAllowedError') return 'No passkey was used: the request was cancelled or timed out.';
  if (error && error.name === 'InvalidStateError') return 'This device already holds a passkey for your account.';
  if (error && (error.name === 'NotSupportedError' || error.name === 'SecurityError')) {
    return 'Passkeys cannot be used on this page.';
  }
  return 'The service cannot be reached; try again.';
}

function showError(formElement, status, error) {
  if (!(error instanceof LatchkeyError)) {
    status.textContent = explain(error);
    return;
  }
  const errors = error.fieldErrors;
  let shown = false;
  for (const [name, message] of Object.entries(errors)) {
    const slot = formElement.querySelector(`[data-error-for="${CSS.escape(name)}"]`);
    if (slot) {
      slot.textContent = message;
      formElement.querySelector(`[name="${CSS.escape(name)}"]`)?.setAttribute('aria-invalid', 'true');
      shown = true;
    }
  }
  if (!shown) {
    status.textContent = error.message;
  }
  status.classList.add('failed');
}

/** Shows a view: the first field takes the focus on a form page, the main region on others. */
export function page(title, ...content) {
  state.passkeyAutofill?.abort();
  state.passkeyAutofill = null;
  const shown = content.filter((c) => c !== null && c !== undefined);
  document.title = `${title} · Latchkey`;
  main.replaceChildren(h('h1', {}, title), ...shown);
  const first = shown[0];
  (first instanceof HTMLFormElement ? first.querySelector('input') : main).focus();
}

export function go(route) {
  if (location.pathname !== '/') {
    location.href = `/#${route}`;
  } else {
    location.hash = route;
  }
}

/** Shows the current route's page again (a link to the page already shown changes no hash). */
export function showRouteAgain() {
  setTimeout(() => window.dispatchEvent(new HashChangeEvent('hashchange')));
}

/**
 * Runs a sensitive action; when Latchkey asks for a step-up, asks for a code in {@code container} and runs it once
 * more with that code.
 */
export async function withStepUp(container, action) {
  try {
    return await action(undefined);
  } catch (error) {
    if (!(error instanceof LatchkeyError) || !error.stepUpRequired || error.message === 'The code is not valid'
        || !(await auth.mfa()).enabled) {
      throw error; // without an app, only a new sign-in steps up, as the message says
    }
    const code = await new Promise((resolve) => {
      container.replaceChildren(
        h('p', {}, error.message),
        form('Confirm it is you', [field('mfa_code', 'Code from your authenticator app or a recovery code', 'text',
          'one-time-code')], 'Confirm', async ({ mfa_code: typed }) => resolve(typed)));
      container.querySelector('input').focus();
    });
    return action(code);
  }
}

/**
 * The page a mailed link opens. Nothing happens until the person presses its button: mail scanners that open every
 * link (with GET or HEAD, even running scripts) spend nothing.
 */
export function linkPage(title, explanation, buttonLabel, action, failedHint) {
  const status = h('p', { class: 'status', role: 'status' });
  const button = h('button', {
    type: 'button', id: 'confirm-link',
    onclick: async () => {
      button.disabled = true;
      try {
        await action();
      } catch (error) {
        page('This link does not work', h('p', { role: 'alert' }, explain(error)), h('p', {}, failedHint));
      }
    },
  }, buttonLabel);
  page(title, h('p', {}, explanation), h('p', {}, button), status);
}

export function signInOrAccount() {
  return h('p', {}, h('a', { href: auth.signedIn ? '/#/account' : '/#/login' }, auth.signedIn ? 'Your account' : 'Sign in'));
}
