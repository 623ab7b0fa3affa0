// "Transfer ownership" (issue 22): the owner hands the account to an ACTIVE member by re-typing that
// member's email; the server compares (POST /accounts/{id}/owner) and keeps the owner's highest grantable role.
import { h, field } from './dom.js';
import { api, ApiError } from './api.js';
import { openDialog, roleLabel } from './ui.js';
import { flash } from './messages.js';

/** The "Ownership" card of a member's page, for the owner looking at another ACTIVE member; else nothing. */
export function ownershipSection(ctx, member) {
  if (!ctx.membership.owner || member.id === ctx.membership.memberId || member.status !== 'ACTIVE') return null;
  return h('section', { class: 'card', 'aria-label': 'Ownership', 'data-testid': 'ownership' },
    h('h2', null, 'Ownership'),
    h('p', null, 'You own ', ctx.membership.accountName, '. Hand it to ', h('strong', null, member.email),
      ' and keep the highest role an owner can grant.'),
    h('div', { class: 'actions left' },
      h('button', { type: 'button', 'data-testid': 'transfer-ownership', onclick: () => transferDialog(ctx, member) },
        'Transfer ownership')));
}

function transferDialog(ctx, member) {
  const input = field({ label: `Type ${member.email} to confirm`, name: 'confirmEmail', type: 'text', required: true,
    autocomplete: 'off', spellcheck: 'false' });
  const dialog = openDialog({
    title: 'Transfer ownership',
    testId: 'transfer-dialog',
    submitLabel: 'Transfer ownership',
    danger: true,
    body: [
      h('p', null, h('strong', null, member.email), ' becomes the owner of ', ctx.membership.accountName,
        ' with every permission. You keep the role ', roleLabel(ctx.exclusive ? 'ADMIN' : 'ACCOUNT_TRUSTEE'),
        ' and can no longer hand the account over or undo this yourself. Both of you get an email.'),
      input,
    ],
    submit: async (data) => {
      const typed = data.get('confirmEmail').trim();
      try {
        await api('POST', `${ctx.path}/owner`, { body: { userId: member.id, confirmEmail: typed } });
      } catch (e) {
        if (e instanceof ApiError && e.slug === 'confirmation-mismatch') {
          throw new ApiError(422, { ...e.problem, detail: `The email you typed does not match ${member.email}. Nothing was changed.` });
        }
        throw e;
      }
      flash('success', `${member.email} is now the owner of ${ctx.membership.accountName}.`);
      location.reload();
    },
  });
  // the primary button stays off until the typed email matches (the server checks again)
  const confirm = dialog.querySelector('button[type=submit]');
  const box = dialog.querySelector('input[name=confirmEmail]');
  const sync = () => { confirm.disabled = box.value.trim().toLowerCase() !== member.email.toLowerCase(); };
  box.addEventListener('input', sync);
  sync();
}
