// The console's entry: picks the page for the path the server served, and shows what went wrong if a page fails.
import { fill, h, fragment } from './dom.js';
import { ApiError, SessionEnded, explain } from './api.js';
import { show, showFlash } from './messages.js';
import { requireSession } from './ui.js';
import { home, login, signup, confirmSignup, forgotPassword, resetPassword, acceptInvitation } from './auth.js';
import { membersPage } from './members.js';
import { unlock } from './unlock.js';
import { memberPage } from './member.js';
import { accountsPage, accountPage, auditPage, profilePage } from './pages.js';
import { ssoLogin, ssoComplete, ssoPage } from './sso.js';
import { webhooksPage } from './webhooks.js';
import { provisioningPage } from './provisioning.js';

const ID = '([A-Za-z0-9-]+)';
const route = (pattern, page, { open = false, names = [] } = {}) => ({ re: new RegExp(`^${pattern}/?$`), page, open, names });
const ROUTES = [
  route('', home, { open: true }),
  route('/login', login, { open: true }),
  route('/signup', signup, { open: true }),
  route('/confirm-signup', confirmSignup, { open: true }),
  route('/forgot-password', forgotPassword, { open: true }),
  route('/reset-password', resetPassword, { open: true }),
  route('/accept-invitation', acceptInvitation, { open: true }),
  route('/unlock', unlock, { open: true }),
  route('/accounts', accountsPage),
  route('/profile', profilePage),
  route(`/accounts/${ID}`, accountPage, { names: ['accountId'] }),
  route(`/accounts/${ID}/members`, membersPage, { names: ['accountId'] }),
  route(`/accounts/${ID}/members/${ID}`, memberPage, { names: ['accountId', 'memberId'] }),
  route(`/accounts/${ID}/audit`, auditPage, { names: ['accountId'] }),
  route('/sso-login', ssoLogin, { open: true }),
  route('/sso-complete', ssoComplete, { open: true }),
  route(`/accounts/${ID}/sso`, ssoPage, { names: ['accountId'] }),
  route(`/accounts/${ID}/webhooks`, webhooksPage, { names: ['accountId'] }),
  route(`/accounts/${ID}/provisioning`, provisioningPage, { names: ['accountId'] }),
];

async function start() {
  const main = document.getElementById('main');
  showFlash();
  const path = location.pathname.replace(/\/$/, '');
  const match = ROUTES.map((r) => ({ r, m: r.re.exec(path) })).find((x) => x.m);
  if (!match) {
    fill(main, h('h1', null, 'Page not found'), h('p', null, h('a', { href: '/' }, 'Go to the start page')));
    return;
  }
  if (!match.r.open && !requireSession()) return;
  const params = Object.fromEntries(match.r.names.map((n, i) => [n, decodeURIComponent(match.m[i + 1])]));
  try {
    await match.r.page(main, params);
  } catch (e) {
    if (e instanceof SessionEnded) return;
    if (!(e instanceof ApiError)) console.error(e);
    const missing = e instanceof ApiError && e.status === 404;
    fill(main, h('h1', null, missing ? 'Not found' : 'Something went wrong'),
      h('p', null, missing ? 'There is nothing here for you.' : explain(e), ' ', h('a', { href: '/' }, 'Go to the start page')));
    show('error', explain(e));
  }
}

// a link that differs only in its fragment (a newer #token=…) is another page: read it afresh
// (other fragments, like the skip link's #main, stay in-page)
window.addEventListener('hashchange', () => {
  if (new URLSearchParams(location.hash.replace(/^#/, '')).has('token')) location.reload();
});
// a page restored from the back/forward cache would show a form already used (or a password typed in
// it): render it afresh instead
window.addEventListener('pageshow', (event) => {
  if (event.persisted) location.reload();
});
fragment(); // a #token=… leaves the address bar before anything else runs
start();
