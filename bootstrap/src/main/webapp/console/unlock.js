// The page of a lock notice's link (/unlock#token=…): ends the lock only when its button is pressed, never
// on page load (a mail scanner that opens the link must not use it up).
import { h, fill, fragment } from './dom.js';
import { api, ApiError } from './api.js';
import { flash } from './messages.js';
import { onSubmit } from './ui.js';

export function unlock(main) {
  const token = fragment().get('token');
  main.classList.add('narrow');
  document.title = 'End the lock · Roster';
  const form = h('form', { class: 'card stack', 'aria-label': 'End the lock' },
    h('p', null, 'Your login was locked after too many wrong passwords. If you want to log in now, end the lock. '
      + 'If the wrong passwords were not yours, choose a new password afterwards.'),
    h('div', { class: 'actions left' }, h('button', { type: 'submit', class: 'primary' }, 'End the lock')));
  onSubmit(form, async () => {
    if (!token) throw new ApiError(410, { detail: 'This page needs the link from the lock notice email.' });
    try {
      await api('POST', '/auth/unlock', { anonymous: true, body: { token } });
    } catch (e) {
      if (e instanceof ApiError && e.status === 410) {
        throw new ApiError(410, { detail: 'This link cannot be used: it is unknown, already used, replaced by a newer one, or expired. Wait for the lock to end, or reset your password.' });
      }
      throw e;
    }
    flash('success', 'The lock has ended. Log in.');
    location.assign('/login');
  });
  fill(main, h('h1', null, 'End the lock'), form,
    h('p', null, h('a', { href: '/forgot-password' }, 'Reset your password instead')));
}
