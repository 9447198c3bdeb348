// The account's connected accounts: the identity providers linked to it, link another, unlink one.
import { auth, explain, h, withStepUp } from '../ui.js';

const PROBLEMS = {
  account_exists: 'That account is already connected to another account here.',
  denied: 'The provider did not connect the account.',
  expired: 'That took too long; try again.',
  sso_required: 'Your address signs in through your organisation\'s provider only.',
  unavailable: 'The provider did not answer; try again later.',
};

/** Linked identities, and a button for each provider not linked yet. */
export async function showConnected() {
  const container = document.getElementById('connected');
  const [identities, providers] = await Promise.all([auth.identities(), auth.providers()]);
  const status = h('p', { class: 'status', role: 'status', id: 'connected-status' });
  const run = (action) => async () => {
    try {
      await action();
    } catch (error) {
      await showConnected();
      document.getElementById('connected-status').textContent = explain(error);
    }
  };
  const linked = new Set(identities.map((identity) => identity.provider));
  container.replaceChildren(
    identities.length === 0 ? h('p', {}, 'No connected accounts. Connect one to sign in with it.')
      : h('ul', { class: 'identities', id: 'identity-list' }, identities.map((identity) => h('li',
        { 'data-identity': identity.id, 'data-provider': identity.provider },
        h('span', { class: 'identity-provider' }, identity.provider_name),
        identity.email ? ` (${identity.email})` : '',
        ` · connected ${new Date(identity.linked_at).toLocaleDateString()} · `
          + (identity.last_used_at ? `last used ${new Date(identity.last_used_at).toLocaleString()}` : 'not used yet'),
        ' ',
        h('button', {
          type: 'button', class: 'link', 'data-action': 'unlink',
          onclick: run(async () => {
            await withStepUp(container, (code) => auth.unlinkIdentity(identity.id, code));
            await showConnected();
            document.getElementById('connected-status').textContent = `${identity.provider_name} was disconnected.`;
          }),
        }, 'Disconnect')))),
    h('p', {}, providers.filter((provider) => !linked.has(provider.id)).map((provider) => h('button', {
      type: 'button', class: 'provider', 'data-link': provider.id,
      onclick: run(() => withStepUp(container, (code) => auth.linkProvider(provider.id,
        { returnTo: '/', mfaCode: code }))),
    }, `Connect ${provider.name}`))),
    status);
  const back = auth.provider;
  if (back && (back.linked || back.error)) {
    status.textContent = back.linked
      ? `${(providers.find((p) => p.id === back.linked) || { name: back.linked }).name} is connected.`
      : PROBLEMS[back.error] || 'The account could not be connected.';
    auth.provider = null;
  }
}
