// Pages for people without a session: log in, sign up and its confirmation, forgotten password, accepting an invitation.
import { h, fill, field, fragment, formatTime } from './dom.js';
import { api, session, ApiError, explain } from './api.js';
import { show, flash } from './messages.js';
import { onSubmit } from './ui.js';

const EMAIL_KEY = 'roster.loginEmail';
const PASSWORD_HINT = 'A long passphrase (15 characters or more, unless your operator set another minimum) that is not a common password and does not contain your email name. If Roster refuses one, it says why.';

/**
 * After a token form was used: the fields are emptied and the history entry no longer holds the page's
 * address with a token, so Back (or a restored tab) cannot show the used form, a typed password or the
 * link again (issue 22). The caller then replaces the entry with the next page.
 */
function forgetUsedForm(form) {
  form.reset();
  form.querySelectorAll('input').forEach((i) => { if (i.type !== 'hidden') i.value = ''; });
  history.replaceState(null, '', location.pathname);
}

function page(main, title, ...content) {
  main.classList.add('narrow');
  document.title = `${title} · Roster`;
  fill(main, h('h1', null, title), content);
}

/**
 * The path of `next` when it is a page of this console, else null. Resolved the way the browser will
 * resolve it: a backslash, a tab or a newline in it (`/\\evil.example`, `/%09/evil.example`) would
 * otherwise lead to another site (review F7).
 */
export function sameOriginPath(next, origin = location.origin) {
  if (!next || !next.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(next)) return null;
  let url;
  try {
    url = new URL(next, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin || url.pathname.startsWith('//') || url.pathname.startsWith('/login')) return null;
  return url.pathname + url.search;
}

/** Where to go after logging in: the page that asked for it, the only account, or the account picker. */
async function landing() {
  const next = sameOriginPath(new URLSearchParams(location.search).get('next'));
  if (next) return next;
  const me = (await api('GET', '/me')).data;
  const active = me.memberships.filter((m) => m.status === 'ACTIVE');
  return active.length === 1 ? `/accounts/${encodeURIComponent(active[0].accountId)}` : '/accounts';
}

export async function home() {
  location.replace(session.token() ? await landing() : '/login');
}

export function login(main) {
  const email = sessionStorage.getItem(EMAIL_KEY) ?? '';
  sessionStorage.removeItem(EMAIL_KEY);
  const form = h('form', { class: 'card stack', 'aria-label': 'Log in' },
    field({ label: 'Email', name: 'email', type: 'email', required: true, autocomplete: 'username', value: email }),
    field({ label: 'Password', name: 'password', type: 'password', required: true, autocomplete: 'current-password' }),
    h('div', { class: 'actions left' }, h('button', { type: 'submit', class: 'primary' }, 'Log in')));
  onSubmit(form, async (data) => {
    const r = await api('POST', '/auth/login', { anonymous: true, body: { email: data.get('email'), password: data.get('password') } });
    session.start(r.data.token);
    location.replace(await landing());
  });
  page(main, 'Log in', form,
    h('p', null, h('a', { href: '/sso-login', 'data-testid': 'continue-with-sso' }, 'Continue with single sign-on')),
    h('p', null, h('a', { href: '/forgot-password' }, 'Forgot your password?')),
    h('p', null, 'New to Roster? ', h('a', { href: '/signup' }, 'Create an account')));
  form.querySelector(email ? '[name=password]' : '[name=email]').focus();
}

export function signup(main) {
  const form = h('form', { class: 'card stack', 'aria-label': 'Sign up' },
    field({ label: 'Account name', name: 'accountName', required: true, autocomplete: 'organization' }),
    field({ label: 'Your name', name: 'name', required: true, autocomplete: 'name' }),
    field({ label: 'Email', name: 'email', type: 'email', required: true, autocomplete: 'email', hint: 'We send a link to this address; you choose your password when you open it.' }),
    h('div', { class: 'actions left' }, h('button', { type: 'submit', class: 'primary' }, 'Sign up')));
  onSubmit(form, async (data) => {
    const body = Object.fromEntries(['accountName', 'name', 'email'].map((k) => [k, data.get(k)]));
    const r = await api('POST', '/accounts', { anonymous: true, body });
    if (r.status === 202) {
      fill(main, h('h1', null, 'Check your email'),
        h('div', { class: 'card', 'data-testid': 'signup-sent' },
          h('p', null, 'We sent a message to ', h('strong', null, body.email), '. Open the link in it and choose your password there to create ', h('strong', null, body.accountName), '.'),
          h('p', { class: 'muted' }, 'The link works once. Nothing arrived? Check the spam folder, or sign up again for a new link.')));
      show('success', `Confirmation email sent to ${body.email}.`);
      return;
    }
    sessionStorage.setItem(EMAIL_KEY, body.email);
    flash('success', `Your account ${r.data.account.name} is ready. Log in.`);
    location.replace('/login');
  });
  page(main, 'Create an account', form, h('p', null, 'Already have a login? ', h('a', { href: '/login' }, 'Log in')));
}

/**
 * The page of the mailed sign-up link (API v1.2). Opening it does nothing but read the token and take it
 * out of the address bar: the account is created only when the person chooses a password and submits,
 * so a link scanner that runs the page creates nothing (F8).
 */
export function confirmSignup(main) {
  const token = fragment().get('token');
  if (token) history.replaceState(history.state, '', location.pathname + location.search);
  const form = h('form', { class: 'card stack', 'aria-label': 'Choose your password', autocomplete: 'off' },
    h('p', null, 'Choose the password of your new Roster login. Your account is created when you press the button.'),
    field({ label: 'Password', name: 'password', type: 'password', required: true, autocomplete: 'new-password', hint: PASSWORD_HINT }),
    h('div', { class: 'actions left' }, h('button', { type: 'submit', class: 'primary' }, 'Create my account')));
  onSubmit(form, async (data) => {
    if (!token) throw new ApiError(410, { detail: 'This page needs the link from the confirmation email.' });
    let r;
    try {
      r = await api('POST', '/signups/confirm', { anonymous: true, body: { token, password: data.get('password') } });
    } catch (e) {
      if (e instanceof ApiError && e.status === 410) {
        fill(main, h('h1', null, 'Confirm your sign-up'),
          h('p', { class: 'card', 'data-testid': 'signup-invalid' }, 'This confirmation link cannot be used: it is unknown, already used or expired, or this email already has a Roster login or an invitation. ',
            h('a', { href: '/signup' }, 'Sign up again'), ' for a new link, or ', h('a', { href: '/login' }, 'log in'), ' (or accept your invitation) and create the account from the account list.'));
      }
      throw e;
    }
    forgetUsedForm(form);
    sessionStorage.setItem(EMAIL_KEY, r.data.user.email);
    flash('success', `Your account ${r.data.account.name} is ready. Log in with ${r.data.user.email}.`);
    location.replace('/login');
  });
  page(main, 'Confirm your sign-up', form);
  if (!token) show('error', 'This page needs the link from the confirmation email.');
}

export function forgotPassword(main) {
  const form = h('form', { class: 'card stack', 'aria-label': 'Forgotten password' },
    h('p', null, 'Enter the email you log in with. If it has a Roster login, we send it a link to set a new password.'),
    field({ label: 'Email', name: 'email', type: 'email', required: true, autocomplete: 'username' }),
    h('div', { class: 'actions left' }, h('button', { type: 'submit', class: 'primary' }, 'Send the link')));
  onSubmit(form, async (data) => {
    await api('POST', '/auth/password-reset', { anonymous: true, body: { email: data.get('email') } });
    form.reset();
    show('success', `If ${data.get('email')} has a Roster login, a link to set a new password is on its way.`);
  });
  page(main, 'Forgot your password?', form, h('p', null, h('a', { href: '/login' }, 'Back to log in')));
}

export function resetPassword(main) {
  const token = fragment().get('token');
  const form = h('form', { class: 'card stack', 'aria-label': 'Set a new password', autocomplete: 'off' },
    field({ label: 'New password', name: 'password', type: 'password', required: true, autocomplete: 'new-password', hint: PASSWORD_HINT }),
    h('div', { class: 'actions left' }, h('button', { type: 'submit', class: 'primary' }, 'Set password')));
  onSubmit(form, async (data) => {
    if (!token) throw new ApiError(410, { detail: 'This page needs the link from the password email.' });
    try {
      await api('POST', '/auth/password-reset/confirm', { anonymous: true, body: { token, password: data.get('password') } });
    } catch (e) {
      if (e instanceof ApiError && e.status === 410) {
        throw new ApiError(410, { detail: 'This link cannot be used: it is unknown, already used, replaced by a newer one, or expired. Ask for a new one.' });
      }
      throw e;
    }
    forgetUsedForm(form);
    flash('success', 'Your password was changed. Log in with the new one.');
    location.replace('/login');
  });
  page(main, 'Set a new password', form, h('p', null, h('a', { href: '/forgot-password' }, 'Ask for a new link')));
}

export async function acceptInvitation(main) {
  const token = fragment().get('token');
  page(main, 'Accept the invitation', h('p', { class: 'card' }, 'Reading the invitation…'));
  let invitation;
  try {
    if (!token) throw new ApiError(410, {});
    invitation = (await api('POST', '/invitations/lookup', { anonymous: true, body: { token } })).data;
  } catch (e) {
    const gone = e instanceof ApiError && e.status === 410;
    fill(main, h('h1', null, 'Accept the invitation'),
      h('p', { class: 'card' }, gone
        ? 'This invitation link cannot be used: it is unknown, already used, or expired. Ask the person who invited you to resend the invitation.'
        : explain(e)));
    show('error', gone ? 'This invitation link is invalid or has expired.' : explain(e));
    return;
  }
  // issue 19: an account with single sign-on offers its provider; one that requires it, only its provider
  const sso = invitation.sso;
  const continueWithSso = (startUrl) => location.assign(`${startUrl}&next=${encodeURIComponent('/accounts')}`);
  const ssoOffer = sso && h('div', { class: 'card stack', 'data-testid': 'invitation-sso' },
    h('p', null, sso.enforcement === 'required'
      ? `${invitation.accountName} signs its members in with ${sso.displayName}. Sign in there as ${invitation.email} to join; no Roster password is set.`
      : `${invitation.accountName} also signs its members in with ${sso.displayName}: sign in there as ${invitation.email} to join, or set a password below.`),
    h('div', { class: 'actions left' }, h('button', { type: 'button', class: sso.enforcement === 'required' ? 'primary' : null,
      'data-testid': 'invitation-continue-with-sso', onclick: () => continueWithSso(sso.startUrl) }, `Continue with SSO (${sso.displayName})`)));
  if (sso && sso.enforcement === 'required') {
    page(main, `Join ${invitation.accountName}`,
      h('dl', { class: 'facts card', 'data-testid': 'invitation' },
        h('dt', null, 'Account'), h('dd', null, invitation.accountName),
        h('dt', null, 'Invited by'), h('dd', null, invitation.invitedBy ?? '—'),
        h('dt', null, 'Email'), h('dd', null, invitation.email),
        h('dt', null, 'Link expires'), h('dd', null, formatTime(invitation.expiresAt))),
      ssoOffer);
    return;
  }
  const form = h('form', { class: 'card stack', 'aria-label': 'Complete registration', autocomplete: 'off' },
    h('dl', { class: 'facts', 'data-testid': 'invitation' },
      h('dt', null, 'Account'), h('dd', null, invitation.accountName),
      h('dt', null, 'Invited by'), h('dd', null, invitation.invitedBy ?? '—'),
      h('dt', null, 'Email'), h('dd', null, invitation.email),
      h('dt', null, 'Link expires'), h('dd', null, formatTime(invitation.expiresAt))),
    h('input', { type: 'hidden', name: 'username', value: invitation.email, autocomplete: 'username' }),
    field({ label: 'Your name (optional)', name: 'name', autocomplete: 'name', hint: 'Leave empty to keep the name your inviter typed.' }),
    field({ label: 'Password', name: 'password', type: 'password', required: true, autocomplete: 'new-password',
      hint: `${PASSWORD_HINT} If you already have a Roster login, type its password.` }),
    h('div', { class: 'actions left' }, h('button', { type: 'submit', class: 'primary' }, 'Complete registration')));
  onSubmit(form, async (data) => {
    const body = { token, password: data.get('password') };
    if (data.get('name').trim()) body.name = data.get('name').trim();
    try {
      await api('POST', '/invitations/accept', { anonymous: true, body });
    } catch (e) {
      if (e instanceof ApiError && e.status === 410) {
        throw new ApiError(410, { detail: 'This invitation link is no longer valid (used, resent or expired). Ask for a new invitation.' });
      }
      if (e instanceof ApiError && e.slug === 'sso-required' && e.problem.startUrl) {
        // the account came to require SSO since the page was read: accept through its provider
        continueWithSso(e.problem.startUrl);
        return;
      }
      throw e;
    }
    forgetUsedForm(form);
    sessionStorage.setItem(EMAIL_KEY, invitation.email);
    flash('success', `Welcome to ${invitation.accountName}. Your registration is complete: log in with ${invitation.email}.`);
    location.replace('/login');
  });
  page(main, `Join ${invitation.accountName}`, ssoOffer || null, form);
  form.querySelector('[name=password]').focus();
}
