// Issue 20: the account's SCIM provisioning — the base URL to enter in Okta or Entra ID, and the SCIM
// tokens: list, create (the token is shown once), revoke. For members with users:manage.
import { h, fill, field, time, uid } from './dom.js';
import { api } from './api.js';
import { show } from './messages.js';
import { renderNav, openDialog } from './ui.js';
import { accountContext } from './account.js';

/**
 * A read-only, labelled text box holding a value to copy, with a Copy button (the clipboard where the
 * browser allows it; else the text is selected for Ctrl+C).
 */
function copyField(label, value, testId, hint) {
  const id = uid('copy');
  const hintId = `${id}-hint`;
  const input = h('input', { type: 'text', id, readonly: true, value, 'data-testid': testId, 'aria-describedby': hintId,
    spellcheck: 'false', autocomplete: 'off', onfocus: (e) => e.target.select() });
  const copy = async () => {
    input.focus();
    input.select();
    try {
      await navigator.clipboard.writeText(value);
      show('success', `${label} copied.`);
    } catch {
      show('info', `Press Ctrl+C (⌘C) to copy the selected ${label.toLowerCase()}.`);
    }
  };
  return h('div', { class: 'field' }, h('label', { for: id }, label), input,
    h('p', { class: 'hint', id: hintId }, hint),
    h('button', { type: 'button', onclick: copy }, `Copy ${label.toLowerCase()}`));
}

/** The token just created: shown here once, never again. */
function tokenNotice(created) {
  return h('section', { class: 'card', 'data-testid': 'scim-token-created', role: 'status' },
    h('h2', null, `New token “${created.name}”`),
    h('p', { class: 'notice' }, h('strong', null, 'Copy it now: '),
      'it will not be shown again. Roster keeps only a hash of it; if it is lost, create another token and revoke this one.'),
    copyField('Token', created.token, 'scim-token', 'Enter it in your identity provider: Okta, the Bearer token of the HTTP Header authentication mode; Entra ID, Secret Token.'));
}

function createDialog(ctx, done) {
  openDialog({
    title: 'Create a SCIM token',
    testId: 'scim-token-create-dialog',
    submitLabel: 'Create',
    body: h('div', null,
      field({ label: 'Name', name: 'name', required: true, maxlength: '100', autocomplete: 'off',
        hint: 'Which identity provider uses it, e.g. “Okta production”. Changes it makes are audited under this name.' })),
    submit: async (data) => {
      const r = await api('POST', `${ctx.path}/scim-tokens`, { body: { name: data.get('name') ?? '' } });
      await done(r.data);
    },
  });
}

/** The provisioning page: /accounts/{id}/provisioning. */
export async function provisioningPage(main, { accountId }, created = null) {
  const ctx = await accountContext(accountId);
  renderNav(ctx, 'provisioning');
  document.title = `Provisioning (SCIM) · ${ctx.membership.accountName} · Roster`;
  if (!ctx.can('users:manage')) {
    fill(main, h('h1', null, 'Provisioning (SCIM)'), h('p', { class: 'notice' }, 'Your role does not include managing provisioning.'));
    return;
  }
  const reload = (newToken = null) => provisioningPage(main, { accountId }, newToken);
  const tokens = (await api('GET', `${ctx.path}/scim-tokens`)).data;
  const base = `${location.origin}/scim/v2/accounts/${accountId}`;
  fill(main, h('h1', null, 'Provisioning (SCIM)'),
    h('p', null, 'Okta or Microsoft Entra ID can create, update, deactivate and remove this account’s members through SCIM 2.0. ',
      'Members it provisions are marked “Provisioned”; the identity provider overwrites manual changes to them.'),
    h('section', { class: 'card' },
      h('h2', null, 'SCIM base URL'),
      copyField('Base URL', base, 'scim-base-url', 'Okta: SCIM connector base URL; Entra ID: Tenant URL.')),
    created && tokenNotice(created),
    h('section', { class: 'card' },
      h('h2', null, 'Tokens'),
      h('p', null, 'Each token works only for this account and only for SCIM.'),
      h('p', null, h('button', { type: 'button', class: 'primary', 'data-testid': 'scim-token-create',
        onclick: () => createDialog(ctx, async (t) => { show('success', 'Token created.'); await reload(t); }) }, 'Create token')),
      tokens.length === 0
        ? h('p', { class: 'empty', 'data-testid': 'scim-tokens-empty' }, 'No tokens.')
        : h('table', { 'data-testid': 'scim-tokens' },
          h('caption', { class: 'sr-only' }, 'SCIM tokens'),
          h('thead', null, h('tr', null, ['Name', 'Created', 'Last used', ''].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', null, tokens.map((t) => h('tr', { 'data-testid': 'scim-token-row', 'data-id': t.id },
            h('th', { scope: 'row' }, t.name),
            h('td', null, time(t.createdAt)),
            h('td', null, time(t.lastUsedAt, 'Never')),
            h('td', null, h('button', { type: 'button', class: 'danger', 'aria-label': `Revoke ${t.name}`, onclick: () => openDialog({
              title: 'Revoke token', testId: 'scim-token-revoke-dialog', submitLabel: 'Revoke', danger: true,
              body: h('p', null, 'Revoke “', t.name, '”? The identity provider using it can no longer provision members until it gets a new token.'),
              submit: async () => {
                await api('DELETE', `${ctx.path}/scim-tokens/${encodeURIComponent(t.id)}`);
                show('success', 'Token revoked.');
                await reload();
              },
            }) }, 'Revoke'))))))));
}
