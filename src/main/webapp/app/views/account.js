// The account page: profile, password, address, data and deletion; and the pages of the address change's links.
import { auth, explain, field, form, go, h, linkPage, page, signInOrAccount, state, withStepUp } from '../ui.js';
import { showConnected } from './connected.js';
import { showPasskeys } from './passkeys.js';
import { showSecondFactor } from './second-factor.js';
import { showSessions } from './sessions.js';

export async function accountView() {
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
    h('h2', {}, 'Connected accounts'),
    h('div', { id: 'connected' }),
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
  await Promise.all([showPasskeys(), showSecondFactor(), showSessions(), showConnected()]);
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
        state.accountDeleted = true; // the sign-out that follows must not send this page to the sign-in page
        try {
          await withStepUp(container, (code) => auth.deleteAccount({ password, mfaCode: code }));
        } finally {
          state.accountDeleted = auth.signedIn === false;
        }
        history.replaceState(null, '', '/#/login');
        page('Account deleted', h('p', { role: 'status' }, 'Your account was deleted. We sent a last mail to confirm it.'),
          h('p', {}, h('a', { href: '/#/register' }, 'Create an account')));
      }),
    h('button', { type: 'button', class: 'link', id: 'delete-cancel', onclick: () => container.replaceChildren(
      h('button', { type: 'button', id: 'delete-start', onclick: confirmDeletion }, 'Delete my account…')) }, 'Cancel'));
  container.querySelector('input').focus();
}

export function confirmEmailChangePage(token) {
  linkPage('Confirm your new email address', 'Press the button to use this address for your account from now on.',
    'Use this address', async () => {
      const { message, user } = await auth.send('POST', '/api/v1/auth/email/confirm', { token });
      page('Email address changed', h('p', { role: 'status' }, `${message}: ${user.email}.`), signInOrAccount());
    }, 'Ask for the change again from your account page.');
}

export function undoEmailChangePage(token) {
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
