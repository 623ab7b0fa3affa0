// Messages at the top of the page (success or error, as the seeds describe), and across one navigation.
import { h, fill } from './dom.js';

const FLASH = 'roster.flash';
const LABEL = { success: 'Success:', error: 'Error:', info: 'Note:' };

/** Shows a message now, replacing the earlier ones. */
export function show(kind, text) {
  const box = document.getElementById('messages');
  const msg = h('div', { class: `msg msg-${kind}`, role: kind === 'error' ? 'alert' : 'status', 'data-kind': kind },
    h('p', null, h('strong', null, LABEL[kind], ' '), text),
    h('button', { type: 'button', 'aria-label': 'Dismiss message', onclick: () => msg.remove() }, '✕'));
  fill(box, msg);
  return msg;
}

export function clear() {
  fill(document.getElementById('messages'));
}

/** Keeps a message for the next page (after a navigation). */
export function flash(kind, text) {
  sessionStorage.setItem(FLASH, JSON.stringify({ kind, text }));
}

export function showFlash() {
  const raw = sessionStorage.getItem(FLASH);
  if (!raw) return;
  sessionStorage.removeItem(FLASH);
  const { kind, text } = JSON.parse(raw);
  show(kind, text);
}
