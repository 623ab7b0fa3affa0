// The member actions of the seeds: invite, manage access, activate/deactivate, resend invitation, delete.
import { h, field, formatTime } from './dom.js';
import { api, ApiError } from './api.js';
import { show } from './messages.js';
import { openDialog } from './ui.js';
import { rolesFieldset, chosenRoles } from './account.js';

const users = (ctx) => `${ctx.path}/users`;
const one = (ctx, id) => `${users(ctx)}/${encodeURIComponent(id)}`;

/** Reads one member with the ETag that a change must send back. */
export async function readMember(ctx, id) {
  const r = await api('GET', one(ctx, id));
  return { member: r.data, etag: r.headers.get('ETag') };
}

/** The words for a 412: someone else saved first. */
export const STALE = 'Someone else changed this user while you were looking at it, so nothing was saved. The latest version is shown now; make your change again.';

/** PATCH with If-Match; a 412 becomes the explanation above. */
export async function changeMember(ctx, id, etag, changes) {
  try {
    const r = await api('PATCH', one(ctx, id), { body: changes, headers: { 'If-Match': etag } });
    return { member: r.data, etag: r.headers.get('ETag') };
  } catch (e) {
    if (e instanceof ApiError && e.status === 412) {
      throw new ApiError(412, { ...e.problem, detail: STALE }, e.headers);
    }
    throw e;
  }
}

/**
 * The invite form's own check, shown in the page (next to each field and at the top of the dialog)
 * rather than by the browser's bubble: the same words the API would answer with.
 */
function checkInvite(ctx, form) {
  const errors = [];
  const email = form.querySelector('[name=email]');
  if (!email.value.trim()) errors.push({ field: 'email', message: 'Enter the email address of the person to invite.' });
  else if (email.validity.typeMismatch) errors.push({ field: 'email', message: `${email.value.trim()} is not an email address.` });
  if (!form.querySelector('[name=name]').value.trim()) errors.push({ field: 'name', message: 'Enter the name of the person to invite.' });
  if (ctx.exclusive && chosenRoles(form).length === 0) errors.push({ field: 'roles', message: 'Choose a role.' });
  if (errors.length) throw new ApiError(400, { title: 'Check the form', errors });
}

/** "Invite user": every field is mandatory (in the cumulative catalog, no role at all is a choice). */
export function inviteDialog(ctx, done) {
  openDialog({
    title: 'Invite user',
    testId: 'invite-dialog',
    submitLabel: 'Invite',
    body: [
      h('p', { class: 'hint' }, 'All fields are mandatory. The user gets an email with a link to complete the registration.'),
      field({ label: 'Email', name: 'email', type: 'email', required: true, autocomplete: 'off' }),
      field({ label: 'Name', name: 'name', required: true, autocomplete: 'off' }),
      rolesFieldset(ctx, [], 'User Role'),
    ],
    novalidate: true,
    submit: async (data, form) => {
      checkInvite(ctx, form);
      const body = { email: data.get('email').trim(), name: data.get('name').trim(), roles: chosenRoles(form) };
      const r = await api('POST', users(ctx), { body });
      show('success', `Invitation sent to ${r.data.email}. The link expires ${formatTime(r.data.invitation.expiresAt)}.`);
      await done(r.data);
    },
  });
}

/** "Manage access": the member's roles, read fresh with their ETag, saved with If-Match. */
export async function manageAccessDialog(ctx, id, done) {
  const { member, etag } = await readMember(ctx, id);
  openDialog({
    title: `Manage access: ${member.email}`,
    testId: 'access-dialog',
    submitLabel: 'Save changes',
    body: rolesFieldset(ctx, member.roles, 'User Role'),
    submit: async (data, form, dialog) => {
      try {
        await changeMember(ctx, id, etag, { roles: chosenRoles(form) });
      } catch (e) {
        if (e instanceof ApiError && e.status === 412) {
          dialog.close();
          show('error', STALE);
          await done();
          return;
        }
        throw e;
      }
      show('success', `Access of ${member.email} saved. If they are logged in, the change applies to their next request.`);
      await done();
    },
  });
}

/** Activate or deactivate, on the member as read just now. */
export async function setStatus(ctx, id, status, etag) {
  const current = etag ? { etag } : await readMember(ctx, id);
  const r = await changeMember(ctx, id, current.etag, { status });
  show('success', status === 'INACTIVE'
    ? `${r.member.email} was deactivated and can no longer log in.`
    : `${r.member.email} was activated.`);
  return r;
}

/**
 * "Deactivate" with its confirmation (as Grafana and Auth0 ask): deactivate() runs only on the dialog's
 * button; what it throws is shown inside the dialog.
 */
export function deactivateDialog(ctx, member, deactivate) {
  openDialog({
    title: 'Deactivate user',
    testId: 'deactivate-dialog',
    submitLabel: 'Deactivate',
    danger: true,
    body: [
      h('p', null, h('strong', null, member.email), ' will no longer be able to log in to ', ctx.membership.accountName,
        '. Their open sessions end at once.'),
      h('p', { class: 'hint' }, 'Nothing is deleted: you can activate them again later.'),
    ],
    submit: async () => {
      await deactivate();
    },
  });
}

/** "Resend invitation" with its confirmation. */
export function resendDialog(ctx, member, done) {
  openDialog({
    title: 'Resend invitation',
    testId: 'resend-dialog',
    submitLabel: 'Resend',
    body: h('p', null, 'Send a new invitation link to ', h('strong', null, member.email),
      '? Earlier links stop working and the expiry starts again.'),
    submit: async () => {
      const r = await api('POST', `${one(ctx, member.id)}/invitation`);
      show('success', `Invitation resent to ${member.email}. The new link expires ${formatTime(r.data.invitation.expiresAt)}.`);
      await done();
    },
  });
}

/**
 * "Delete" ("Remove" in the cumulative catalog): the email is typed again and sent as Confirm-Email; the
 * button stays disabled until the typed email matches (the server compares again).
 */
export function deleteDialog(ctx, member, done) {
  const verb = ctx.words?.remove ?? 'Delete';
  const matches = (typed) => typed.trim().toLowerCase() === member.email.toLowerCase();
  const dialog = openDialog({
    title: `${verb} user`,
    testId: 'delete-dialog',
    submitLabel: verb,
    danger: true,
    body: [
      h('p', null, h('strong', null, member.email), ' will lose access to ', ctx.membership.accountName,
        '. To give access again you will need to invite them again.'),
      field({ label: `Type ${member.email} to confirm`, name: 'confirmEmail', type: 'text', required: true, autocomplete: 'off', spellcheck: 'false',
        hint: `The ${verb} button works once the email matches.` }),
    ],
    submit: async (data) => {
      if (!matches(data.get('confirmEmail'))) {
        throw new ApiError(422, { detail: `The email you typed does not match ${member.email}. Nothing was ${ctx.words?.removed ?? 'deleted'}.` });
      }
      try {
        await api('DELETE', one(ctx, member.id), { headers: { 'Confirm-Email': data.get('confirmEmail').trim() } });
      } catch (e) {
        if (e instanceof ApiError && e.slug === 'confirmation-mismatch') {
          throw new ApiError(422, { ...e.problem, detail: `The email you typed does not match ${member.email}. Nothing was ${ctx.words?.removed ?? 'deleted'}.` });
        }
        throw e;
      }
      await done(member);
    },
  });
  const input = dialog.querySelector('[name=confirmEmail]');
  const button = dialog.querySelector('[type=submit]');
  const sync = () => { button.disabled = !matches(input.value); };
  input.addEventListener('input', sync);
  // onSubmit enables the button again after a refusal: the typed email decides
  dialog.querySelector('form').addEventListener('settled', sync);
  sync();
}
