// The audit trail: one sentence per event, the change as before → after, details on demand; filters by
// action, actor, target and time range (all in the address bar); CSV export of the filtered view.
import { h, fill, field, time, formatTime } from './dom.js';
import { api, session, ApiError, explain } from './api.js';
import { show } from './messages.js';
import { renderNav, roleLabel, STATUS } from './ui.js';
import { accountContext } from './account.js';

/** The actions the API filters by (an unknown one is refused), with what the filter calls them. */
const ACTIONS = [
  ['user_invited', 'Invited'], ['invitation_resent', 'Invitation resent'], ['invitation_accepted', 'Invitation accepted'],
  ['authz_change', 'Roles changed'], ['user_updated', 'Renamed'], ['user_deactivated', 'Deactivated'],
  ['user_activated', 'Activated'], ['user_deleted', 'Deleted or removed'], ['user_created', 'User created'],
  ['account_created', 'Account created'], ['signup_requested', 'Sign-up requested'], ['signup_confirmed', 'Sign-up confirmed'],
  ['authn_login_success', 'Logged in'], ['authn_login_fail', 'Login failed'], ['authn_login_lock', 'Login locked'],
  ['authn_login_unlock', 'Lock ended'], ['password_reset_requested', 'Password reset requested'],
  ['password_changed', 'Password changed'], ['owner_changed', 'Ownership handed over'],
  ['sso_configured', 'Single sign-on configured'], ['sso_removed', 'Single sign-on removed'],
  ['authn_sso_success', 'Signed in with SSO'], ['authn_sso_fail', 'SSO sign-in failed'],
  ['sso_break_glass', 'Owner password used under SSO'], ['webhook_created', 'Webhook added'],
  ['webhook_updated', 'Webhook changed'], ['webhook_secret_rotated', 'Webhook secret rotated'],
  ['webhook_deleted', 'Webhook removed'], ['webhook_disabled', 'Webhook disabled after failures'],
  ['user_provisioned', 'Provisioned (SCIM)'], ['scim_token_created', 'SCIM token created'],
  ['scim_token_revoked', 'SCIM token revoked'],
];

const PAGE = 50;
const FILTERS = ['action', 'actorId', 'targetId', 'from', 'to'];

const REASONS = {
  wrong_password: 'the password was wrong',
  locked: 'the login is locked',
  not_activated: 'the login is not activated yet',
  not_active: 'the membership is not active',
  unknown_email: 'there is no login with that email',
};
const VIA = { accept_invitation: ' while accepting an invitation', change_password: ' while changing the password', password_change: ' while changing the password' };

/** "authz_change" → "Authz change": the words for an action this console does not know yet. */
function humanize(code) {
  const s = String(code ?? '').replace(/_/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const roles = (v) => (Array.isArray(v) ? (v.length ? v.map(roleLabel).join(', ') : 'no roles') : String(v ?? '—'));
const status = (v) => STATUS[v] ?? humanize(String(v ?? '—').toLowerCase());

/** The value of one key as a person reads it. */
function valueText(key, v) {
  if (v === null || v === undefined) return '—';
  if (key === 'roles') return roles(v);
  if (key === 'status') return status(v);
  if (key === 'owner' || key === 'enabled') return v === true || v === 'true' ? 'yes' : 'no';
  if (key === 'previousValidUntil') return formatTime(v);
  if (Array.isArray(v)) return v.join(', ') || '—';
  return String(v);
}

const KEYS = { roles: 'Roles', status: 'Status', name: 'Name', email: 'Email', sendCount: 'Times sent', accountName: 'Account',
  owner: 'Owner', reason: 'Reason', via: 'During', url: 'URL', description: 'Description', eventTypes: 'Event types',
  enabled: 'Enabled', webhookId: 'Endpoint', tokenId: 'Token', previousValidUntil: 'Old secret signs until' };

/**
 * The change of an event as "before → after" pairs, one per key that either side names: [label, before, after]
 * (before or after null when that side has no value, as for an invitation or a removal).
 */
export function changes(e) {
  const b = e.before ?? {};
  const a = e.after ?? {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => !['reason', 'via'].includes(k) || !String(e.action).startsWith('authn_')); // the sentence says them
  return keys.map((k) => [KEYS[k] ?? humanize(k), k in b ? valueText(k, b[k]) : null, k in a ? valueText(k, a[k]) : null]);
}

/** One sentence for an event: who did what to whom (names where the console knows them, else emails). */
export function sentence(e, nameOf = (p) => p?.email) {
  const who = (p) => (p ? nameOf(p) ?? p.email ?? 'someone' : 'someone');
  const actor = who(e.actor);
  const target = who(e.target);
  const self = e.actor && e.target && e.actor.id === e.target.id;
  const b = e.before ?? {};
  const a = e.after ?? {};
  switch (e.action) {
    case 'user_invited': return `${actor} invited ${target}${a.roles ? ` as ${roles(a.roles)}` : ''}`;
    case 'invitation_resent': return `${actor} resent the invitation to ${target}`;
    case 'invitation_accepted': return `${target} accepted the invitation and joined`;
    case 'authz_change': return `${actor} changed ${target}'s roles from ${roles(b.roles)} to ${roles(a.roles)}`;
    case 'user_updated': return `${actor} renamed ${target} from ${b.name ?? '—'} to ${a.name ?? '—'}`;
    case 'user_deactivated': return `${actor} deactivated ${target}`;
    case 'user_activated': return `${actor} activated ${target}`;
    case 'user_deleted': return `${actor} removed ${target} from the account`;
    case 'user_created': return `${actor} created ${target}`;
    case 'account_created': return `${actor} created the account ${a.accountName ?? ''}`.trim();
    case 'signup_confirmed': return `${target} signed up and created the account ${a.accountName ?? ''}`.trim();
    case 'signup_requested': return `Someone asked to sign up as ${a.email ?? target}`;
    case 'authn_login_success': return `${target} logged in`;
    case 'authn_login_fail': {
      if (a.reason === 'unknown_email') return `Someone tried to log in as ${a.email ?? 'an unknown email'}, which has no login`;
      const why = REASONS[a.reason] ?? (a.reason ? humanize(a.reason).toLowerCase() : 'no reason recorded');
      return `${target} could not log in${VIA[a.via] ?? (a.via ? ` (${humanize(a.via).toLowerCase()})` : '')}: ${why}`;
    }
    case 'authn_login_lock': {
      const until = /^locked_until_(.+)$/.exec(a.reason ?? '');
      return `${target}'s login was locked after too many wrong passwords${until ? ` until ${formatTime(until[1])}` : ''}`;
    }
    case 'authn_login_unlock': return `${target} ended the lock with the link from the lock notice`;
    case 'password_reset_requested': return `${target} asked for a link to set a new password`;
    case 'password_changed': return `${target} changed their password`;
    case 'owner_changed': return `${actor} handed the account over to ${target}`;
    case 'sso_configured': return `${actor} configured single sign-on`;
    case 'sso_removed': return `${actor} removed single sign-on`;
    case 'sso_break_glass': return `${actor} used the owner's password while single sign-on is required`;
    case 'authn_sso_success': return `${target} signed in through single sign-on`;
    case 'authn_sso_fail': return `${target} could not sign in through single sign-on${a.reason ? `: ${humanize(a.reason).toLowerCase()}` : ''}`;
    case 'webhook_created': return `${actor} added the webhook endpoint ${a.url ?? ''}`.trim();
    case 'webhook_updated': {
      const url = a.url ?? b.url ?? '';
      if (b.enabled !== a.enabled && a.enabled !== undefined) return `${actor} ${a.enabled ? 'enabled' : 'disabled'} the webhook endpoint ${url}`.trim();
      return `${actor} changed the webhook endpoint ${url}`.trim();
    }
    case 'webhook_secret_rotated': return `${actor} rotated a webhook endpoint's signing secret`;
    case 'webhook_deleted': return `${actor} removed the webhook endpoint ${b.url ?? ''}`.trim();
    case 'webhook_disabled': return `Roster disabled a webhook endpoint after its deliveries kept failing`;
    case 'user_provisioned': return `${actor} (SCIM token) provisioned ${target}${a.roles ? ` as ${roles(a.roles)}` : ''}`;
    case 'scim_token_created': return `${actor} created the SCIM token ${a.name ?? ''}`.trim();
    case 'scim_token_revoked': return `${actor} revoked the SCIM token ${a.name ?? ''}`.trim();
    default:
      if (self || !e.target) return `${actor}: ${humanize(e.action).toLowerCase()}`;
      return `${actor}: ${humanize(e.action).toLowerCase()}, ${target}`;
  }
}

/** The page's filters as the address bar says them (dates as YYYY-MM-DD, UTC days). */
function filtersOf(search) {
  const p = new URLSearchParams(search);
  const q = {};
  for (const k of [...FILTERS, 'cursor', 'page']) {
    const v = (p.get(k) ?? '').trim();
    if (v) q[k] = v;
  }
  return q;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The API's query for the filters: a day range becomes [from 00:00 UTC, the day after `to` 00:00 UTC). */
function apiQuery(q) {
  const out = {};
  if (q.action) out.action = q.action;
  if (q.actorId) out.actorId = q.actorId;
  if (q.targetId) out.targetId = q.targetId;
  if (q.from) out.from = `${q.from}T00:00:00Z`;
  if (q.to) {
    const next = new Date(`${q.to}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    out.to = next.toISOString().replace('.000Z', 'Z');
  }
  return out;
}

/** What is wrong with the date range, or null. */
function rangeProblem(q) {
  if ((q.from && !DAY.test(q.from)) || (q.to && !DAY.test(q.to))) return 'Dates are days such as 2026-11-25.';
  if (q.from && q.to && q.from > q.to) return 'The "From" day is after the "To" day: no event can match. Swap them.';
  return null;
}

function pageHref(ctx, query) {
  const p = new URLSearchParams(Object.entries(query).filter(([, v]) => v));
  const s = p.toString();
  return `${ctx.path}/audit${s ? `?${s}` : ''}`;
}

/** The people the Actor and Target filters offer: the member list (for those who may read it) and everyone on this page. */
async function people(ctx, events) {
  const known = new Map();
  if (ctx.can('users:view')) {
    try {
      const list = (await api('GET', `${ctx.path}/users?limit=200&sort=email`)).data;
      list.items.forEach((m) => known.set(m.id, { email: m.email, name: m.name }));
    } catch (e) {
      // the filters still offer the people on this page
    }
  }
  for (const e of events) {
    for (const p of [e.actor, e.target]) {
      if (p?.id && !known.has(p.id)) known.set(p.id, { email: p.email, name: null });
    }
  }
  return known;
}

function personOptions(known, selected, any) {
  const options = [['', any], ...[...known.entries()]
    .sort((x, y) => (x[1].email ?? '').localeCompare(y[1].email ?? ''))
    .map(([id, p]) => [id, p.name ? `${p.name} (${p.email})` : p.email])];
  if (selected && !known.has(selected)) options.push([selected, 'The person chosen (not on this page)']);
  return options;
}

function filterForm(ctx, q, known) {
  const form = h('form', { class: 'filters', method: 'get', action: `${ctx.path}/audit`, role: 'search', 'aria-label': 'Filter events', 'data-testid': 'audit-filters' },
    field({ label: 'Action', name: 'action', type: 'select', value: q.action ?? '', options: [['', 'All actions'], ...ACTIONS] }),
    field({ label: 'Actor', name: 'actorId', type: 'select', value: q.actorId ?? '', options: personOptions(known, q.actorId, 'Anyone') }),
    field({ label: 'Target', name: 'targetId', type: 'select', value: q.targetId ?? '', options: personOptions(known, q.targetId, 'Anyone') }),
    field({ label: 'From (UTC)', name: 'from', type: 'date', value: q.from ?? '' }),
    field({ label: 'To (UTC, inclusive)', name: 'to', type: 'date', value: q.to ?? '' }),
    h('button', { type: 'submit' }, 'Apply'),
    FILTERS.some((k) => q[k]) && h('a', { href: `${ctx.path}/audit` }, 'Clear filters'));
  // an empty filter stays out of the address bar
  form.addEventListener('submit', () => form.querySelectorAll('select, input').forEach((i) => { i.disabled = !i.value; }));
  return form;
}

/** The change cell: one line per key, "before → after"; a side without a value is left out. */
function changeCell(e) {
  const rows = changes(e);
  if (!rows.length) return h('span', { class: 'muted' }, '—');
  return h('ul', { class: 'change-list' }, rows.map(([label, before, after]) => h('li', null,
    h('span', { class: 'change-key' }, label, ': '),
    before !== null && h('del', { class: 'before' }, before),
    before !== null && after !== null && [h('span', { class: 'arrow', 'aria-hidden': 'true' }, ' → '), h('span', { class: 'sr-only' }, ' changed to ')],
    after !== null && h('ins', { class: 'after' }, after))));
}

function details(ctx, e, q) {
  const party = (p) => (p ? `${p.email ?? '—'}${p.id ? ` (id ${p.id})` : ''}` : '—');
  const only = (key, p, text) => p?.id && q[key] !== p.id
    && h('a', { href: pageHref(ctx, { ...q, cursor: null, page: null, [key]: p.id }), 'data-filter': key }, text);
  return h('details', { class: 'event-details' },
    h('summary', null, 'Details'),
    h('dl', { class: 'facts' },
      h('dt', null, 'Action'), h('dd', null, h('code', null, e.action)),
      h('dt', null, 'Actor'), h('dd', null, party(e.actor), ' ', only('actorId', e.actor, 'Only by this person')),
      h('dt', null, 'Target'), h('dd', null, party(e.target), ' ', only('targetId', e.target, 'Only about this person')),
      h('dt', null, 'When'), h('dd', null, formatTime(e.occurredAt), e.count > 1 ? `; ${e.count} times, last ${formatTime(e.lastOccurredAt)}` : ''),
      h('dt', null, 'IP address'), h('dd', null, e.ip ?? '—'),
      h('dt', null, 'Request id'), h('dd', null, e.requestId ? h('code', null, e.requestId) : '—'),
      h('dt', null, 'Before'), h('dd', null, e.before ? h('code', { class: 'json' }, JSON.stringify(e.before)) : '—'),
      h('dt', null, 'After'), h('dd', null, e.after ? h('code', { class: 'json' }, JSON.stringify(e.after)) : '—'),
      h('dt', null, 'Hash'), h('dd', null, h('code', { class: 'json' }, e.hash))));
}

function eventRow(ctx, e, q, nameOf) {
  return h('tr', { 'data-action': e.action, 'data-id': e.id, 'data-actor': e.actor?.email, 'data-target': e.target?.email },
    h('td', { 'data-label': 'When' }, time(e.occurredAt)),
    h('td', { 'data-label': 'Event' },
      h('span', { class: 'sentence' }, sentence(e, nameOf), '.'),
      e.count > 1 && h('span', { class: 'sub' }, `${e.count} times, the last at ${formatTime(e.lastOccurredAt)}`),
      details(ctx, e, q)),
    h('td', { 'data-label': 'Change' }, changeCell(e)));
}

/** Downloads the filtered trail as CSV: the server streams it; the browser saves it as a file. */
async function downloadCsv(ctx, q, button) {
  const params = new URLSearchParams(apiQuery(q)).toString();
  button.disabled = true;
  const label = button.textContent;
  button.textContent = 'Preparing the file…';
  try {
    let res;
    try {
      res = await fetch(`/api/v1${ctx.path}/audit-events/export${params ? `?${params}` : ''}`, {
        headers: { Accept: 'text/csv', Authorization: `Bearer ${session.token()}` }, cache: 'no-store', credentials: 'omit',
      });
    } catch (e) {
      throw new ApiError(0, { detail: 'Roster could not be reached. Check the connection and try again.' });
    }
    if (!res.ok) {
      let problem = {};
      try {
        problem = await res.json();
      } catch (e) {
        problem = { title: `HTTP ${res.status}` };
      }
      throw new ApiError(res.status, problem, res.headers);
    }
    const url = URL.createObjectURL(await res.blob());
    const name = `audit-${ctx.membership.accountName.replace(/[^A-Za-z0-9._-]+/g, '-')}-${new Date().toISOString().slice(0, 10)}.csv`;
    const a = h('a', { href: url, download: name, class: 'sr-only' }, name);
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    show('success', `Downloaded ${name}: every event that matches the filters, newest first.`);
  } catch (e) {
    show('error', explain(e));
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
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
  const q = filtersOf(location.search);
  const problem = rangeProblem(q);
  let page = { items: [], nextCursor: null };
  if (!problem) {
    const query = { ...apiQuery(q), limit: String(PAGE) };
    if (q.cursor) query.cursor = q.cursor;
    page = (await api('GET', `${ctx.path}/audit-events?${new URLSearchParams(query)}`)).data;
  }
  const known = await people(ctx, page.items);
  const nameOf = (p) => known.get(p.id)?.name ?? p.email;
  const exportButton = h('button', { type: 'button', 'data-testid': 'audit-csv' }, 'Download CSV');
  exportButton.addEventListener('click', () => downloadCsv(ctx, q, exportButton));
  const pageNo = Math.max(1, Number.parseInt(q.page ?? '1', 10) || 1);
  const first = (pageNo - 1) * PAGE + 1;
  const { cursor, page: ignored, ...filters } = q;
  const older = { ...filters, cursor: page.nextCursor, page: String(pageNo + 1) };
  const filtered = FILTERS.some((k) => q[k]);
  fill(main,
    h('div', { class: 'page-head' }, h('h1', null, 'Audit trail'), !problem && exportButton),
    filterForm(ctx, q, known),
    problem && h('p', { class: 'notice', role: 'alert', 'data-testid': 'audit-problem' }, problem),
    !problem && (page.items.length === 0
      ? h('p', { class: 'card empty', 'data-testid': 'audit-empty' }, filtered ? 'No events match these filters.' : 'No events.')
      : h('div', { class: 'table-box' }, h('table', { class: 'audit stack-sm', 'data-testid': 'audit' },
        h('caption', { class: 'muted' }, `Events ${first}–${first + page.items.length - 1}${page.nextCursor ? '' : ` of ${first + page.items.length - 1}`}, newest first`),
        h('colgroup', null, h('col', { class: 'col-when' }), h('col', { class: 'col-event' }), h('col', { class: 'col-change' })),
        h('thead', null, h('tr', null, ['When', 'Event', 'Change'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, page.items.map((e) => eventRow(ctx, e, q, nameOf)))))),
    h('nav', { class: 'pager', 'aria-label': 'Pages' },
      q.cursor && h('a', { href: pageHref(ctx, filters), rel: 'first' }, '« Newest'),
      page.nextCursor && h('a', { href: pageHref(ctx, older), rel: 'next' }, 'Older events »')));
  if (problem) show('error', problem);
}
