// Creating an account and verifying its address; a forgotten password and the new one.
import { auth, field, form, go, h, linkPage, page, signInOrAccount } from '../ui.js';

/** Registration; the API's field errors show next to their fields. */
export function registerView() {
  page('Create an account',
    form('Create an account', [
      field('name', 'Name', 'text', 'name'),
      field('email', 'Email', 'email', 'email'),
      field('password', 'Password (8 characters or more)', 'password', 'new-password'),
      field('confirm_password', 'Password again', 'password', 'new-password'),
    ], 'Create account', async (fields) => {
      await auth.send('POST', '/api/v1/register/user', fields);
      go('/check-email');
    }),
    h('p', {}, 'Already registered? ', h('a', { href: '#/login' }, 'Sign in')));
}

export function checkEmailView() {
  page('Check your email',
    h('p', {}, 'We sent you a link to confirm your address. Open it to finish, then sign in.'),
    h('p', {}, h('a', { href: '#/login' }, 'Sign in')));
}

/** The page of a forgotten password: the same answer for every address. */
export function forgotView() {
  page('Forgot your password',
    form('Forgot your password', [field('email', 'Email', 'email', 'email')], 'Send me a link',
      async (fields, status) => {
        const { message } = await auth.send('POST', '/api/v1/auth/password/reset', fields);
        status.textContent = `${message}. If the address has an account, the link is on its way.`;
      }),
    h('p', {}, h('a', { href: '#/login' }, 'Back to sign in')));
}

export function verifyEmailPage(token) {
  linkPage('Verify your email', 'Press the button to confirm that this is your email address.',
    'Verify my email address', async () => {
      const { message } = await auth.send('PATCH', '/api/v1/auth/verify/email', { token });
      page('Email verified', h('p', { role: 'status' }, message), signInOrAccount());
    }, 'Sign in and ask for a new one from your account page.');
}

export function newPasswordPage(token) {
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
