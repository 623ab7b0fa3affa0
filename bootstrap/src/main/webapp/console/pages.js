// Logged-in pages besides the user list: account picker, account overview, audit trail, own profile.
import { h, fill, field, time, formatTime } from './dom.js';
import { api } from './api.js';
import { show, flash } from './messages.js';
import { renderNav, roleLabel, statusBadge, onSubmit } from './ui.js';
import { accountContext } from './account.js';

const ACTIONS = ['user_created', 'account_created', 'signup_requested', 'signup_confirmed', 'user_invited', 'invitation_resent',
  'invitation_accepted', 'authz_change', 'user_updated', 'user_deactivated', 'user_activated', 'user_deleted',
  'authn_login_success', 'authn_login_fail', 'authn_login_lock', 'authn_login_unlock', 'password_reset_requested',
  'password_changed'];

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
      h('p', null, 'Roles: ', ctx.membership.roles.map(roleLabel).join(', ') || 'none yet'),
      h('p', null, 'What you can do:'),
      h('ul', { 'data-testid': 'permissions' }, ctx.membership.permissions.map((p) => h('li', null, h('code', null, p)))),
      h('p', { class: 'muted' }, 'Managing users is for account owners and users whose role allows it.')));
}

function change(before, after) {
  if (!before && !after) return '';
  const text = (o) => (o ? Object.entries(o).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') || '—' : v}`).join('; ') : '—');
  return h('code', { class: 'change' }, `${text(before)} → ${text(after)}`);
}

/** The audit trail, newest first, for members with audit:view. */
export async function auditPage(main, { accountId }) {
  const ctx = await accountContext(accountId);
  renderNav(ctx, 'audit');
  document.title = `Audit trail · ${ctx.membership.accountName} · Roster`;
  if (!ctx.can('audit:view')) {
    fill(main, h('h1', null, 'Audit trail'), h('p', { class: 'notice' }, 'Your role does not include the audit trail.'));
    return;
  }
  const params = new URLSearchParams(location.search);
  const query = {};
  for (const k of ['action', 'cursor']) if (params.get(k)) query[k] = params.get(k);
  query.limit = '50';
  const page = (await api('GET', `${ctx.path}/audit-events?${new URLSearchParams(query)}`)).data;
  const filter = h('form', { class: 'filters', method: 'get', action: `${ctx.path}/audit`, role: 'search', 'aria-label': 'Filter events' },
    field({ label: 'Action', name: 'action', type: 'select', value: query.action ?? '', options: [['', 'All actions'], ...ACTIONS.map((a) => [a, a])] }),
    h('button', { type: 'submit' }, 'Apply'));
  const next = new URLSearchParams({ ...(query.action ? { action: query.action } : {}), cursor: page.nextCursor ?? '' });
  fill(main, h('h1', null, 'Audit trail'), filter,
    page.items.length === 0
      ? h('p', { class: 'card empty' }, 'No events.')
      : h('table', { 'data-testid': 'audit' },
        h('thead', null, h('tr', null, ['When', 'Action', 'Actor', 'Target', 'Change', 'IP'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, page.items.map((e) => h('tr', { 'data-action': e.action },
          h('td', null, time(e.occurredAt)),
          h('td', null, e.count > 1 ? `${e.action} ×${e.count} (last ${formatTime(e.lastOccurredAt)})` : e.action),
          h('td', null, e.actor?.email ?? '—'), h('td', null, e.target?.email ?? '—'),
          h('td', null, change(e.before, e.after)), h('td', null, e.ip ?? '—'))))),
    h('nav', { class: 'pager', 'aria-label': 'Pages' },
      query.cursor && h('a', { href: `${ctx.path}/audit${query.action ? `?action=${encodeURIComponent(query.action)}` : ''}` }, '« Newest'),
      page.nextCursor && h('a', { href: `${ctx.path}/audit?${next}`, rel: 'next' }, 'Older events »')));
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
