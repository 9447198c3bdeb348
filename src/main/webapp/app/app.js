// The Latchkey SPA: every flow of the API, with the client of latchkey.js. No framework, no build step: each view
// is a module of views/, the helpers they share are ui.js's, and this file routes.
import { auth, go, h, page, state } from './ui.js';
import { accountView, confirmEmailChangePage, undoEmailChangePage } from './views/account.js';
import { adminAuditView, adminUserView, adminUsersView } from './views/admin.js';
import { checkEmailView, forgotView, newPasswordPage, registerView, verifyEmailPage } from './views/registration.js';
import { emailCodeView, emailSignInPage, loginView } from './views/sign-in.js';

const nav = document.getElementById('nav');

const views = {
  '/register': registerView,
  '/check-email': checkEmailView,
  '/login': loginView,
  '/forgot': forgotView,
  '/account': accountView,
  '/login/code': emailCodeView,
};

function renderNav() {
  nav.replaceChildren(...(auth.signedIn
    ? [h('span', { id: 'signed-in-as' }, auth.user.name), h('a', { href: '/#/account' }, 'Account'),
      auth.groups.includes('admin') ? h('a', { href: '/#/admin', id: 'nav-admin' }, 'Admin') : null,
      h('button', { type: 'button', class: 'link', id: 'logout', onclick: async () => { await auth.logout(); go('/login'); } },
        'Sign out')]
    : [h('a', { href: '/#/login' }, 'Sign in'), h('a', { href: '/#/register' }, 'Create an account')])
    .filter(Boolean));
}

/** The admin pages, for admins only: #/admin, #/admin/users/<id>, #/admin/audit[?user=<id>]. */
function adminView(route) {
  if (!auth.groups.includes('admin') || !route.startsWith('/admin')) return null;
  const [path, query] = route.split('?');
  const user = path.match(/^\/admin\/users\/([0-9a-f-]{36})$/);
  if (user) return () => adminUserView(user[1]);
  if (path === '/admin/audit') return () => adminAuditView(new URLSearchParams(query).get('user'));
  return path === '/admin' ? adminUsersView : null;
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
  const view = views[location.hash.slice(1)] || adminView(location.hash.slice(1))
    || views[auth.signedIn ? '/account' : '/login'];
  try {
    await view();
  } catch (error) {
    page('Something went wrong', h('p', { role: 'alert' }, error.message));
  }
}

auth.addEventListener('change', () => {
  renderNav();
  if (!auth.signedIn && (location.hash === '#/account' || location.hash.startsWith('#/admin'))
      && !state.accountDeleted) {
    go('/login');
  }
});
window.addEventListener('hashchange', route);
await auth.start();
renderNav();
await route();
document.body.dataset.ready = 'true';
