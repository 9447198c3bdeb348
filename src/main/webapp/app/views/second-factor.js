// Two-step sign-in with an authenticator app: setting it up, recovery codes, turning it off.
import { auth, field, form, h, withStepUp } from '../ui.js';
import { showSessions } from './sessions.js';

export async function showSecondFactor() {
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
