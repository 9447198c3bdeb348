// The account's passkeys: add one (suggested once after a password sign-in), rename or remove each.
import { Latchkey } from '../latchkey.js';
import { auth, explain, field, form, h, state, withStepUp } from '../ui.js';
import { showSessions } from './sessions.js';

/** The user's passkeys: add one, rename or remove each. */
export async function showPasskeys() {
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
    state.suggestPasskey = false;
    await withStepUp(container, (code) => auth.registerPasskey(code));
    await showPasskeys();
  });
  prompt.replaceChildren(...(state.suggestPasskey && passkeys.length === 0 ? [h('div', { class: 'prompt' },
    h('p', {}, 'Sign in faster next time, without a password: add a passkey. Your device keeps it, unlocked by'
      + ' your fingerprint, face or screen lock.'),
    h('button', { type: 'button', id: 'passkey-prompt-add', onclick: add }, 'Add a passkey'), ' ',
    h('button', { type: 'button', class: 'link', id: 'passkey-prompt-dismiss',
      onclick: () => { state.suggestPasskey = false; prompt.replaceChildren(); } }, 'Not now'))] : []));
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
