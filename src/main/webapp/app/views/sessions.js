// The account's sessions: where and how each signed in, ending one or all the others.
import { auth, h } from '../ui.js';

export async function showSessions() {
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
