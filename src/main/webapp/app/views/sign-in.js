// Signing in: password, passkey (button or autofill), emailed code or link, and the second step.
import { Latchkey } from '../latchkey.js';
import { auth, explain, field, form, go, h, linkPage, page, showRouteAgain, state } from '../ui.js';

/**
 * The sign-in page: email and password, or a passkey, by the button or (where the browser offers it) from the
 * email field's autofill.
 */
export function loginView() {
  if (auth.provider && auth.provider.mfaRequired) {
    const pending = auth.provider;
    auth.provider = null;
    secondStepPage(pending);
    return;
  }
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
      state.suggestPasskey = Latchkey.passkeysSupported;
      go('/account');
    }),
    Latchkey.passkeysSupported ? h('p', {},
      h('button', {
        type: 'button', id: 'passkey-sign-in',
        onclick: async () => {
          state.passkeyAutofill?.abort();
          passkeyStatus.textContent = '';
          try {
            await auth.loginWithPasskey();
            go('/account');
          } catch (error) {
            passkeyStatus.textContent = explain(error);
          }
        },
      }, 'Sign in with a passkey'), passkeyStatus) : null,
    h('div', { id: 'providers', class: 'providers' }),
    h('p', { class: 'status', role: 'alert', id: 'provider-status' }),
    h('p', { id: 'email-code-offer', hidden: true }, h('a', { href: '#/login/code' }, 'Email me a sign-in code instead')),
    h('p', {}, h('a', { href: '#/forgot' }, 'Forgot your password?')),
    h('p', {}, 'New here? ', h('a', { href: '#/register' }, 'Create an account')));
  offerPasskeyAutofill();
  offerProviders();
  auth.emailLoginEnabled().then((enabled) => {
    const offer = document.getElementById('email-code-offer');
    if (offer && enabled) offer.hidden = false;
  }).catch(() => {});
}

/**
 * Sign-in by emailed code: the address, then the 6-digit code from the mail (or its link, see emailSignInPage).
 * Where the service has it off, the route is the sign-in page, as its offer there is hidden.
 */
export async function emailCodeView() {
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
        h('p', {}, h('a', { href: '#/login', onclick: showRouteAgain }, 'Start again')));
    }),
    h('p', {}, h('a', { href: '#/login' }, 'Sign in with a password')));
}

const PROVIDER_PROBLEMS = {
  denied: 'The sign-in was cancelled at the provider.',
  expired: 'That took too long; try again.',
  account_exists: 'This address already has an account here. Sign in with your password or passkey, then connect'
    + ' the provider on your account page.',
  disabled: 'This account is disabled. Ask your administrator.',
  sso_required: 'This address signs in through your organisation\'s provider: use its button.',
  unverified_email: 'The provider did not confirm your email address, so no account was made. Confirm it there, or'
    + ' create an account here.',
  unavailable: 'The provider did not answer; try again later.',
  invalid: 'That sign-in could not be completed; start it again.',
};

/**
 * A button per identity provider; and "home realm discovery": an address of a domain that signs in through its
 * organisation's provider is sent there once typed, instead of being asked for a password.
 */
async function offerProviders() {
  const providers = await auth.providers().catch(() => []);
  const container = document.getElementById('providers');
  if (!container) return;
  container.replaceChildren(...providers.map((provider) => h('button', {
    type: 'button', class: 'provider', 'data-provider': provider.id,
    onclick: () => auth.signInWith(provider.id, '/'),
  }, `Continue with ${provider.name}`)));
  const status = document.getElementById('provider-status');
  if (auth.provider && auth.provider.error) {
    status.textContent = PROVIDER_PROBLEMS[auth.provider.error] || PROVIDER_PROBLEMS.invalid;
    auth.provider = null;
  }
  const email = document.querySelector('input[name="email"]');
  const password = document.querySelector('input[name="password"]');
  email?.addEventListener('change', () => {
    const domain = email.value.trim().toLowerCase().split('@')[1];
    const owner = providers.find((provider) => (provider.domains || []).includes(domain));
    if (owner) {
      status.textContent = `${email.value.trim()} signs in with ${owner.name}. Taking you there...`;
      if (password) password.required = false;
      auth.signInWith(owner.id, '/', email.value.trim());
    }
  });
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
  state.passkeyAutofill = controller;
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
    h('p', {}, h('a', { href: '#/login', onclick: showRouteAgain }, 'Start again')));
}

export function emailSignInPage(token) {
  linkPage('Sign in', 'Press the button to sign in with the link from your mail.', 'Sign in', async () => {
    afterFirstStep(await auth.loginWithEmailLink(token));
  }, 'Ask for a new code on the sign-in page.');
}
