// The user list: filters (status, role), search, sortable columns, paging by nextCursor (previous and next,
// the position in the list), row actions. It fits 1280 px without scrolling sideways and stacks on a phone.
import { h, fill, field, formatTime } from './dom.js';
import { api, explain } from './api.js';
import { show } from './messages.js';
import { roleLabel, statusBadge, STATUS, authMethodLabel } from './ui.js';
import { userPageContext } from './account.js';
import { inviteDialog, manageAccessDialog, setStatus, resendDialog, deleteDialog, deactivateDialog } from './actions.js';
import { bulkSelection } from './bulk.js';

const SORTABLE = { email: 'Email', status: 'Status', lastActiveAt: 'Last Active', createdAt: 'Created' };
const SIZES = ['10', '20', '50', '100'];

/** The query as the address bar says it; empty values are left out. */
function queryOf(search) {
  const p = new URLSearchParams(search);
  const q = {};
  for (const k of ['status', 'role', 'q', 'sort', 'limit', 'cursor', 'page']) {
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
function sortHead(ctx, query, key, label = SORTABLE[key]) {
  const current = query.sort ?? 'email';
  const asc = current === key;
  const desc = current === `-${key}`;
  const next = asc && key !== 'status' ? `-${key}` : key;
  const { cursor, page, ...rest } = query;
  return h('th', { scope: 'col', class: `col-${key}`, 'aria-sort': asc ? 'ascending' : desc ? 'descending' : 'none' },
    h('a', { href: href(ctx, { ...rest, sort: next }), 'data-sort': key },
      label, asc ? ' ▲' : desc ? ' ▼' : ''));
}

/** A time that wraps only between the day and the hour ("2026-11-25" / "10:15 UTC"), so narrow columns stay readable. */
function stamp(iso, empty = '—') {
  if (!iso) return empty;
  const [day, ...rest] = formatTime(iso).split(' ');
  return h('time', { datetime: iso }, day, ' ', h('span', { class: 'nowrap' }, rest.join(' ')));
}

function invitationCell(member) {
  const inv = member.invitation;
  if (!inv) return null;
  return inv.expired
    ? [' ', h('span', { class: 'badge expired' }, 'Expired'), h('span', { class: 'sub' }, 'Link expired ', stamp(inv.expiresAt))]
    : h('span', { class: 'sub' }, 'Link expires ', stamp(inv.expiresAt));
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
    member.status === 'ACTIVE' && act('Deactivate', () => deactivateDialog(ctx, member, async () => {
      await setStatus(ctx, member.id, 'INACTIVE');
      await reload();
    })),
    member.status === 'INACTIVE' && act('Activate', async () => { await setStatus(ctx, member.id, 'ACTIVE'); await reload(); }),
    member.status === 'PENDING_INVITATION' && act('Resend invitation', () => resendDialog(ctx, member, reload)),
    act(ctx.words.remove, () => deleteDialog(ctx, member, async () => {
      show('success', `${member.email} was ${ctx.words.removed}.`);
      await reload();
    }), 'danger-text'),
  ];
  return h('details', { class: 'menu' },
    h('summary', { 'aria-label': `Actions for ${member.email}` }, 'Actions ▾'),
    h('ul', null, items));
}

function row(ctx, member, reload, bulk) {
  const self = member.id === ctx.membership.memberId;
  return h('tr', { 'data-email': member.email, 'data-status': member.status },
    bulk && h('td', { class: 'col-select' }, bulk.checkbox(member)),
    h('td', { class: 'col-email', 'data-label': 'Email' }, h('a', { href: `${ctx.path}/members/${encodeURIComponent(member.id)}` }, member.email),
      h('span', { class: 'sub' }, member.name, self ? ' (you)' : '', member.owner ? ' · Owner' : ''),
      // issue 20: kept in sync by an identity provider through SCIM
      member.provisioned && h('span', { class: 'badge', 'data-testid': 'provisioned',
        title: 'Provisioned by your identity provider (SCIM): manual edits will be overwritten by the IdP.' }, 'Provisioned')),
    h('td', { class: 'col-status', 'data-label': 'Status' }, statusBadge(member.status), invitationCell(member)),
    h('td', { class: 'col-role', 'data-label': 'User Role' }, member.roles.length ? member.roles.map(roleLabel).join(', ') : h('span', { class: 'muted' }, 'No roles')),
    h('td', { class: 'col-lastActiveAt', 'data-label': 'Last Active' }, stamp(member.lastActiveAt, 'Never')),
    h('td', { class: 'col-auth', 'data-label': 'Auth method' }, authMethodLabel(member.authMethod)),
    h('td', { class: 'col-createdAt', 'data-label': 'Created' }, stamp(member.createdAt)),
    h('td', { class: 'col-actions' }, rowMenu(ctx, member, reload)));
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

const PAGES = 'roster.pages';

/**
 * The cursors of the pages seen of one list (its filters and sort): the API pages forward only, so
 * "Previous page" links to the cursor this tab saw for the page before. [0] is the first page (no cursor).
 */
function pageCursors(key) {
  try {
    return JSON.parse(sessionStorage.getItem(PAGES) ?? '{}')[key] ?? [null];
  } catch (e) {
    return [null];
  }
}

function rememberCursor(key, pageNo, cursor) {
  let all = {};
  try {
    all = JSON.parse(sessionStorage.getItem(PAGES) ?? '{}');
  } catch (e) {
    all = {};
  }
  const list = all[key] ?? [null];
  list[pageNo - 1] = cursor ?? null;
  sessionStorage.setItem(PAGES, JSON.stringify({ [key]: list })); // one list at a time is enough
}

/** "Users 21–40 · page 2" (and "of 43" on the last page, where the count is known). */
function position(pageNo, limit, shown, last) {
  const first = (pageNo - 1) * limit + 1;
  const end = first + shown - 1;
  return `Users ${first}–${end}${last ? ` of ${end}` : ''} · page ${pageNo}`;
}

export async function membersPage(main, { accountId }) {
  closeMenusOutside();
  const ctx = await userPageContext(accountId);
  if (!ctx) return;
  document.title = `${ctx.words.users} · ${ctx.membership.accountName} · Roster`;
  const query = queryOf(location.search);
  const invite = ctx.can('users:manage')
    && h('button', { type: 'button', class: 'primary', onclick: () => inviteDialog(ctx, reload) }, 'Invite user');
  const status = h('p', { class: 'loading-state', role: 'status', 'data-testid': 'loading' });
  const body = h('div', { class: 'table-box', 'data-testid': 'member-list' });
  // issue 22: row checkboxes and the bulk action bar (bulk.js), for those who may manage users
  const bulk = ctx.can('users:manage') ? bulkSelection(ctx, reload) : null;
  fill(main, h('div', { class: 'page-head' }, h('h1', null, ctx.words.users), invite),
    ctx.words.section && h('h2', { class: 'section' }, ctx.words.section),
    filters(ctx, query), status, bulk && bulk.bar, body);

  const { cursor, page: pageParam, ...listQuery } = query;
  const listKey = href(ctx, listQuery);
  const pageNo = cursor ? Math.max(2, Number.parseInt(pageParam ?? '2', 10) || 2) : 1;
  rememberCursor(listKey, pageNo, cursor);

  async function reload() {
    body.setAttribute('aria-busy', 'true');
    body.classList.add('busy');
    fill(status, 'Loading users…');
    let page;
    try {
      const params = new URLSearchParams({ ...listQuery, ...(cursor ? { cursor } : {}) }).toString();
      page = (await api('GET', `${ctx.path}/users?${params}`)).data;
    } finally {
      body.removeAttribute('aria-busy');
      body.classList.remove('busy');
      fill(status);
    }
    render(page);
  }

  function render(page) {
    bulk?.reset(page.items);
    const filtered = Boolean(query.q || query.status || query.role);
    if (!page.items.length) {
      fill(body, h('div', { class: 'card empty', 'data-testid': 'empty' },
        h('p', null, filtered ? 'No users match these filters.' : 'No users here yet.'),
        h('div', { class: 'actions' },
          filtered && h('a', { href: href(ctx, { limit: query.limit }) }, 'Clear filters'),
          invite && h('button', { type: 'button', class: 'primary', onclick: () => inviteDialog(ctx, reload) }, 'Invite user')),
        cursor && h('p', null, h('a', { href: listKey }, 'First page'))));
      return;
    }
    const limit = Number.parseInt(query.limit, 10) || page.items.length;
    const known = pageCursors(listKey);
    const previous = pageNo > 1 && (pageNo === 2 || known[pageNo - 2])
      && href(ctx, { ...listQuery, ...(pageNo > 2 ? { cursor: known[pageNo - 2], page: String(pageNo - 1) } : {}) });
    fill(body,
      h('table', { class: 'members stack-sm' },
        h('caption', { class: 'muted', 'data-testid': 'position' }, position(pageNo, limit, page.items.length, !page.nextCursor)),
        h('thead', null, h('tr', null,
          bulk && h('th', { scope: 'col', class: 'col-select' }, bulk.selectAll()),
          sortHead(ctx, query, 'email'), sortHead(ctx, query, 'status'),
          h('th', { scope: 'col', class: 'col-role' }, 'User Role'), sortHead(ctx, query, 'lastActiveAt'),
          h('th', { scope: 'col', class: 'col-auth' }, 'Auth method'), sortHead(ctx, query, 'createdAt'),
          h('th', { scope: 'col', class: 'col-actions' }, h('span', { class: 'sr-only' }, 'Actions')))),
        h('tbody', null, page.items.map((m) => row(ctx, m, reload, bulk)))),
      h('nav', { class: 'pager', 'aria-label': 'Pages' },
        pageNo > 2 && h('a', { href: listKey, rel: 'first' }, '« First page'),
        previous && h('a', { href: previous, rel: 'prev' }, '‹ Previous page'),
        page.nextCursor && h('a', { href: href(ctx, { ...listQuery, cursor: page.nextCursor, page: String(pageNo + 1) }), rel: 'next' }, 'Next page »')));
  }
  await reload();
}
