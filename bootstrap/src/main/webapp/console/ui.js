// Shared pieces: forms that show the API's answer next to the fields, modal dialogs, the navigation.
import { h, fill, uid } from './dom.js';
import { api, explain, session, ApiError, SessionEnded } from './api.js';
import { show, flash } from './messages.js';

/** Clears the error marks a previous submit left on a form. */
function clearFieldErrors(form) {
  form.querySelectorAll('.field-error').forEach((e) => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach((e) => {
    e.removeAttribute('aria-invalid');
    const ids = (e.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && !x.endsWith('-error'));
    if (ids.length) e.setAttribute('aria-describedby', ids.join(' '));
    else e.removeAttribute('aria-describedby');
  });
}

/** Marks each field a 400 names ({errors: [{field, message}]}); returns whether any field was marked. */
function markFieldErrors(form, error) {
  const errors = error instanceof ApiError && Array.isArray(error.problem.errors) ? error.problem.errors : [];
  let first = null;
  for (const e of errors) {
    const input = form.querySelector(`[name="${CSS.escape(e.field)}"]`);
    if (!input) continue;
    const id = `${input.id || uid('x')}-error`;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') || ''} ${id}`.trim());
    const holder = input.closest('.field, fieldset') || input.parentElement;
    holder.append(h('p', { class: 'field-error', id }, e.message));
    first = first || input;
  }
  if (first) first.focus();
  return first !== null;
}

/**
 * Submits a form through an async action: the submit button is disabled while it runs; a refusal is
 * shown by report(text) and next to the fields the API names. The form gets a "settled" event when the
 * action has ended either way.
 */
export function onSubmit(form, action, report = (text) => show('error', text)) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('[type=submit]');
    clearFieldErrors(form);
    if (button) button.disabled = true;
    try {
      await action(new FormData(form), form);
    } catch (error) {
      if (error instanceof SessionEnded) return;
      if (!(error instanceof ApiError)) console.error(error);
      markFieldErrors(form, error);
      report(explain(error), error);
    } finally {
      if (button) button.disabled = false;
      form.dispatchEvent(new Event('settled')); // for forms whose button has its own condition
    }
  });
  return form;
}

/**
 * A modal dialog (<dialog>.showModal(): the page behind is inert, focus stays inside, Escape closes,
 * focus returns to the opener). submit(formData, form, dialog) runs on the primary button; when it
 * resolves the dialog closes; when it throws, the reason shows inside the dialog. With novalidate the
 * browser's own bubbles stay off: submit() checks the fields and throws an ApiError naming them.
 */
export function openDialog({ title, body, submitLabel, danger = false, submit, testId, novalidate = false }) {
  const opener = document.activeElement;
  const titleId = uid('dialog-title');
  const errors = h('div', { class: 'dialog-errors', role: 'alert' });
  const dialog = h('dialog', { 'aria-labelledby': titleId, 'data-testid': testId });
  const form = h('form', { novalidate },
    h('h2', { id: titleId }, title),
    errors,
    body,
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'),
      h('button', { type: 'submit', class: danger ? 'danger' : 'primary' }, submitLabel)));
  onSubmit(form, async (data) => {
    fill(errors);
    await submit(data, form, dialog);
    dialog.close();
  }, (text) => fill(errors, h('p', null, h('strong', null, 'Error: '), text)));
  dialog.append(form);
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (opener && opener.isConnected) opener.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

/** The header navigation of a logged-in page. */
export function renderNav(ctx, current) {
  const nav = document.getElementById('nav');
  const base = ctx ? `/accounts/${ctx.accountId}` : null;
  const link = (href, text, key) => h('a', { href, 'aria-current': key === current ? 'page' : null }, text);
  const logout = h('button', { type: 'button', onclick: logOut }, 'Log out');
  const active = (ctx?.me ?? {}).memberships?.filter((m) => m.status === 'ACTIVE') ?? [];
  fill(nav,
    ctx && h('span', { class: 'account' }, ctx.membership.accountName),
    ctx && ctx.can('users:view') && link(`${base}/members`, ctx.words?.users ?? 'Users', 'members'),
    ctx && !ctx.can('users:view') && link(base, 'Overview', 'overview'),
    ctx && ctx.can('audit:view') && link(`${base}/audit`, 'Audit trail', 'audit'),
    ctx && ctx.can('users:manage') && link(`${base}/sso`, 'Single sign-on', 'sso'),
    ctx && ctx.can('users:manage') && link(`${base}/webhooks`, 'Webhooks', 'webhooks'),
    ctx && ctx.can('users:manage') && link(`${base}/provisioning`, 'Provisioning (SCIM)', 'provisioning'),
    (!ctx || active.length > 1) && link('/accounts', 'Accounts', 'accounts'),
    link('/profile', 'Profile', 'profile'),
    ctx && h('span', { class: 'who' }, ctx.me.email),
    logout);
}

export async function logOut() {
  try {
    await api('POST', '/auth/logout');
  } catch (e) {
    // the session may already be gone; logging out ends it here either way
  }
  session.end();
  flash('success', 'You have logged out.');
  location.assign('/login');
}

/** Sends a page that needs a session to the login when there is none; true when the page may go on. */
export function requireSession() {
  if (session.token()) return true;
  flash('info', 'Log in to continue.');
  location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
  return false;
}

/** "ACCOUNT_TRUSTEE" → "Account Trustee", "TCO_TRUSTEE" → "TCO Trustee". */
export function roleLabel(name) {
  const ACRONYMS = ['TCO'];
  return name.split('_').map((w) => (ACRONYMS.includes(w) ? w : w.charAt(0) + w.slice(1).toLowerCase())).join(' ');
}

export const STATUS = { ACTIVE: 'Active', INACTIVE: 'Inactive', PENDING_INVITATION: 'Pending Invitation' };

/** A status as text plus a class for colour: colour is never the only signal. */
export function statusBadge(status) {
  return h('span', { class: `badge status-${status}` }, STATUS[status] ?? status);
}

/** The auth method in words; SSO with the provider's display name when known (issue 19). */
export function authMethodLabel(method, provider) {
  const sso = provider ? `SSO (${provider})` : 'SSO';
  switch (method) {
    case 'PASSWORD': return 'Password';
    case 'SSO': return sso;
    case 'PASSWORD_AND_SSO': return `Password and ${sso}`;
    default: return method ?? '—';
  }
}
