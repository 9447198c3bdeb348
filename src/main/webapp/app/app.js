// The Latchkey SPA: every flow of the API, with the client of latchkey.js. No framework, no build step.
import { Latchkey, LatchkeyError } from './latchkey.js';

const auth = new Latchkey();
const main = document.getElementById('app');
const nav = document.getElementById('nav');

/** The pending passkey autofill of the sign-in page, aborted whenever another page is shown. */
let passkeyAutofill = null;
/** Set while the account is being deleted: its page then stays on screen after the sign-out. */
let accountDeleted = false;
/** Set by a password sign-in: the account page then suggests adding a passkey, once. */
let suggestPasskey = false;

/** A DOM element; children are nodes or text (never parsed as HTML). */
function h(tag, attributes = {}, ...children) {
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
function field(name, label, type = 'text', autocomplete = 'off', id = `field-${name}`) {
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('input', { id, name, type, autocomplete, required: true, 'aria-describedby': `${id}-error` }),
    h('p', { class: 'error', id: `${id}-error`, 'data-error-for': name, role: 'alert' }));
}

/** A form that posts its fields and shows the API's field errors next to the fields. */
function form(title, fields, submitLabel, action) {
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
function explain(error) {
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
function page(title, ...content) {
  passkeyAutofill?.abort();
  passkeyAutofill = null;
  const shown = content.filter((c) => c !== null && c !== undefined);
  document.title = `${title} · Latchkey`;
  main.replaceChildren(h('h1', {}, title), ...shown);
  const first = shown[0];
  (first instanceof HTMLFormElement ? first.querySelector('input') : main).focus();
}

function go(route) {
  if (location.pathname !== '/') {
    location.href = `/#${route}`;
  } else {
    location.hash = route;
  }
}

const views = {
  '/register': () => page('Create an account',
    form('Create an account', [
      field('name', 'Name', 'text', 'name'),
      field('email', 'Email', 'email', 'email'),
      field('password', 'Password (8 characters or more)', 'password', 'new-password'),
      field('confirm_password', 'Password again', 'password', 'new-password'),
    ], 'Create account', async (fields) => {
      await auth.send('POST', '/api/v1/register/user', fields);
      go('/check-email');
    }),
    h('p', {}, 'Already registered? ', h('a', { href: '#/login' }, 'Sign in'))),

  '/check-email': () => page('Check your email',
    h('p', {}, 'We sent you a link to confirm your address. Open it to finish, then sign in.'),
    h('p', {}, h('a', { href: '#/login' }, 'Sign in'))),

  '/login': loginView,

  '/forgot': () => page('Forgot your password',
    form('Forgot your password', [field('email', 'Email', 'email', 'email')], 'Send me a link',
      async (fields, status) => {
        const { message } = await auth.send('POST', '/api/v1/auth/password/reset', fields);
        status.textContent = `${message}. If the address has an account, the link is on its way.`;
      }),
    h('p', {}, h('a', { href: '#/login' }, 'Back to sign in'))),

  '/account': accountView,

  '/login/code': emailCodeView,
};

/**
 * The sign-in page: email and password, or a passkey, by the button or (where the browser offers it) from the
 * email field's autofill.
 */
function loginView() {
  const passkeyStatus = h('p', { class: 'status', role: 'status', id: 'passkey-sign-in-status' });
  page('Sign in',
    form('Sign in', [
      field('email', 'Email', 'email', 'username webauthn'),
      field('password', 'Password', 'password', 'current-password'),
    ], 'Sign in', async ({ email, password }) => {
      const signedIn = await auth.login(email, password);
      if (signedIn.mfaRequired) {
        secondStepPage(signedIn);
        return;
      }
      suggestPasskey = Latchkey.passkeysSupported;
      go('/account');
    }),
    Latchkey.passkeysSupported ? h('p', {},
      h('button', {
        type: 'button', id: 'passkey-sign-in',
        onclick: async () => {
          passkeyAutofill?.abort();
          passkeyStatus.textContent = '';
          try {
            await auth.loginWithPasskey();
            go('/account');
          } catch (error) {
            passkeyStatus.textContent = explain(error);
          }
        },
      }, 'Sign in with a passkey'), passkeyStatus) : null,
    h('p', { id: 'email-code-offer', hidden: true }, h('a', { href: '#/login/code' }, 'Email me a sign-in code instead')),
    h('p', {}, h('a', { href: '#/forgot' }, 'Forgot your password?')),
    h('p', {}, 'New here? ', h('a', { href: '#/register' }, 'Create an account')));
  offerPasskeyAutofill();
  auth.emailLoginEnabled().then((enabled) => {
    const offer = document.getElementById('email-code-offer');
    if (offer && enabled) offer.hidden = false;
  }).catch(() => {});
}

/**
 * Sign-in by emailed code: the address, then the 6-digit code from the mail (or its link, see emailSignInPage).
 * Where the service has it off, the route is the sign-in page, as its offer there is hidden.
 */
async function emailCodeView() {
  if (!(await auth.emailLoginEnabled().catch(() => false))) {
    history.replaceState(null, '', '/#/login');
    loginView();
    return;
  }
  page('Sign in with a code',
    h('p', {}, 'We will email you a 6-digit code and a link. Either signs you in once, for 10 minutes.'),
    form('Email me a code', [field('email', 'Email', 'email', 'username')], 'Email me a code', async ({ email }) => {
      await auth.requestEmailCode(email);
      page('Enter your code',
        h('p', {}, `If ${email} has an account, a code is on its way. Enter it here, or open the link in the mail.`),
        form('Enter your code', [field('code', 'Code from the mail', 'text', 'one-time-code')], 'Sign in',
          async ({ code }) => afterFirstStep(await auth.loginWithEmailCode(email, code))),
        h('p', {}, h('a', { href: '#/login', onclick: () => setTimeout(route) }, 'Start again')));
    }),
    h('p', {}, h('a', { href: '#/login' }, 'Sign in with a password')));
}

/** Where a first step leads: the second step for an account that has one, the account page otherwise. */
function afterFirstStep(signedIn) {
  if (signedIn.mfaRequired) {
    secondStepPage(signedIn);
  } else {
    go('/account');
  }
}

/** Lets the browser offer the user's passkeys in the email field's autofill; aborted when the page changes. */
async function offerPasskeyAutofill() {
  const controller = new AbortController();
  passkeyAutofill = controller;
  if (!(await Latchkey.passkeyAutofillSupported()) || controller.signal.aborted) {
    return;
  }
  try {
    await auth.loginWithPasskey({ conditional: true, signal: controller.signal });
    go('/account');
  } catch {
    // Aborted for the button or another page, or nothing picked: the form is still there.
  }
}

/** The second step of a login: a code from the authenticator app, a recovery code, or a passkey. */
function secondStepPage(pending) {
  const passkeyStatus = h('p', { class: 'status', role: 'status', id: 'mfa-passkey-status' });
  page('Two-step sign-in',
    h('p', {}, 'Enter the 6-digit code from your authenticator app, or one of your recovery codes.'),
    form('Two-step sign-in', [field('code', 'Code', 'text', 'one-time-code')], 'Continue', async ({ code }) => {
      await pending.completeMfa(code);
      go('/account');
    }),
    pending.methods.includes('webauthn') && Latchkey.passkeysSupported ? h('p', {},
      h('button', {
        type: 'button', id: 'mfa-passkey',
        onclick: async () => {
          passkeyStatus.textContent = '';
          try {
            await pending.completeWithPasskey();
            go('/account');
          } catch (error) {
            passkeyStatus.textContent = explain(error);
          }
        },
      }, 'Use a passkey instead'), passkeyStatus) : null,
    h('p', {}, h('a', { href: '#/login', onclick: () => setTimeout(route) }, 'Start again')));
}

/**
 * Runs a sensitive action; when Latchkey asks for a step-up, asks for a code in {@code container} and runs it once
 * more with that code.
 */
async function withStepUp(container, action) {
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

async function showSecondFactor() {
  const container = document.getElementById('mfa');
  const status = await auth.mfa();
  const message = h('p', { class: 'status', role: 'status', id: 'mfa-status' });
  const run = (action) => async () => {
    try {
      await action();
    } catch (error) {
      await showSecondFactor();
      document.getElementById('mfa-status').textContent = error.message;
    }
  };
  if (!status.enabled) {
    container.replaceChildren(
      h('p', {}, 'Two-step sign-in is off. With it on, signing in also takes a code from an app on your phone.'),
      h('button', { type: 'button', id: 'mfa-start', onclick: run(() => startEnrolment(container)) },
        'Set up an authenticator app'),
      message);
    return;
  }
  container.replaceChildren(
    h('p', { id: 'mfa-on' }, `Two-step sign-in is on (since ${new Date(status.totp.added_at).toLocaleDateString()}).`
      + ` ${status.recovery_codes_left} recovery codes left.`),
    h('div', { class: 'actions' },
      h('button', {
        type: 'button', id: 'mfa-new-codes',
        onclick: run(async () => showRecoveryCodes(container,
          await withStepUp(container, (code) => auth.newRecoveryCodes(code)))),
      }, 'Make new recovery codes'),
      h('button', {
        type: 'button', id: 'mfa-disable',
        onclick: run(async () => {
          await withStepUp(container, (code) => auth.disableTotp(code));
          await showSecondFactor();
          await showSessions();
        }),
      }, 'Turn off two-step sign-in')),
    message);
}

/** The user's passkeys: add one, rename or remove each. */
async function showPasskeys() {
  const container = document.getElementById('passkeys');
  const prompt = document.getElementById('passkey-prompt');
  const passkeys = await auth.passkeys();
  const message = h('p', { class: 'status', role: 'status', id: 'passkeys-status' });
  const run = (action) => async () => {
    try {
      await action();
    } catch (error) {
      await showPasskeys();
      document.getElementById('passkeys-status').textContent = explain(error);
    }
  };
  const add = run(async () => {
    suggestPasskey = false;
    await withStepUp(container, (code) => auth.registerPasskey(code));
    await showPasskeys();
  });
  prompt.replaceChildren(...(suggestPasskey && passkeys.length === 0 ? [h('div', { class: 'prompt' },
    h('p', {}, 'Sign in faster next time, without a password: add a passkey. Your device keeps it, unlocked by'
      + ' your fingerprint, face or screen lock.'),
    h('button', { type: 'button', id: 'passkey-prompt-add', onclick: add }, 'Add a passkey'), ' ',
    h('button', { type: 'button', class: 'link', id: 'passkey-prompt-dismiss',
      onclick: () => { suggestPasskey = false; prompt.replaceChildren(); } }, 'Not now'))] : []));
  const row = (passkey) => h('li', { 'data-passkey': passkey.id },
    h('span', { class: 'passkey-name' }, passkey.name),
    ` · added ${new Date(passkey.created_at).toLocaleDateString()} · `
      + (passkey.last_used_at ? `last used ${new Date(passkey.last_used_at).toLocaleString()}` : 'not used yet'),
    ' ',
    h('button', { type: 'button', class: 'link', 'data-action': 'rename', onclick: (event) => rename(event, passkey) },
      'Rename'),
    ' ',
    h('button', {
      type: 'button', class: 'link', 'data-action': 'remove',
      onclick: run(async () => {
        await withStepUp(container, (code) => auth.removePasskey(passkey.id, code));
        await showPasskeys();
        await showSessions();
        document.getElementById('passkeys-status').textContent = `"${passkey.name}" was removed;`
          + ' your other sessions were signed out.';
      }),
    }, 'Remove'));
  const rename = (event, passkey) => {
    const renaming = form('Rename the passkey', [field('name', 'New name', 'text', 'off')], 'Save', async ({ name }) => {
      await auth.renamePasskey(passkey.id, name);
      await showPasskeys();
    });
    renaming.querySelector('input').value = passkey.name;
    event.target.closest('li').replaceChildren(renaming);
    renaming.querySelector('input').focus();
  };
  container.replaceChildren(
    passkeys.length === 0
      ? h('p', {}, 'No passkeys yet. A passkey signs you in without a password, and completes two-step sign-in.')
      : h('ul', { class: 'passkeys', id: 'passkey-list' }, passkeys.map(row)),
    Latchkey.passkeysSupported ? h('button', { type: 'button', id: 'passkey-add', onclick: add }, 'Add a passkey') : null,
    message);
}

async function startEnrolment(container) {
  const enrolment = await withStepUp(container, (code) => auth.startTotp(code));
  container.replaceChildren(
    h('p', {}, 'Scan this code with your authenticator app, or type the key into it. Then enter the code it shows.'),
    h('img', { id: 'totp-qr', src: enrolment.qr_code, alt: 'QR code for your authenticator app', width: 200, height: 200 }),
    h('p', {}, 'Key: ', h('code', { id: 'totp-secret' }, enrolment.secret)),
    form('Turn on two-step sign-in', [field('code', 'Code from the app', 'text', 'one-time-code')], 'Turn on',
      async ({ code }) => showRecoveryCodes(container, await auth.confirmTotp(code))));
  container.querySelector('input').focus();
}

function showRecoveryCodes(container, codes) {
  const file = URL.createObjectURL(new Blob([`Latchkey recovery codes\n\n${codes.join('\n')}\n`], { type: 'text/plain' }));
  container.replaceChildren(
    h('p', {}, 'Your recovery codes. Each signs you in once if you lose your phone. Keep them somewhere safe:'
      + ' they are shown only now.'),
    h('ul', { id: 'recovery-codes', class: 'codes' }, codes.map((code) => h('li', {}, h('code', {}, code)))),
    h('a', { href: file, download: 'latchkey-recovery-codes.txt', id: 'recovery-download' }, 'Download them'),
    ' ',
    h('button', { type: 'button', id: 'recovery-done', onclick: () => showSecondFactor() }, 'I have kept them'));
}

async function accountView() {
  if (!auth.signedIn) {
    go('/login');
    return;
  }
  const user = await auth.me();
  const verified = user.email_verified_at !== null;
  const resendStatus = h('p', { class: 'status', role: 'status' });
  page('Your account',
    h('div', { id: 'passkey-prompt' }),
    h('dl', { class: 'user' },
      h('dt', {}, 'Name'), h('dd', { id: 'user-name' }, user.name),
      h('dt', {}, 'Email'), h('dd', { id: 'user-email' }, user.email),
      h('dt', {}, 'Email verified'), h('dd', { id: 'user-verified' }, verified ? 'yes' : 'not yet'),
      user.pending_email ? [h('dt', {}, 'New address'),
        h('dd', { id: 'user-pending-email' }, `${user.pending_email} (waiting for you to open the link we sent it)`)]
        : null),
    verified ? null : h('p', {},
      h('button', {
        type: 'button', id: 'resend',
        onclick: async () => {
          try {
            resendStatus.textContent = (await auth.json('POST', `/api/v1/auth/verify/resend/${user.id}`)).message;
          } catch (error) {
            resendStatus.textContent = error.message;
          }
        },
      }, 'Send the verification email again'), resendStatus),
    h('h2', {}, 'Passkeys'),
    h('div', { id: 'passkeys' }),
    h('h2', {}, 'Two-step sign-in'),
    h('div', { id: 'mfa' }),
    h('h2', {}, 'Sessions'),
    h('div', { id: 'sessions' }),
    h('h2', {}, 'Change your password'),
    form('Change your password', [
      field('current_password', 'Current password', 'password', 'current-password'),
      field('password', 'New password', 'password', 'new-password'),
      field('confirm_password', 'New password again', 'password', 'new-password'),
    ], 'Change password', async (fields, status) => {
      const changed = await withStepUp(document.getElementById('password-step-up'),
        (code) => auth.json('PATCH', '/api/v1/auth/password', { ...fields, mfa_code: code }));
      document.getElementById('password-step-up').replaceChildren();
      status.textContent = changed.message;
      await showSessions();
    }),
    h('div', { id: 'password-step-up' }),
    h('h2', {}, 'Your profile'),
    profileForm(user),
    h('h2', {}, 'Change your email address'),
    form('Change your email address', [
      field('email', 'New email address', 'email', 'email', 'field-new-email'),
      field('current_password', 'Current password', 'password', 'current-password', 'field-email-password'),
    ], 'Send a link to the new address', async ({ email, current_password: password }, status) => {
      const container = document.getElementById('email-step-up');
      const { message } = await withStepUp(container, (code) => auth.changeEmail(email, password, code));
      container.replaceChildren();
      status.textContent = `${message}. Until then you keep signing in with ${user.email}.`;
    }),
    h('div', { id: 'email-step-up' }),
    h('h2', {}, 'Your data'),
    h('p', {}, 'Download everything this service holds about you, as a JSON file.'),
    h('p', {}, h('button', { type: 'button', id: 'export', onclick: exportData }, 'Download my data'),
      h('span', { id: 'export-status', role: 'status' })),
    h('div', { id: 'export-step-up' }),
    h('h2', {}, 'Delete your account'),
    h('div', { id: 'delete' }, h('button', { type: 'button', id: 'delete-start', onclick: confirmDeletion },
      'Delete my account…')));
  await Promise.all([showPasskeys(), showSecondFactor(), showSessions()]);
}

/** Name, the language of mails, and whether to be told of sign-ins from new devices. */
function profileForm(user) {
  const language = h('select', { id: 'field-locale', name: 'locale' },
    [['en', 'English'], ['de', 'Deutsch']].map(([code, label]) =>
      h('option', { value: code, selected: user.locale === code }, label)));
  const notice = h('input', { id: 'field-new_device_notice', name: 'new_device_notice', type: 'checkbox',
    checked: user.new_device_notice });
  const profile = form('Your profile', [
    field('name', 'Name', 'text', 'name'),
    h('div', { class: 'field' }, h('label', { for: 'field-locale' }, 'Language of our mails'), language),
    h('div', { class: 'field' }, h('label', { class: 'check' }, notice, 'Email me when someone signs in from a new device')),
  ], 'Save', async ({ name }, status) => {
    const saved = await auth.updateProfile({ name, locale: language.value, new_device_notice: notice.checked });
    document.getElementById('user-name').textContent = saved.name;
    status.textContent = 'Saved.';
  });
  profile.querySelector('#field-name').value = user.name;
  return profile;
}

async function exportData() {
  const status = document.getElementById('export-status');
  status.textContent = '';
  try {
    const data = await withStepUp(document.getElementById('export-step-up'), (code) => auth.exportAccount(code));
    document.getElementById('export-step-up').replaceChildren();
    const file = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
    const link = h('a', { href: file, download: 'latchkey-account.json', id: 'export-download' }, 'latchkey-account.json');
    status.replaceChildren(' Ready: ', link);
    link.click();
  } catch (error) {
    status.textContent = ` ${explain(error)}`;
  }
}

/** Deletion is behind a second page: what goes, and the password (or a code) to prove it is the owner. */
function confirmDeletion() {
  const container = document.getElementById('delete');
  container.replaceChildren(
    h('p', { role: 'alert' }, 'This deletes your account, its sessions, passkeys and two-step sign-in for good.'
      + ' It cannot be undone.'),
    form('Delete your account', [field('password', 'Your password', 'password', 'current-password', 'field-delete-password')],
      'Delete my account forever', async ({ password }) => {
        accountDeleted = true; // the sign-out that follows must not send this page to the sign-in page
        try {
          await withStepUp(container, (code) => auth.deleteAccount({ password, mfaCode: code }));
        } finally {
          accountDeleted = auth.signedIn === false;
        }
        history.replaceState(null, '', '/#/login');
        page('Account deleted', h('p', { role: 'status' }, 'Your account was deleted. We sent a last mail to confirm it.'),
          h('p', {}, h('a', { href: '/#/register' }, 'Create an account')));
      }),
    h('button', { type: 'button', class: 'link', id: 'delete-cancel', onclick: () => container.replaceChildren(
      h('button', { type: 'button', id: 'delete-start', onclick: confirmDeletion }, 'Delete my account…')) }, 'Cancel'));
  container.querySelector('input').focus();
}

async function showSessions() {
  const container = document.getElementById('sessions');
  const { sessions } = await auth.json('GET', '/api/v1/auth/sessions');
  const revoke = (path) => async () => {
    await auth.json('DELETE', path);
    await showSessions();
  };
  container.replaceChildren(...[
    h('ul', { class: 'sessions' }, sessions.map((s) => h('li', { 'data-session': s.id },
      h('span', {}, `${s.current ? `This device (${s.device})` : s.device} · ${s.ip || 'unknown address'}`
        + ` · signed in with ${signedInWith(s.amr || ['pwd'])}`
        + ` · last used ${new Date(s.last_used_at).toLocaleString()}`),
      s.current ? null : h('button', { type: 'button', class: 'link', onclick: revoke(`/api/v1/auth/sessions/${s.id}`) },
        'Sign out')))),
    sessions.length > 1
      ? h('button', { type: 'button', id: 'sign-out-others', onclick: revoke('/api/v1/auth/sessions') },
        'Sign out everywhere else')
      : null].filter(Boolean));
}

function signedInWith(amr) {
  return [amr.includes('pwd') ? 'password' : null, amr.includes('otp') ? 'code' : null,
    amr.includes('hwk') ? 'passkey' : null].filter(Boolean).join(' and ');
}


/**
 * The page a mailed link opens. Nothing happens until the person presses its button: mail scanners that open every
 * link (with GET or HEAD, even running scripts) spend nothing.
 */
function linkPage(title, explanation, buttonLabel, action, failedHint) {
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

function signInOrAccount() {
  return h('p', {}, h('a', { href: auth.signedIn ? '/#/account' : '/#/login' }, auth.signedIn ? 'Your account' : 'Sign in'));
}

function verifyEmailPage(token) {
  linkPage('Verify your email', 'Press the button to confirm that this is your email address.',
    'Verify my email address', async () => {
      const { message } = await auth.send('PATCH', '/api/v1/auth/verify/email', { token });
      page('Email verified', h('p', { role: 'status' }, message), signInOrAccount());
    }, 'Sign in and ask for a new one from your account page.');
}

function confirmEmailChangePage(token) {
  linkPage('Confirm your new email address', 'Press the button to use this address for your account from now on.',
    'Use this address', async () => {
      const { message, user } = await auth.send('POST', '/api/v1/auth/email/confirm', { token });
      page('Email address changed', h('p', { role: 'status' }, `${message}: ${user.email}.`), signInOrAccount());
    }, 'Ask for the change again from your account page.');
}

function undoEmailChangePage(token) {
  linkPage('Undo the change of your email address',
    'Press the button to give your account this address back. Every session, including whoever made the change,'
    + ' will be signed out, and the password will stop working: we mail you a link to choose a new one.',
    'Undo the change', async () => {
      const { message, user } = await auth.send('POST', '/api/v1/auth/email/undo', { token });
      await auth.logout().catch(() => {});
      page('Email address restored', h('p', { role: 'status' }, `${message}. Your address is ${user.email} again.`),
        h('p', {}, 'Open the link we just mailed to this address to choose a new password, then sign in.'));
    }, 'The link may have been used already, or be older than 7 days.');
}

function emailSignInPage(token) {
  linkPage('Sign in', 'Press the button to sign in with the link from your mail.', 'Sign in', async () => {
    afterFirstStep(await auth.loginWithEmailLink(token));
  }, 'Ask for a new code on the sign-in page.');
}

function newPasswordPage(token) {
  page('Choose a new password',
    form('Choose a new password', [
      field('password', 'New password (8 characters or more)', 'password', 'new-password'),
      field('confirm_password', 'New password again', 'password', 'new-password'),
    ], 'Set password', async (fields) => {
      const { message } = await auth.send('PATCH', '/api/v1/auth/password/update', { ...fields, token });
      page('Password changed', h('p', { role: 'status' }, `${message}. Every session was signed out.`),
        h('p', {}, h('a', { href: '/#/login' }, 'Sign in')));
    }));
}

function renderNav() {
  nav.replaceChildren(...(auth.signedIn
    ? [h('span', { id: 'signed-in-as' }, auth.user.name), h('a', { href: '/#/account' }, 'Account'),
      h('button', { type: 'button', class: 'link', id: 'logout', onclick: async () => { await auth.logout(); go('/login'); } },
        'Sign out')]
    : [h('a', { href: '/#/login' }, 'Sign in'), h('a', { href: '/#/register' }, 'Create an account')]));
}

async function route() {
  const token = new URLSearchParams(location.search).get('token');
  if (location.pathname.startsWith('/verify/email')) {
    return verifyEmailPage(token);
  }
  if (location.pathname.startsWith('/password/reset')) {
    location.replace('/#/forgot');
    return undefined;
  }
  if (location.pathname.startsWith('/password/update')) {
    return newPasswordPage(token);
  }
  if (location.pathname.startsWith('/email/confirm')) {
    return confirmEmailChangePage(token);
  }
  if (location.pathname.startsWith('/email/undo')) {
    return undoEmailChangePage(token);
  }
  if (location.pathname.startsWith('/login/email')) {
    return emailSignInPage(token);
  }
  const view = views[location.hash.slice(1)] || views[auth.signedIn ? '/account' : '/login'];
  try {
    await view();
  } catch (error) {
    page('Something went wrong', h('p', { role: 'alert' }, error.message));
  }
}

auth.addEventListener('change', () => {
  renderNav();
  if (!auth.signedIn && location.hash === '#/account' && !accountDeleted) {
    go('/login');
  }
});
window.addEventListener('hashchange', route);
await auth.start();
renderNav();
await route();
document.body.dataset.ready = 'true';
