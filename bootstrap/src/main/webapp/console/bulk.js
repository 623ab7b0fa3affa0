// Bulk actions on the user list's selected rows (issue 22): a checkbox per row and one for the page, an
// action bar while rows are selected, and one call of POST /accounts/{id}/users:batch, all or nothing.
// Each action first asks the API with dryRun:true and shows what would happen to each member; Apply sends
// the same operations with dryRun:false and an Idempotency-Key of its own. The server judges every
// member by the one-by-one rules: the owner and one's own row can be selected, and the dry run says why not.
import { h, fill, field, uid } from './dom.js';
import { api, ApiError, explain } from './api.js';
import { show } from './messages.js';
import { openDialog, statusBadge } from './ui.js';

/** The words of each action: the bar's button, the dialog's title, what happens to one member, the result. */
function actions(ctx) {
  return {
    deactivate: { label: 'Deactivate', title: 'Deactivate users', will: 'Will be deactivated: can no longer log in, open sessions end.',
      done: 'deactivated', noop: (m) => m.status === 'INACTIVE' && 'Already inactive: stays as it is.', danger: true },
    activate: { label: 'Activate', title: 'Activate users', will: 'Will be activated and can log in again.',
      done: 'activated', noop: (m) => m.status === 'ACTIVE' && 'Already active: stays as it is.' },
    resend: { label: 'Resend invitation', title: 'Resend invitations', will: 'Gets a new invitation link; earlier links stop working.',
      done: 'sent a new invitation', noop: () => false },
    remove: { label: ctx.words.remove, title: `${ctx.words.remove} users`, will: `Will be ${ctx.words.removed} and lose access to ${ctx.membership.accountName}.`,
      done: ctx.words.removed, noop: () => false, danger: true },
  };
}

/** Words for a refusal whose answer carries none (the API always sends its detail; this is the fallback). */
const REFUSED = {
  'self-action': 'You cannot change, deactivate or remove your own membership.',
  'owner-protected': 'The account owner cannot be changed, deactivated or removed.',
  'role-not-grantable': 'You may not manage a member with this role.',
  'not-found': 'This member no longer exists.',
  'not-pending': 'Only members with a pending invitation can be re-invited.',
  'too-many-requests': 'Too many invitations just now; try again later.',
  'confirmation-mismatch': 'The email you typed does not match.',
  validation: 'A pending invitation cannot be activated or deactivated.',
  'precondition-failed': 'Someone else changed this member meanwhile.',
};

/** A random Idempotency-Key (crypto.getRandomValues works on plain http too, unlike randomUUID). */
function newKey() {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const plural = (n) => `${n} user${n === 1 ? '' : 's'}`;

/**
 * The selection of one page of the user list. checkbox(member) and selectAll() go into the table,
 * bar above it; reset(items) at each render (a reload starts with nothing selected).
 */
export function bulkSelection(ctx, reload) {
  const words = actions(ctx);
  const selected = new Map(); // member id → member, in the page's order
  let members = [];
  const boxes = new Map(); // member id → its checkbox
  let all = null;
  const count = h('span', { class: 'bulk-count', 'aria-live': 'polite', 'data-testid': 'bulk-count' });
  const buttons = Object.entries(words).map(([action, w]) => h('button', {
    type: 'button', 'data-bulk': action, class: action === 'remove' ? 'danger' : null, onclick: () => start(action),
  }, w.label));
  const selectPage = h('button', { type: 'button', class: 'link', onclick: () => setAll(true) }, 'Select all on this page');
  const bar = h('div', { class: 'bulk-bar', role: 'region', 'aria-label': 'Bulk actions', 'data-testid': 'bulk-bar', hidden: true },
    count, h('div', { class: 'bulk-actions' }, buttons),
    h('div', { class: 'bulk-more' }, selectPage,
      h('button', { type: 'button', class: 'link', onclick: () => setAll(false) }, 'Clear selection')));

  function sync() {
    for (const [id, box] of boxes) box.checked = selected.has(id);
    if (all) {
      all.checked = members.length > 0 && selected.size === members.length;
      all.indeterminate = selected.size > 0 && selected.size < members.length;
    }
    bar.hidden = selected.size === 0;
    selectPage.hidden = selected.size === members.length;
    fill(count, `${plural(selected.size)} selected`);
  }

  function setAll(on) {
    selected.clear();
    if (on) members.forEach((m) => selected.set(m.id, m));
    sync();
  }

  function busy(on) {
    buttons.forEach((b) => { b.disabled = on; });
  }

  /** The dry run, then the dialog. */
  async function start(action) {
    const chosen = members.filter((m) => selected.has(m.id));
    if (!chosen.length) return;
    busy(true);
    let answer;
    try {
      answer = (await api('POST', `${ctx.path}/users:batch`, {
        body: { dryRun: true, operations: chosen.map((m) => ({ userId: m.id, action })) },
      })).data;
    } catch (e) {
      show('error', explain(e));
      return;
    } finally {
      busy(false);
    }
    dialog(action, chosen, answer.results);
  }

  function dialog(action, chosen, firstResults) {
    const w = words[action];
    const byId = new Map(chosen.map((m) => [m.id, m]));
    let results = firstResults;
    let key = newKey();
    const inputs = new Map(); // member id → the input where its email is typed again (remove)
    const list = h('ul', { class: 'bulk-results', 'data-testid': 'bulk-results' });
    const summary = h('p', { class: 'bulk-summary', 'data-testid': 'bulk-summary' });
    // a removal the server would allow once the email is typed again answers confirmation-required in the dry run
    const allowed = (r) => r.outcome === 'ok' || (action === 'remove' && r.outcome === 'confirmation-required');
    const matches = (m) => (inputs.get(m.id)?.value ?? '').trim().toLowerCase() === m.email.toLowerCase();

    function render() {
      inputs.clear();
      fill(list, results.map((r) => {
        const m = byId.get(r.userId);
        const ok = allowed(r);
        const confirm = ok && action === 'remove'
          && field({ label: `Type ${m.email} to confirm`, name: `confirm-${m.id}`, type: 'text', autocomplete: 'off', spellcheck: 'false',
            id: uid('bulk-confirm') });
        if (confirm) {
          const input = confirm.querySelector('input');
          input.addEventListener('input', syncApply);
          inputs.set(m.id, input);
        }
        return h('li', { class: ok ? 'bulk-ok' : 'bulk-refused', 'data-email': m.email, 'data-outcome': r.outcome },
          h('span', { class: 'bulk-who' }, h('strong', null, m.email), ' ', statusBadge(m.status)),
          h('span', { class: 'bulk-what' }, ok
            ? (w.noop(m) || w.will)
            : [h('span', { class: 'refused' }, 'Refused: '), r.detail || REFUSED[r.outcome] || r.outcome]),
          confirm);
      }));
      const refused = results.filter((r) => !allowed(r)).length;
      fill(summary, refused
        ? `${refused} of ${plural(results.length)} cannot be changed this way, so nothing can be applied. `
          + 'Leave them out of the selection and try again.'
        : action === 'remove'
          ? `Type each email again to ${ctx.words.remove.toLowerCase()} ${plural(results.length)}. This cannot be undone.`
          : `All ${plural(results.length)} can be changed. Nothing has happened yet.`);
      leaveOut.hidden = !refused || refused === results.length;
      syncApply();
    }

    const leaveOut = h('button', { type: 'button', 'data-testid': 'bulk-leave-out', onclick: () => {
      const keep = results.filter(allowed).map((r) => r.userId);
      box.close();
      selected.clear();
      keep.forEach((id) => selected.set(id, byId.get(id)));
      sync();
      start(action);
    } }, 'Leave out the refused users');

    const box = openDialog({
      title: `${w.title} (${plural(chosen.length)})`,
      testId: 'bulk-dialog',
      submitLabel: 'Apply',
      danger: Boolean(w.danger),
      body: [summary, list, h('div', { class: 'actions left' }, leaveOut)],
      submit: async () => {
        const operations = chosen.map((m) => ({ userId: m.id, action, ...(action === 'remove' ? { confirmEmail: inputs.get(m.id)?.value.trim() ?? '' } : {}) }));
        let answer;
        try {
          answer = (await api('POST', `${ctx.path}/users:batch`, { body: { dryRun: false, operations }, headers: { 'Idempotency-Key': key } })).data;
        } catch (e) {
          if (e instanceof ApiError && e.status !== 0) key = newKey(); // answered: a new attempt is a new request
          throw e;
        }
        if (!answer.applied) {
          key = newKey();
          results = answer.results;
          render();
          throw new ApiError(409, { detail: 'Nothing was changed: the server refused the members marked below.' });
        }
        selected.clear();
        show('success', `${plural(chosen.length)} ${chosen.length === 1 ? 'was' : 'were'} ${w.done}: ${chosen.map((m) => m.email).join(', ')}.`);
        await reload();
      },
    });
    const apply = box.querySelector('button[type=submit]');
    function syncApply() {
      apply.disabled = results.some((r) => !allowed(r)) || [...inputs.keys()].some((id) => !matches(byId.get(id)));
    }
    // onSubmit enables the button again after a refusal: the results and the typed emails decide
    box.querySelector('form').addEventListener('settled', syncApply);
    render();
  }

  return {
    bar,
    /** At each render of a page: nothing selected, these rows selectable. */
    reset(items) {
      members = items;
      selected.clear();
      boxes.clear();
      all = null;
      sync();
    },
    selectAll() {
      const id = uid('select-all');
      all = h('input', { type: 'checkbox', id, 'data-testid': 'select-all', onchange: (e) => setAll(e.currentTarget.checked) });
      sync();
      return h('label', { class: 'select', for: id }, all, h('span', { class: 'sr-only' }, 'Select all users on this page'));
    },
    checkbox(member) {
      const id = uid('select');
      const box = h('input', { type: 'checkbox', id, 'data-select': member.email, onchange: (e) => {
        if (e.currentTarget.checked) selected.set(member.id, member);
        else selected.delete(member.id);
        sync();
      } });
      boxes.set(member.id, box);
      // "Select" is shown on a phone's card; the email is for screen readers (the card shows it below)
      return h('label', { class: 'select', for: id }, box, h('span', { class: 'sr-only select-word' }, 'Select'),
        h('span', { class: 'sr-only' }, ` ${member.email}`));
    },
  };
}
