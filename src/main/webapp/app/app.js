// The Latchkey SPA: every flow of the API, with the client of latchkey.js. No framework, no build step: each view
// is a module of views/, the helpers they share are ui.js's, and this file routes.
import { auth, go, h, page, state } from './ui.js';
import { accountView, confirmEmailChangePage, undoEmailChangePage } from './views/account.js';
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
  if (!auth.signedIn && location.hash === '#/account' && !state.accountDeleted) {
    go('/login');
  }
});
window.addEventListener('hashchange', route);
await auth.start();
renderNav();
await route();
document.body.dataset.ready = 'true';
