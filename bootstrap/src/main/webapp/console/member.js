// One user: details, the edit form with "Save changes" (If-Match), activate/deactivate, resend, delete.
import { h, fill, field, time, formatTime } from './dom.js';
import { api, ApiError, explain } from './api.js';
import { show, flash } from './messages.js';
import { roleLabel, statusBadge, onSubmit, authMethodLabel } from './ui.js';
import { userPageContext, rolesFieldset, chosenRoles } from './account.js';
import { readMember, changeMember, setStatus, resendDialog, deleteDialog, deactivateDialog, STALE } from './actions.js';
import { ownershipSection } from './owner.js';

const sameSet = (a, b) => a.length === b.length && a.every((x) => b.includes(x));

function facts(member, provider) {
  const inv = member.invitation;
  return h('dl', { class: 'facts', 'data-testid': 'member-facts' },
    h('dt', null, 'Email'), h('dd', null, member.email),
    h('dt', null, 'Name'), h('dd', null, member.name),
    h('dt', null, 'Status'), h('dd', { 'data-testid': 'status' }, statusBadge(member.status)),
    h('dt', null, 'User Role'), h('dd', { 'data-testid': 'roles' }, member.roles.map(roleLabel).join(', ') || 'No roles'),
    member.owner && [h('dt', null, 'Owner'), h('dd', null, 'Yes: the account owner')],
    member.provisioned && [h('dt', null, 'Provisioned'), h('dd', { 'data-testid': 'provisioned' },
      'By your identity provider (SCIM). Manual edits will be overwritten by the IdP: change this member there.')],
    h('dt', null, 'Last Active'), h('dd', null, time(member.lastActiveAt, 'Never')),
    h('dt', null, 'Auth method'), h('dd', { 'data-testid': 'auth-method' }, authMethodLabel(member.authMethod, provider)),
    h('dt', null, 'Created'), h('dd', null, time(member.createdAt)),
    inv && [
      h('dt', null, 'Invitation'),
      h('dd', { 'data-testid': 'invitation' },
        inv.expired ? [h('span', { class: 'badge expired' }, 'Expired'), ' on ', formatTime(inv.expiresAt)] : ['Expires ', formatTime(inv.expiresAt)],
        `; sent ${inv.sendCount} time${inv.sendCount === 1 ? '' : 's'}`,
        inv.delivery ? `; delivery ${inv.delivery.toLowerCase()}` : '',
        inv.lastError ? ` (${inv.lastError})` : ''),
    ]);
}

export async function memberPage(main, { accountId, memberId }) {
  const ctx = await userPageContext(accountId);
  if (!ctx) return;
  const list = `${ctx.path}/members`;
  let current;
  let provider = null; // the account's SSO provider's display name, for those who may read its settings

  async function load() {
    current = await readMember(ctx, memberId);
    if (provider === null && (current.member.authMethod ?? '').includes('SSO') && ctx.can('users:manage')) {
      try {
        provider = (await api('GET', `${ctx.path}/sso`)).data.displayName;
      } catch (e) {
        provider = '';
      }
    }
    render();
  }

  function render() {
    const { member, etag } = current;
    document.title = `${member.email} · Roster`;
    const why = ctx.whyNot(member);
    const parts = [h('p', null, h('a', { href: list }, '← All users')), h('h1', null, member.email),
      h('section', { class: 'card', 'aria-label': 'Details' }, facts(member, provider))];
    if (why) {
      parts.push(h('p', { class: 'notice', 'data-testid': 'no-actions' }, why));
      fill(main, parts);
      return;
    }
    const form = h('form', { class: 'card stack', 'aria-label': 'Edit user', 'data-testid': 'edit-form' },
      h('h2', null, 'Edit user'),
      field({ label: 'Name', name: 'name', required: true, value: member.name, autocomplete: 'off' }),
      rolesFieldset(ctx, member.roles, 'User Role'),
      h('div', { class: 'actions left' }, h('button', { type: 'submit', class: 'primary' }, 'Save changes')));
    onSubmit(form, async (data) => {
      const changes = {};
      if (data.get('name').trim() !== member.name) changes.name = data.get('name').trim();
      const roles = chosenRoles(form);
      if (!sameSet(roles, member.roles)) changes.roles = roles;
      if (!Object.keys(changes).length) {
        show('info', 'Nothing changed, so nothing was saved.');
        return;
      }
      try {
        current = await changeMember(ctx, memberId, etag, changes);
      } catch (e) {
        if (e instanceof ApiError && e.status === 412) {
          await load();
          show('error', STALE);
          return;
        }
        throw e;
      }
      render();
      show('success', `Changes to ${member.email} saved.`);
    });
    const run = (fn) => async () => {
      try {
        await fn();
      } catch (e) {
        if (e instanceof ApiError && e.status === 412) {
          await load();
          show('error', STALE);
          return;
        }
        show('error', explain(e));
      }
    };
    const afterDelete = () => {
      flash('success', `${member.email} was ${ctx.words.removed}.`);
      location.assign(list);
    };
    const actions = h('section', { class: 'card', 'aria-label': 'Actions' }, h('h2', null, 'Actions'),
      h('div', { class: 'actions left' },
        member.status === 'ACTIVE' && h('button', { type: 'button', onclick: () => deactivateDialog(ctx, member,
          run(async () => { current = await setStatus(ctx, memberId, 'INACTIVE', etag); render(); })) }, 'Deactivate'),
        member.status === 'INACTIVE' && h('button', { type: 'button', onclick: run(async () => { current = await setStatus(ctx, memberId, 'ACTIVE', etag); render(); }) }, 'Activate'),
        member.status === 'PENDING_INVITATION' && h('button', { type: 'button', onclick: () => resendDialog(ctx, member, load) }, 'Resend invitation'),
        h('button', { type: 'button', class: 'danger', onclick: () => deleteDialog(ctx, member, afterDelete) }, ctx.words.remove)));
    fill(main, parts, form, actions, ownershipSection(ctx, member));
  }
  await load();
}
