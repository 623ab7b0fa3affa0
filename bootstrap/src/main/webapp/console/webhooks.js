// Issue 21: the account's webhook endpoints — list, add (the secret is shown once), rotate, enable or
// disable, remove, and each endpoint's latest deliveries with "redeliver". For members with users:manage.
import { h, fill, field, time } from './dom.js';
import { api, explain, SessionEnded } from './api.js';
import { show } from './messages.js';
import { renderNav, openDialog } from './ui.js';
import { accountContext } from './account.js';

const TYPES = ['dev.roster.member.invited', 'dev.roster.member.invitation_resent', 'dev.roster.member.accepted',
  'dev.roster.member.roles_changed', 'dev.roster.member.renamed', 'dev.roster.member.deactivated',
  'dev.roster.member.activated', 'dev.roster.member.removed', 'dev.roster.account.owner_changed'];

/** A button's action: a refusal is shown, never left unhandled. */
const act = (fn) => async () => {
  try {
    await fn();
  } catch (error) {
    if (!(error instanceof SessionEnded)) show('error', explain(error));
  }
};

/** The secret of an endpoint just added or rotated: shown here once, never again. */
function secretNotice(secret) {
  return h('section', { class: 'card', 'data-testid': 'webhook-secret', role: 'status' },
    h('h2', null, 'Signing secret'),
    h('p', null, 'Copy it now: it is shown only this once. Verify each delivery with any Standard Webhooks library.'),
    h('p', null, h('code', { class: 'secret' }, secret)));
}

function addDialog(ctx, done) {
  openDialog({
    title: 'Add a webhook endpoint',
    testId: 'webhook-add-dialog',
    submitLabel: 'Add',
    body: h('div', null,
      field({ label: 'URL', name: 'url', type: 'url', required: true, placeholder: 'https://portal.example.com/hooks/roster',
        hint: 'https only; the address must be public.' }),
      field({ label: 'Description', name: 'description', maxlength: '500' }),
      h('fieldset', null, h('legend', null, 'Event types (none checked: every type)'),
        TYPES.map((t) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'eventTypes', value: t }), ` ${t}`)))),
    submit: async (data) => {
      const r = await api('POST', `${ctx.path}/webhooks`, {
        body: { url: data.get('url'), description: data.get('description') ?? '', eventTypes: data.getAll('eventTypes') },
      });
      await done(r.data.secret);
    },
  });
}

async function deliveries(ctx, hook, cell) {
  const log = (await api('GET', `${ctx.path}/webhooks/${encodeURIComponent(hook.id)}/deliveries`)).data;
  fill(cell, log.length === 0
    ? h('p', { class: 'muted' }, 'No deliveries yet.')
    : h('table', { 'data-testid': 'webhook-deliveries' },
      h('thead', null, h('tr', null, ['When', 'Event', 'Attempt', 'Status', 'Code', 'ms', 'Next try', ''].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, log.map((d) => h('tr', null,
        h('td', null, time(d.at)), h('td', null, h('code', null, d.type)), h('td', null, String(d.attempt)),
        h('td', null, d.status), h('td', null, d.responseCode ?? '—'), h('td', null, String(d.durationMs)),
        h('td', null, time(d.nextAttemptAt)),
        h('td', null, h('button', { type: 'button', onclick: act(async () => {
          await api('POST', `${ctx.path}/webhooks/${encodeURIComponent(hook.id)}/deliveries/${encodeURIComponent(d.eventId)}/redeliver`);
          show('success', 'Queued for delivery once more.');
        }) }, 'Redeliver')))))));
}

/** The webhooks page: /accounts/{id}/webhooks. */
export async function webhooksPage(main, { accountId }, secret = null) {
  const ctx = await accountContext(accountId);
  renderNav(ctx, 'webhooks');
  document.title = `Webhooks · ${ctx.membership.accountName} · Roster`;
  if (!ctx.can('users:manage')) {
    fill(main, h('h1', null, 'Webhooks'), h('p', { class: 'notice' }, 'Your role does not include managing webhooks.'));
    return;
  }
  const reload = (newSecret = null) => webhooksPage(main, { accountId }, newSecret);
  const hooks = (await api('GET', `${ctx.path}/webhooks`)).data;
  const change = async (hook, body, message) => {
    const r = await api('PATCH', `${ctx.path}/webhooks/${encodeURIComponent(hook.id)}`, { body });
    show('success', message);
    await reload(r.data.secret ?? null);
  };
  fill(main, h('h1', null, 'Webhooks'),
    h('p', null, 'Roster POSTs every member change to these URLs as a signed CloudEvent. The same events are in the feed ',
      h('code', null, `GET /api/v1${ctx.path}/events`), '.'),
    secret && secretNotice(secret),
    h('p', null, h('button', { type: 'button', class: 'primary', 'data-testid': 'webhook-add',
      onclick: () => addDialog(ctx, async (s) => { show('success', 'Endpoint added.'); await reload(s); }) }, 'Add endpoint')),
    hooks.length === 0
      ? h('p', { class: 'card empty' }, 'No endpoints.')
      : hooks.map((hook) => {
        const log = h('div', { class: 'deliveries' });
        return h('section', { class: 'card', 'data-testid': 'webhook', 'data-id': hook.id },
          h('h2', null, h('code', null, hook.url)),
          hook.description && h('p', null, hook.description),
          h('p', null, hook.enabled ? 'Enabled' : `Disabled${hook.disabledReason ? `: ${hook.disabledReason}` : ''}`,
            ' · since ', time(hook.createdAt)),
          h('p', { class: 'muted' }, hook.eventTypes.length ? hook.eventTypes.join(', ') : 'Every event type'),
          h('div', { class: 'actions' },
            h('button', { type: 'button', onclick: act(() => deliveries(ctx, hook, log)) }, 'Deliveries'),
            h('button', { type: 'button', onclick: act(() => change(hook, { enabled: !hook.enabled }, hook.enabled ? 'Endpoint disabled.' : 'Endpoint enabled.')) },
              hook.enabled ? 'Disable' : 'Enable'),
            h('button', { type: 'button', onclick: act(() => change(hook, { rotateSecret: true }, 'New secret made; the old one signs for 24 hours more.')) },
              'Rotate secret'),
            h('button', { type: 'button', class: 'danger', onclick: () => openDialog({
              title: 'Remove endpoint', testId: 'webhook-delete-dialog', submitLabel: 'Remove', danger: true,
              body: h('p', null, 'Remove ', h('code', null, hook.url), ' and its waiting deliveries?'),
              submit: async () => {
                await api('DELETE', `${ctx.path}/webhooks/${encodeURIComponent(hook.id)}`);
                show('success', 'Endpoint removed.');
                await reload();
              },
            }) }, 'Remove')),
          log);
      }));
}
