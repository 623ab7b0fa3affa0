// Logged-in pages besides the user list: account picker, account overview, audit trail, own profile.
import { h, fill, field } from './dom.js';
import { api } from './api.js';
import { show, flash } from './messages.js';
import { renderNav, roleLabel, statusBadge, onSubmit } from './ui.js';
import { accountContext } from './account.js';

// the audit trail has its own module; its page is still exported from here (app.js imports it from pages.js)
export { auditPage } from './audit.js';

/** The account picker: one identity, several memberships. */
export async function accountsPage(main) {
  const me = (await api('GET', '/me')).data;
  renderNav(null, 'accounts');
  document.title = 'Accounts · Roster';
  const form = h('form', { class: 'card stack', 'aria-label': 'Create another account' },
    h('h2', null, 'Create another account'),
    field({ label: 'Account name', name: 'accountName', required: true }),
    h('div', { class: 'actions left' }, h('button', { type: 'submit' }, 'Create account')));
  onSubmit(form, async (data) => {
    const r = await api('POST', '/accounts', { body: { accountName: data.get('accountName') } });
    flash('success', `Account ${r.data.account.name} created. You are its owner.`);
    location.assign(`/accounts/${encodeURIComponent(r.data.account.id)}/members`);
  });
  fill(main, h('h1', null, 'Choose an account'),
    h('ul', { class: 'card plain', 'data-testid': 'accounts' }, me.memberships.map((m) => h('li', null,
      m.status === 'ACTIVE'
        ? h('a', { href: `/accounts/${encodeURIComponent(m.accountId)}` }, m.accountName)
        : h('span', null, m.accountName), ' ',
      statusBadge(m.status), ' ',
      h('span', { class: 'muted' }, m.roles.map(roleLabel).join(', ') || 'No roles', m.owner ? ' · Owner' : '')))),
    form);
}

/** An account's home: the user list for those who may see it, else what the member's roles allow. */
export async function accountPage(main, { accountId }) {
  const ctx = await accountContext(accountId);
  if (ctx.can('users:view')) {
    location.replace(`${ctx.path}/members`);
    return;
  }
  renderNav(ctx, 'overview');
  document.title = `${ctx.membership.accountName} · Roster`;
  fill(main, h('h1', null, ctx.membership.accountName),
    h('section', { class: 'card', 'data-testid': 'overview' },
      h('h2', null, 'Your access'),
      ctx.membership.roles.length
        ? h('dl', { class: 'facts roles-held', 'data-testid': 'role-descriptions' }, ctx.membership.roles.map((r) => [
          h('dt', null, roleLabel(r)),
          h('dd', null, ctx.roles.find((x) => x.name === r)?.description ?? '')]))
        : h('p', { 'data-testid': 'role-descriptions' }, 'You hold no role in this account yet: ask the account owner for one.'),
      h('p', { class: 'muted' }, 'Managing users is for account owners and users whose role allows it.'),
      h('details', { class: 'event-details' }, h('summary', null, 'Permission codes (for the REST API)'),
        h('ul', { 'data-testid': 'permissions' }, ctx.membership.permissions.map((p) => h('li', null, h('code', null, p)))))));
}

/** Own profile: who I am, my memberships, change my password. */
export async function profilePage(main) {
  const me = (await api('GET', '/me')).data;
  const active = me.memberships.filter((m) => m.status === 'ACTIVE');
  const ctx = active.length === 1 ? await accountContext(active[0].accountId) : null;
  renderNav(ctx, 'profile');
  document.title = 'Profile · Roster';
  const form = h('form', { class: 'card stack', 'aria-label': 'Change password' },
    h('h2', null, 'Change password'),
    h('input', { type: 'hidden', name: 'username', value: me.email, autocomplete: 'username' }),
    field({ label: 'Current password', name: 'currentPassword', type: 'password', required: true, autocomplete: 'current-password' }),
    field({ label: 'New password', name: 'newPassword', type: 'password', required: true, autocomplete: 'new-password',
      hint: 'A long passphrase, as when you signed up. Your other sessions end when it changes.' }),
    field({ label: 'Repeat the new password', name: 'repeat', type: 'password', required: true, autocomplete: 'new-password' }),
    h('div', { class: 'actions left' }, h('button', { type: 'submit', class: 'primary' }, 'Change password')));
  onSubmit(form, async (data) => {
    if (data.get('newPassword') !== data.get('repeat')) {
      show('error', 'The two new passwords differ.');
      form.querySelector('[name=repeat]').focus();
      return;
    }
    await api('POST', '/me/password', { body: { currentPassword: data.get('currentPassword'), newPassword: data.get('newPassword') } });
    form.reset();
    show('success', 'Your password was changed. Your other sessions were ended.');
  });
  fill(main, h('h1', null, 'Profile'),
    h('section', { class: 'card' }, h('dl', { class: 'facts' },
      h('dt', null, 'Name'), h('dd', null, me.name),
      h('dt', null, 'Email'), h('dd', null, me.email),
      h('dt', null, 'Accounts'), h('dd', null, me.memberships.map((m) => `${m.accountName} (${m.roles.map(roleLabel).join(', ') || 'no roles'})`).join('; ')))),
    form);
}
