// Single sign-on (issue 19): "Continue with SSO" (/sso-login), the page the provider's sign-in lands on
// (/sso-complete, which trades the one-time code for a session by POST), and an account's
// "Single sign-on" page (/accounts/{id}/sso: configure, test, enforce, verify domains).
import { h, fill, field } from './dom.js';
import { api, ApiError, session } from './api.js';
import { flash, show } from './messages.js';
import { onSubmit, renderNav } from './ui.js';
import { accountContext } from './account.js';

/** What each failure reason of /sso-complete#error=… means to the person signing in. */
const REASONS = {
  email_unverified: 'Your identity provider has not verified your email address.',
  email_missing: 'Your identity provider did not share your email address.',
  not_invited: 'This email is not a member of the account. Ask an administrator to invite you.',
  linked_to_another_subject: 'This member is already linked to another login at the identity provider.',
  invitation_expired: 'Your invitation has expired. Ask an administrator to resend it.',
  member_inactive: 'Your access to this account is deactivated.',
  idp_unreachable: 'The identity provider cannot be reached right now. Try again later.',
  client_rejected: 'The identity provider refused Roster’s credentials. Tell the account’s administrator.',
  wrong_audience: 'The identity provider’s answer was meant for another application.',
  state_invalid: 'This sign-in was already used or is unknown. Start again.',
  flow_expired: 'The sign-in took too long. Start again.',
  browser_mismatch: 'The sign-in was started in another browser. Start again here.',
};

function reasonText(reason) {
  return REASONS[reason] ?? `The sign-in through your identity provider failed (${reason}).`;
}

/** "Continue with SSO": the email decides where to sign in. */
export function ssoLogin(main) {
  main.classList.add('narrow');
  document.title = 'Continue with single sign-on · Roster';
  const next = new URLSearchParams(location.search).get('next') ?? '/accounts';
  const form = h('form', { class: 'card stack', 'aria-label': 'Continue with single sign-on' },
    field({ label: 'Work email', name: 'email', type: 'email', required: true, autocomplete: 'username' }),
    h('div', { class: 'actions left' }, h('button', { type: 'submit', class: 'primary' }, 'Continue')));
  onSubmit(form, async (data) => {
    const r = await api('POST', '/auth/sso/discover', { anonymous: true, body: { email: data.get('email') } });
    if (r.data.method === 'sso') {
      location.assign(`${r.data.startUrl}&next=${encodeURIComponent(next)}`);
      return;
    }
    show('info', 'This email signs in with a password.');
    location.assign('/login');
  });
  fill(main, h('h1', null, 'Continue with single sign-on'), form,
    h('p', null, h('a', { href: '/login' }, 'Log in with a password instead')));
}

/** Where the provider's sign-in lands: #code=… is traded once, by POST, for a session. */
export async function ssoComplete(main) {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  history.replaceState(history.state, '', location.pathname); // the code leaves the address bar at once
  main.classList.add('narrow');
  document.title = 'Single sign-on · Roster';
  const error = params.get('error');
  const code = params.get('code');
  if (error || !code) {
    fill(main, h('h1', null, 'Sign-in failed'),
      h('p', { class: 'notice', 'data-testid': 'sso-error' }, error ? reasonText(error) : 'This page needs the sign-in of your identity provider.'),
      h('p', null, h('a', { href: '/sso-login' }, 'Try again'), ' · ', h('a', { href: '/login' }, 'Log in with a password')));
    return;
  }
  fill(main, h('h1', null, 'Signing you in…'));
  try {
    const r = await api('POST', '/auth/sso/complete', { anonymous: true, body: { code } });
    session.start(r.data.token);
    const next = params.get('next');
    location.replace(next && next.startsWith('/') && !next.startsWith('//') ? next : '/accounts');
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    fill(main, h('h1', null, 'Sign-in failed'),
      h('p', { class: 'notice', 'data-testid': 'sso-error' }, e.status === 410 ? 'This sign-in was already used or took too long. Start again.' : e.message),
      h('p', null, h('a', { href: '/sso-login' }, 'Try again')));
  }
}

/** An account's "Single sign-on" page, for members with users:manage. */
export async function ssoPage(main, { accountId }) {
  const ctx = await accountContext(accountId);
  renderNav(ctx, 'sso');
  document.title = `Single sign-on · ${ctx.membership.accountName} · Roster`;
  if (!ctx.can('users:manage')) {
    fill(main, h('h1', null, 'Single sign-on'), h('p', { class: 'notice' }, 'Your role does not include managing users.'));
    return;
  }
  let current = null;
  try {
    current = (await api('GET', `${ctx.path}/sso`)).data;
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
  }
  const callback = `${location.origin}/api/v1/auth/sso/callback`;
  const form = h('form', { class: 'card stack', 'aria-label': 'Identity provider', 'data-testid': 'sso-form' },
    field({ label: 'Issuer URL', name: 'issuer', type: 'url', required: true, value: current?.issuer ?? '', hint: 'Roster reads <issuer>/.well-known/openid-configuration.' }),
    field({ label: 'Client ID', name: 'clientId', required: true, value: current?.clientId ?? '' }),
    field({ label: 'Client secret', name: 'clientSecret', type: 'password', required: !current, autocomplete: 'off', hint: current ? 'Leave empty to keep the stored secret. It is never shown.' : 'Stored encrypted; never shown again.' }),
    field({ label: 'Display name', name: 'displayName', required: true, value: current?.displayName ?? '', hint: 'Members see “Continue with …”.' }),
    field({ label: 'Email domains', name: 'domains', value: (current?.domains ?? []).map((d) => d.domain).join(', '), hint: 'Comma-separated; each routes sign-in once verified.' }),
    field({ label: 'Enforcement', name: 'enforcement', type: 'select', value: current?.enforcement ?? 'optional', options: [['optional', 'Optional: password or SSO'], ['required', 'Required: SSO only (the owner keeps a password)']] }),
    h('p', { class: 'hint' }, 'Register this redirect URI at your provider: ', h('code', null, callback)),
    h('div', { class: 'actions left' }, h('button', { type: 'submit', class: 'primary' }, 'Save')));
  onSubmit(form, async (data) => {
    const body = {
      issuer: data.get('issuer'), clientId: data.get('clientId'), displayName: data.get('displayName'),
      domains: String(data.get('domains') ?? '').split(',').map((d) => d.trim()).filter(Boolean),
      enforcement: data.get('enforcement'),
    };
    if (data.get('clientSecret')) body.clientSecret = data.get('clientSecret');
    await api('PUT', `${ctx.path}/sso`, { body });
    flash('success', 'Single sign-on saved.');
    location.reload();
  });
  const parts = [h('h1', null, 'Single sign-on'), form];
  if (current) {
    const result = h('p', { 'data-testid': 'sso-test-result', role: 'status' });
    const test = h('button', { type: 'button' }, 'Test connection');
    test.addEventListener('click', async () => {
      try {
        const t = (await api('POST', `${ctx.path}/sso/test`)).data;
        result.textContent = `Reached ${t.issuer}: ${t.keys} signing key(s).`;
      } catch (e) {
        result.textContent = e.message;
      }
    });
    const remove = h('button', { type: 'button', class: 'danger' }, 'Remove single sign-on');
    remove.addEventListener('click', async () => {
      try {
        await api('DELETE', `${ctx.path}/sso`);
        flash('success', 'Single sign-on removed.');
        location.reload();
      } catch (e) {
        show('error', e.message);
      }
    });
    const domains = h('ul', { 'data-testid': 'sso-domains' }, current.domains.map((d) => {
      const verify = h('button', { type: 'button' }, 'Verify');
      verify.addEventListener('click', async () => {
        try {
          await api('POST', `${ctx.path}/sso/domains/${encodeURIComponent(d.domain)}/verify`);
          location.reload();
        } catch (e) {
          show('error', e.message);
        }
      });
      return h('li', null, h('strong', null, d.domain), ' ', d.verified ? 'verified' : h('span', null, 'not verified: add the DNS TXT record ', h('code', null, d.txtRecord), ' ', verify));
    }));
    parts.push(h('section', { class: 'card stack' }, h('h2', null, 'Connection'), h('div', { class: 'actions left' }, test, remove), result),
      h('section', { class: 'card stack' }, h('h2', null, 'Domains'), domains),
      h('p', null, 'Members sign in at ', h('code', null, `${location.origin}/api/v1/auth/sso/start?account=${accountId}`)));
  }
  fill(main, ...parts);
}
