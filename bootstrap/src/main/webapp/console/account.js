// What the logged-in member may do in one account, from GET /me and the account's role catalog.
import { h } from './dom.js';
import { api, ApiError } from './api.js';
import { roleLabel, renderNav } from './ui.js';
import { flash } from './messages.js';

/** The roles held plus every role they imply. */
function effectiveRoles(held, byName) {
  const out = new Set();
  const todo = [...held];
  while (todo.length) {
    const r = todo.pop();
    if (!out.has(r) && byName.has(r)) {
      out.add(r);
      todo.push(...byName.get(r).implies);
    }
  }
  return out;
}

/**
 * Loads the context of an account page. The console only offers what the API would allow (the server
 * still refuses anything else): users:manage, never on oneself or the owner, and only on members whose
 * every role the caller may grant (a trustee does not manage another trustee).
 */
export async function accountContext(accountId) {
  const me = (await api('GET', '/me')).data;
  const membership = me.memberships.find((m) => m.accountId === accountId);
  if (!membership) throw new ApiError(404, { title: 'Not found', detail: 'There is no such account among yours.' });
  const roles = (await api('GET', `/accounts/${encodeURIComponent(accountId)}/roles`)).data;
  const byName = new Map(roles.map((r) => [r.name, r]));
  const mine = effectiveRoles(membership.roles, byName);
  const permissions = new Set(membership.permissions);
  const can = (permission) => permissions.has(permission);
  const grantable = (role) => (byName.get(role)?.grantableBy ?? []).some((r) => mine.has(r));
  const exclusive = roles.length > 0 && roles.every((r) => r.exclusive === true);
  return {
    me,
    membership,
    accountId,
    roles,
    exclusive,
    /**
     * The seeds' words, which differ between the catalogs: the tiered guide's "Users" and "Delete", the
     * cumulative guide's "Account Management" (its "User Management" section) and "Remove".
     */
    words: exclusive
      ? { users: 'Users', section: null, remove: 'Delete', removed: 'deleted' }
      : { users: 'Account Management', section: 'User Management', remove: 'Remove', removed: 'removed' },
    can,
    grantable,
    path: `/accounts/${encodeURIComponent(accountId)}`,
    /** Why the caller cannot manage this member, or null when they can. */
    whyNot(member) {
      if (!can('users:manage')) return 'Your role does not include managing users.';
      if (member.id === membership.memberId) return 'User management actions do not apply to your own membership.';
      if (member.owner) return 'User management actions do not apply to the account owner.';
      const held = member.roles.find((r) => !grantable(r));
      if (held) return `Only someone who may grant ${roleLabel(held)} can manage this user.`;
      return null;
    },
    canManage(member) {
      return this.whyNot(member) === null;
    },
  };
}

/** The context of a page under the user list, with its navigation; null (and off to the overview) without users:view. */
export async function userPageContext(accountId) {
  const ctx = await accountContext(accountId);
  if (!ctx.can('users:view')) {
    flash('error', 'Your role does not include the user list.');
    location.replace(ctx.path);
    return null;
  }
  renderNav(ctx, 'members');
  return ctx;
}

/**
 * The role choice ("Manage access"): radio buttons when a member holds exactly one role (tiered),
 * checkboxes when roles combine (cumulative). Only roles the caller may grant can be changed.
 */
export function rolesFieldset(ctx, selected = [], legend = 'Role') {
  const type = ctx.exclusive ? 'radio' : 'checkbox';
  const offered = ctx.roles.filter((r) => ctx.grantable(r.name) || selected.includes(r.name));
  return h('fieldset', { class: 'roles' },
    h('legend', null, ctx.exclusive ? legend : `${legend}s`),
    !ctx.exclusive && h('p', { class: 'hint' }, 'Every role is off by default; each adds to the roles it includes. Logged-in users get new roles on their next request.'),
    offered.map((r) => h('label', null,
      h('input', {
        type, name: 'roles', value: r.name, checked: selected.includes(r.name), required: ctx.exclusive,
        disabled: !ctx.grantable(r.name), 'data-role': r.name,
      }),
      h('span', null, roleLabel(r.name), h('span', { class: 'hint' }, r.description)))));
}

/** The roles ticked in a form. */
export function chosenRoles(form) {
  return [...form.querySelectorAll('input[name=roles]:checked')].map((i) => i.value);
}
