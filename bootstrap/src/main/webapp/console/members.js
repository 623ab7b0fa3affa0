// The user list: filters (status, role), search, sortable columns, paging by nextCursor, row actions.
import { h, fill, field, time } from './dom.js';
import { api, explain } from './api.js';
import { show } from './messages.js';
import { roleLabel, statusBadge, STATUS } from './ui.js';
import { userPageContext } from './account.js';
import { inviteDialog, manageAccessDialog, setStatus, resendDialog, deleteDialog } from './actions.js';

const SORTABLE = { email: 'Email', status: 'Status', lastActiveAt: 'Last Active', createdAt: 'Created' };
const SIZES = ['10', '20', '50', '100'];

/** The query as the address bar says it; empty values are left out. */
function queryOf(search) {
  const p = new URLSearchParams(search);
  const q = {};
  for (const k of ['status', 'role', 'q', 'sort', 'limit', 'cursor']) {
    const v = (p.get(k) ?? '').trim();
    if (v) q[k] = v;
  }
  q.limit = q.limit ?? '20';
  return q;
}

function href(ctx, query) {
  const p = new URLSearchParams(Object.entries(query).filter(([, v]) => v));
  const s = p.toString();
  return `${ctx.path}/members${s ? `?${s}` : ''}`;
}

/** A column head that sorts: first click ascending, second descending (Status sorts one way). */
function sortHead(ctx, query, key) {
  const current = query.sort ?? 'email';
  const asc = current === key;
  const desc = current === `-${key}`;
  const next = asc && key !== 'status' ? `-${key}` : key;
  const { cursor, ...rest } = query;
  return h('th', { scope: 'col', 'aria-sort': asc ? 'ascending' : desc ? 'descending' : 'none' },
    h('a', { href: href(ctx, { ...rest, sort: next }), 'data-sort': key },
      SORTABLE[key], asc ? ' ▲' : desc ? ' ▼' : ''));
}

function invitationCell(member) {
  const inv = member.invitation;
  if (!inv) return null;
  return inv.expired
    ? [' ', h('span', { class: 'badge expired' }, 'Expired'), h('span', { class: 'sub' }, 'Link expired ', time(inv.expiresAt))]
    : h('span', { class: 'sub' }, 'Link expires ', time(inv.expiresAt));
}

function rowMenu(ctx, member, reload) {
  if (!ctx.canManage(member)) {
    return h('span', { class: 'muted', title: ctx.whyNot(member) }, h('span', { 'aria-hidden': 'true' }, '—'),
      h('span', { class: 'sr-only' }, ctx.whyNot(member)));
  }
  const act = (label, fn, cls) => h('li', null, h('button', {
    type: 'button', class: cls, 'data-action': label,
    onclick: async (e) => {
      const menu = e.currentTarget.closest('details');
      menu.open = false;
      menu.querySelector('summary').focus();
      try {
        await fn();
      } catch (err) {
        show('error', explain(err));
      }
    },
  }, label));
  const items = [
    h('li', null, h('a', { href: `${ctx.path}/members/${encodeURIComponent(member.id)}`, 'data-action': 'Edit' }, 'Edit')),
    act('Manage access', () => manageAccessDialog(ctx, member.id, reload)),
    member.status === 'ACTIVE' && act('Deactivate', async () => { await setStatus(ctx, member.id, 'INACTIVE'); await reload(); }),
    member.status === 'INACTIVE' && act('Activate', async () => { await setStatus(ctx, member.id, 'ACTIVE'); await reload(); }),
    member.status === 'PENDING_INVITATION' && act('Resend invitation', () => resendDialog(ctx, member, reload)),
    act('Delete', () => deleteDialog(ctx, member, async () => {
      show('success', `${member.email} was deleted.`);
      await reload();
    }), 'danger-text'),
  ];
  return h('details', { class: 'menu' },
    h('summary', { 'aria-label': `Actions for ${member.email}` }, 'Actions ▾'),
    h('ul', null, items));
}

function row(ctx, member, reload) {
  const self = member.id === ctx.membership.memberId;
  return h('tr', { 'data-email': member.email, 'data-status': member.status },
    h('td', null, h('a', { href: `${ctx.path}/members/${encodeURIComponent(member.id)}` }, member.email),
      h('span', { class: 'sub' }, member.name, self ? ' (you)' : '', member.owner ? ' · Owner' : ''),
      // issue 20: kept in sync by an identity provider through SCIM
      member.provisioned && h('span', { class: 'badge', 'data-testid': 'provisioned',
        title: 'Provisioned by your identity provider (SCIM): manual edits will be overwritten by the IdP.' }, 'Provisioned')),
    h('td', null, statusBadge(member.status), invitationCell(member)),
    h('td', null, member.roles.length ? member.roles.map(roleLabel).join(', ') : h('span', { class: 'muted' }, 'No roles')),
    h('td', null, time(member.lastActiveAt, 'Never')),
    h('td', null, member.authMethod === 'PASSWORD' ? 'Password' : member.authMethod ?? '—'),
    h('td', null, time(member.createdAt)),
    h('td', null, rowMenu(ctx, member, reload)));
}

function filters(ctx, query) {
  const form = h('form', { class: 'filters', method: 'get', action: `${ctx.path}/members`, role: 'search', 'aria-label': 'Filter users' },
    field({ label: 'Search', name: 'q', type: 'search', value: query.q ?? '', placeholder: 'Email or name' }),
    field({ label: 'Status', name: 'status', type: 'select', value: query.status ?? '',
      options: [['', 'All statuses'], ...Object.entries(STATUS)] }),
    field({ label: 'Role', name: 'role', type: 'select', value: query.role ?? '',
      options: [['', 'All roles'], ...ctx.roles.map((r) => [r.name, roleLabel(r.name)])] }),
    field({ label: 'Per page', name: 'limit', type: 'select', value: query.limit, options: [...new Set([...SIZES, query.limit])].sort((a, b) => a - b).map((s) => [s, s]) }),
    query.sort && h('input', { type: 'hidden', name: 'sort', value: query.sort }),
    h('button', { type: 'submit' }, 'Apply'),
    (query.q || query.status || query.role) && h('a', { href: href(ctx, { sort: query.sort, limit: query.limit }) }, 'Clear filters'));
  form.querySelector('[name=q]').closest('.field').classList.add('grow');
  return form;
}

/** An open row menu closes on a click elsewhere or on Escape (focus goes back to its button). */
function closeMenusOutside() {
  document.addEventListener('click', (e) => {
    document.querySelectorAll('details.menu[open]').forEach((d) => { if (!d.contains(e.target)) d.open = false; });
  });
  document.addEventListener('keydown', (e) => {
    const open = e.key === 'Escape' && document.activeElement?.closest('details.menu[open]');
    if (open) {
      open.open = false;
      open.querySelector('summary').focus();
    }
  });
}

export async function membersPage(main, { accountId }) {
  closeMenusOutside();
  const ctx = await userPageContext(accountId);
  if (!ctx) return;
  document.title = `Users · ${ctx.membership.accountName} · Roster`;
  const query = queryOf(location.search);
  const invite = ctx.can('users:manage')
    && h('button', { type: 'button', class: 'primary', onclick: () => inviteDialog(ctx, reload) }, 'Invite user');
  const body = h('div', { 'data-testid': 'member-list' });
  fill(main, h('div', { class: 'page-head' }, h('h1', null, 'Users'), invite), filters(ctx, query), body);

  async function reload() {
    const params = new URLSearchParams(query).toString();
    const page = (await api('GET', `${ctx.path}/users?${params}`)).data;
    const filtered = Boolean(query.q || query.status || query.role);
    if (!page.items.length) {
      fill(body, h('div', { class: 'card empty', 'data-testid': 'empty' },
        h('p', null, filtered ? 'No users match these filters.' : 'No users here yet.'),
        h('div', { class: 'actions' },
          filtered && h('a', { href: href(ctx, { limit: query.limit }) }, 'Clear filters'),
          invite && h('button', { type: 'button', class: 'primary', onclick: () => inviteDialog(ctx, reload) }, 'Invite user')),
        query.cursor && h('p', null, h('a', { href: href(ctx, { ...query, cursor: null }) }, 'First page'))));
      return;
    }
    const { cursor, ...first } = query;
    fill(body,
      h('table', null,
        h('caption', { class: 'muted' }, `${page.items.length} user${page.items.length === 1 ? '' : 's'} on this page`),
        h('thead', null, h('tr', null,
          sortHead(ctx, query, 'email'), sortHead(ctx, query, 'status'),
          h('th', { scope: 'col' }, 'Role'), sortHead(ctx, query, 'lastActiveAt'),
          h('th', { scope: 'col' }, 'Auth method'), sortHead(ctx, query, 'createdAt'),
          h('th', { scope: 'col' }, h('span', { class: 'muted' }, 'Actions')))),
        h('tbody', null, page.items.map((m) => row(ctx, m, reload)))),
      h('nav', { class: 'pager', 'aria-label': 'Pages' },
        cursor && h('a', { href: href(ctx, first), rel: 'first' }, '« First page'),
        page.nextCursor && h('a', { href: href(ctx, { ...query, cursor: page.nextCursor }), rel: 'next' }, 'Next page »')));
  }
  await reload();
}
