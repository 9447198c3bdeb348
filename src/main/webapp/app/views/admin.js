// The admin pages (#/admin): find users as you type, act on one behind a confirmation that names them, read the
// audit trail. Shown only to admins; the API checks every call anyway.
import { auth, explain, field, go, h, page, withStepUp } from '../ui.js';

const PAGE = 50;

/** #/admin: the user list, with search-as-you-type, filters and endless paging. */
export async function adminUsersView() {
  const search = h('input', { id: 'admin-search', type: 'search', name: 'q', autocomplete: 'off',
    placeholder: 'Address or name', 'aria-label': 'Search users by address or name' });
  const filter = (name, label, options) => h('div', { class: 'field' }, h('label', { for: `admin-${name}` }, label),
    h('select', { id: `admin-${name}`, name }, options.map(([value, text]) => h('option', { value }, text))));
  const filters = h('div', { class: 'filters' },
    filter('verified', 'Address', [['', 'Any'], ['true', 'Verified'], ['false', 'Not verified']]),
    filter('disabled', 'State', [['', 'Any'], ['false', 'Enabled'], ['true', 'Disabled']]),
    filter('mfa', 'Second factor', [['', 'Any'], ['true', 'With'], ['false', 'Without']]),
    filter('sort', 'Sort by', [['created', 'Newest'], ['last_sign_in', 'Last sign-in']]));
  const list = h('ul', { class: 'admin-users', id: 'admin-users', 'aria-live': 'polite' });
  const status = h('p', { class: 'status', role: 'status', id: 'admin-users-status' });
  const more = h('button', { type: 'button', id: 'admin-more', hidden: true }, 'Show more');
  page('Users', h('p', {}, h('a', { href: '/#/admin/audit' }, 'Audit trail')), search, filters, list, more, status);
  search.focus();

  let cursor = null;
  let generation = 0;   // a newer query makes the answers of older ones stale
  const query = () => {
    const parameters = new URLSearchParams({ limit: PAGE });
    if (search.value.trim()) parameters.set('q', search.value.trim());
    for (const select of filters.querySelectorAll('select')) {
      if (select.value) parameters.set(select.name, select.value);
    }
    if (cursor) parameters.set('cursor', cursor);
    return parameters;
  };
  const load = async (fresh) => {
    const mine = fresh ? ++generation : generation;
    if (fresh) cursor = null;
    more.disabled = true;
    try {
      const answer = await auth.json('GET', `/api/v1/admin/users?${query()}`);
      if (mine !== generation) return;
      if (fresh) list.replaceChildren();
      list.append(...answer.users.map(userRow));
      cursor = answer.next_cursor;
      more.hidden = !cursor;
      status.textContent = list.children.length === 0 ? 'No user matches.' : '';
    } catch (error) {
      if (mine === generation) status.textContent = explain(error);
    } finally {
      more.disabled = false;
    }
  };
  let typing = null;
  search.addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(() => load(true), 200); });
  filters.addEventListener('change', () => load(true));
  more.addEventListener('click', () => load(false));
  // Endless paging: the next page comes when the button scrolls into view; the button stays for keyboards.
  new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting) && !more.hidden && !more.disabled) load(false);
  }).observe(more);
  await load(true);
}

function userRow(user) {
  const badges = [user.disabled ? 'disabled' : null, user.email_verified_at ? null : 'not verified',
    user.mfa ? 'second factor' : null, user.admin ? 'admin' : null].filter(Boolean);
  return h('li', { 'data-user': user.id },
    h('a', { href: `/#/admin/users/${user.id}` }, h('span', { class: 'user-name' }, user.name), ' ',
      h('span', { class: 'user-email' }, user.email)),
    h('span', { class: 'badges' }, badges.map((b) => h('span', { class: `badge badge-${b.replace(/ /g, '-')}` }, b))),
    h('span', { class: 'muted' }, user.last_sign_in_at
      ? `last sign-in ${new Date(user.last_sign_in_at).toLocaleString()}` : 'never signed in'));
}

/** #/admin/users/<id>: one user, what helps to answer "why can't they sign in?", and the actions. */
export async function adminUserView(id) {
  const user = await auth.json('GET', `/api/v1/admin/users/${encodeURIComponent(id)}`);
  const who = `${user.name} (${user.email})`;
  const status = h('p', { class: 'status', role: 'status', id: 'admin-action-status' });
  const confirmation = h('div', { id: 'admin-confirm' });
  const fact = (term, value) => [h('dt', {}, term), h('dd', {}, value)];
  const when = (instant) => (instant ? new Date(instant).toLocaleString() : 'never');
  const done = async (message) => {
    await adminUserView(id);
    document.getElementById('admin-action-status').textContent = message;
  };
  const run = (action, body = {}) => withStepUp(confirmation, (code) => auth.json('POST',
    `/api/v1/admin/users/${encodeURIComponent(id)}/${action}`, code ? { ...body, mfa_code: code } : body));
  const simple = (action, label) => h('button', {
    type: 'button', 'data-action': action,
    onclick: async () => {
      try {
        await done((await run(action)).message);
      } catch (error) {
        status.textContent = explain(error);
      }
    },
  }, label);
  // Destructive actions ask first, naming the user, and take a reason for the audit trail.
  const confirmed = (action, label, explanation, extraFields = []) => h('button', {
    type: 'button', class: 'danger', 'data-action': action,
    onclick: () => {
      const reason = field('reason', 'Reason (kept in the audit trail)', 'text');
      reason.querySelector('input').required = false;
      const form = h('form', { 'aria-label': `${label} ${who}` },
        h('p', { class: 'confirm-question' }, `${label} ${who}? ${explanation}`), reason, ...extraFields,
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'danger', id: 'admin-confirm-yes' },
          `${label} ${user.name}`),
        h('button', { type: 'button', class: 'link', id: 'admin-confirm-no',
          onclick: () => confirmation.replaceChildren() }, 'Cancel')));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const body = Object.fromEntries([...new FormData(form)].filter(([, value]) => value !== ''));
        if (body.until) body.until = new Date(body.until).toISOString();
        try {
          if (action === 'delete') {
            await withStepUp(confirmation, (code) => auth.json('DELETE', `/api/v1/admin/users/${encodeURIComponent(id)}`,
              code ? { ...body, mfa_code: code } : body));
            go('/admin');
            return;
          }
          await done((await run(action, body)).message);
        } catch (error) {
          status.textContent = explain(error);
        }
      });
      confirmation.replaceChildren(form);
      form.querySelector('input').focus();
    },
  }, label);
  const until = h('div', { class: 'field' }, h('label', { for: 'field-until' }, 'Until (empty: until enabled)'),
    h('input', { id: 'field-until', name: 'until', type: 'datetime-local' }));

  page(user.name,
    h('p', {}, h('a', { href: '/#/admin' }, 'All users'), ' · ', h('a', { href: `/#/admin/audit?user=${user.id}` },
      'Audit trail of this user')),
    h('dl', { class: 'user', id: 'admin-user' },
      fact('Email', user.email),
      fact('Address', user.email_verified_at ? `verified ${when(user.email_verified_at)}` : 'not verified'),
      fact('Created', when(user.created_at)),
      fact('Last sign-in', when(user.last_sign_in_at)),
      fact('State', user.disabled ? `disabled ${when(user.disabled.at)}${user.disabled.reason ? ` (${user.disabled.reason})` : ''}`
        + `${user.disabled.until ? ` until ${when(user.disabled.until)}` : ''}` : 'enabled'),
      fact('Second factor', user.second_factor.enabled
        ? `authenticator app since ${when(user.second_factor.since)}, ${user.second_factor.recovery_codes_left} recovery codes left`
        : 'no authenticator app'),
      fact('Passkeys', user.passkeys.length ? user.passkeys.map((p) => p.name).join(', ') : 'none'),
      fact('Connected accounts', user.identities.length
        ? user.identities.map((i) => (i.email ? `${i.provider_name} (${i.email})` : i.provider_name)).join(', ')
        : 'none'),
      fact('Password', user.has_password ? 'set' : 'none (a reset link sets one)'),
      fact('Admin', user.admin ? (user.admin_by_configuration ? 'yes (ADMIN_EMAILS)' : 'yes') : 'no')),
    h('h2', {}, 'Actions'),
    h('div', { class: 'actions', id: 'admin-actions' },
      user.disabled ? simple('enable', 'Enable')
        : confirmed('disable', 'Disable', 'They cannot sign in, and every session ends now.', [until]),
      confirmed('logout', 'Sign out', 'Every session of theirs ends now.'),
      user.email_verified_at ? null : simple('resend-verification', 'Resend verification'),
      user.email_verified_at ? null : simple('verify', 'Mark verified'),
      simple('reset-password', 'Mail a reset link'),
      user.second_factor.enabled || user.passkeys.length
        ? confirmed('remove-mfa', 'Remove second factor', 'Their app, recovery codes and passkeys go; they are told.') : null,
      user.admin ? (user.admin_by_configuration ? null
        : confirmed('revoke-admin', 'Revoke admin', 'They lose the admin pages at once.'))
        : (user.email_verified_at ? simple('grant-admin', 'Make admin') : null),
      confirmed('delete', 'Delete', 'The account and everything it owns go; this cannot be undone.')),
    confirmation, status,
    h('h2', {}, 'Sessions'),
    h('ul', { class: 'sessions', id: 'admin-sessions' }, user.sessions.map((s) => h('li', {},
      `${s.device} · ${s.ip || 'unknown address'} · last used ${when(s.last_used_at)}`))),
    h('h2', {}, 'Recent events'),
    eventList(user.events));
}

function eventList(events) {
  return h('ul', { class: 'events', id: 'admin-events' }, events.map((e) => h('li', { 'data-kind': e.kind },
    h('span', { class: 'event-kind' }, e.kind.toLowerCase().replace(/_/g, ' ')),
    ` · ${new Date(e.at).toLocaleString()}`,
    e.actor ? [' · by ', h('a', { href: `/#/admin/users/${e.actor}` }, 'an admin')] : null,
    e.user ? [' · ', h('a', { href: `/#/admin/users/${e.user}` }, 'user')] : null,
    e.reason ? ` · “${e.reason}”` : null,
    e.ip ? ` · ${e.ip}` : null)));
}

/** #/admin/audit: the trail, newest first, for one user or all. */
export async function adminAuditView(userId) {
  const parameters = new URLSearchParams({ limit: PAGE });
  if (userId) parameters.set('user', userId);
  const list = h('div', { id: 'admin-audit' });
  const more = h('button', { type: 'button', id: 'admin-audit-more', hidden: true }, 'Show more');
  page('Audit trail', h('p', {}, h('a', { href: '/#/admin' }, 'All users')), list, more);
  const load = async () => {
    const answer = await auth.json('GET', `/api/v1/admin/audit?${parameters}`);
    list.append(eventList(answer.events));
    if (answer.next_cursor) parameters.set('cursor', answer.next_cursor);
    more.hidden = !answer.next_cursor;
  };
  more.addEventListener('click', load);
  await load();
}
